/**
 * 评价晒单 (?id=): each item of a received order with a 1–5 star picker and a text box, sent one item at a time
 * (review.create); items already reviewed show 已评价.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { View, Text, Textarea } from '@tarojs/components';
import { useRouter } from '@tarojs/taro';
import type { Order, OrderItem } from '@shop/types';
import { REVIEW_CONTENT_MAX, REVIEW_CONTENT_MIN } from '@shop/domain/reviews';
import { toast } from '../../components/common/confirm';
import EmptyState from '../../components/empty-state';
import StarRating from '../../components/goods/star-rating';
import OrderItemRow from '../../components/order/order-item-row';
import ErrorState from '../../components/status/error-state';
import Skeleton from '../../components/status/skeleton';
import { errorMessage } from '../../services/error-messages';
import { fetchOrder } from '../../services/order';
import { createReview, fetchReviewedSkus } from '../../services/review';
import './index.css';

type PageState =
  | { status: 'loading' }
  | { status: 'error'; code: string }
  | { status: 'ready'; order: Order; reviewed: string[] };

interface Draft {
  rating: number;
  content: string;
}

/** A fresh draft starts at five stars: most buyers who bother to review are happy. */
const NEW_DRAFT: Draft = { rating: 5, content: '' };

export default function OrderReviewPage() {
  const { params } = useRouter();
  const orderId = params.id ? decodeURIComponent(params.id) : '';
  const [state, setState] = useState<PageState>({ status: 'loading' });
  const [drafts, setDrafts] = useState<Record<string, Draft>>({});
  const [sending, setSending] = useState<string>();
  const busy = useRef(false);

  const load = useCallback(async () => {
    setState({ status: 'loading' });
    const [order, reviewed] = await Promise.all([fetchOrder(orderId), fetchReviewedSkus(orderId)]);
    if (!order.ok) setState({ status: 'error', code: order.code });
    else if (!reviewed.ok) setState({ status: 'error', code: reviewed.code });
    else setState({ status: 'ready', order: order.data, reviewed: reviewed.data });
  }, [orderId]);

  useEffect(() => {
    if (orderId) void load();
  }, [load, orderId]);

  const draftOf = (skuId: string): Draft => drafts[skuId] ?? NEW_DRAFT;
  const edit = (skuId: string, change: Partial<Draft>) =>
    setDrafts((all) => ({ ...all, [skuId]: { ...(all[skuId] ?? NEW_DRAFT), ...change } }));

  const markReviewed = (skuId: string) =>
    setState((s) => (s.status === 'ready' ? { ...s, reviewed: [...s.reviewed, skuId] } : s));

  const submit = async (item: OrderItem) => {
    if (busy.current) return;
    const draft = draftOf(item.skuId);
    const content = draft.content.trim();
    if ([...content].length < REVIEW_CONTENT_MIN) {
      toast(`请至少写 ${REVIEW_CONTENT_MIN} 个字`);
      return;
    }
    busy.current = true;
    setSending(item.skuId);
    try {
      const answer = await createReview({ orderId, skuId: item.skuId, rating: draft.rating, content });
      if (answer.ok || answer.code === 'REVIEW_EXISTS') markReviewed(item.skuId);
      toast(answer.ok ? '评价成功' : errorMessage(answer.code));
    } finally {
      busy.current = false;
      setSending(undefined);
    }
  };

  if (!orderId || (state.status === 'error' && state.code === 'ORDER_NOT_FOUND')) {
    return <EmptyState icon="order" title="订单不存在" hint="请返回订单列表查看" />;
  }
  if (state.status === 'loading') return <Skeleton kind="list" />;
  if (state.status === 'error') return <ErrorState code={state.code} onRetry={() => void load()} />;

  const { order, reviewed } = state;
  return (
    <View className="order-review">
      {order.items.map((item) => {
        const done = reviewed.includes(item.skuId);
        const draft = draftOf(item.skuId);
        return (
          <View className="card order-review__item" key={item.skuId} id={`review-item-${item.skuId}`}>
            <OrderItemRow item={item} compact />
            {done ? (
              <Text className="order-review__done" id={`review-done-${item.skuId}`}>
                已评价
              </Text>
            ) : (
              <View className="order-review__form">
                <View className="order-review__stars">
                  <Text className="order-review__label">商品评分</Text>
                  <StarRating
                    value={draft.rating}
                    size="lg"
                    idPrefix={`review-star-${item.skuId}`}
                    onChange={(rating) => edit(item.skuId, { rating })}
                  />
                </View>
                <Textarea
                  id={`review-text-${item.skuId}`}
                  className="order-review__textarea"
                  placeholder={`说说商品怎么样吧（${REVIEW_CONTENT_MIN}-${REVIEW_CONTENT_MAX} 字）`}
                  maxlength={REVIEW_CONTENT_MAX}
                  value={draft.content}
                  onInput={(event) => edit(item.skuId, { content: event.detail.value })}
                />
                <View
                  id={`review-submit-${item.skuId}`}
                  className={`button-primary order-review__submit ${sending === item.skuId ? 'order-review__submit--busy' : ''}`}
                  onClick={() => void submit(item)}
                >
                  {sending === item.skuId ? '提交中…' : '提交评价'}
                </View>
              </View>
            )}
          </View>
        );
      })}
    </View>
  );
}
