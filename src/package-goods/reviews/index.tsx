/** 商品评价 (?id=): every review of a product, newest first, 20 a page, more on scroll. */
import { useCallback, useEffect, useRef, useState } from 'react';
import { View } from '@tarojs/components';
import { useReachBottom, useRouter } from '@tarojs/taro';
import type { ReviewView } from '@shop/types';
import EmptyState from '../../components/empty-state';
import ReviewCard from '../../components/goods/review-card';
import ErrorState from '../../components/status/error-state';
import LoadMore from '../../components/status/load-more';
import Skeleton from '../../components/status/skeleton';
import { fetchProductReviews } from '../../services/review';
import './index.css';

interface ListState {
  status: 'loading' | 'error' | 'ready';
  errorCode?: string;
  items: ReviewView[];
  page: number;
  hasMore: boolean;
  loadingMore: boolean;
  moreFailed: boolean;
}

const START: ListState = {
  status: 'loading',
  items: [],
  page: 0,
  hasMore: false,
  loadingMore: false,
  moreFailed: false,
};

export default function ProductReviewsPage() {
  const { params } = useRouter();
  const productId = params.id ? decodeURIComponent(params.id) : '';
  const [state, setState] = useState<ListState>(START);
  // A ref as well: a scroll event in the same tick must not ask for the same page twice.
  const busy = useRef(false);

  const loadPage = useCallback(
    async (page: number) => {
      if (busy.current) return;
      busy.current = true;
      if (page > 1) setState((s) => ({ ...s, loadingMore: true, moreFailed: false }));
      const answer = await fetchProductReviews(productId, page);
      busy.current = false;
      setState((s) => {
        if (!answer.ok) {
          return page === 1
            ? { ...START, status: 'error', errorCode: answer.code }
            : { ...s, loadingMore: false, moreFailed: true };
        }
        const items = page === 1 ? answer.data.items : [...s.items, ...answer.data.items];
        return { ...s, status: 'ready', items, page, hasMore: answer.data.hasMore, loadingMore: false };
      });
    },
    [productId],
  );

  useEffect(() => {
    void loadPage(1);
  }, [loadPage]);

  useReachBottom(() => {
    if (state.status === 'ready' && state.hasMore && !state.moreFailed) void loadPage(state.page + 1);
  });

  if (state.status === 'loading') return <Skeleton kind="list" />;
  if (state.status === 'error') {
    return <ErrorState code={state.errorCode ?? 'INTERNAL'} onRetry={() => void loadPage(1)} />;
  }
  if (state.items.length === 0) return <EmptyState icon="comment" title="暂无评价" hint="购买后来说说吧" />;
  return (
    <View className="reviews-page">
      <View className="reviews-page__list" id="review-list">
        {state.items.map((review) => (
          <ReviewCard key={review._id} review={review} />
        ))}
      </View>
      <LoadMore
        loading={state.loadingMore}
        hasMore={state.hasMore}
        failed={state.moreFailed}
        onRetry={() => void loadPage(state.page + 1)}
      />
    </View>
  );
}
