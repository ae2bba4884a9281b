/** 我的收藏: the products the buyer keeps, newest first, paged; 已售罄 / 已下架 marked; 取消收藏 on each. */
import { useCallback, useRef, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { KeptProduct } from '@shop/types';
import EmptyState from '../../components/empty-state';
import ErrorState from '../../components/status/error-state';
import LoadMore from '../../components/status/load-more';
import Skeleton from '../../components/status/skeleton';
import { fetchFavorites, removeFavorite } from '../../services/buyer-lists';
import { errorMessage } from '../../services/error-messages';
import KeptProductRow from './kept-product-row';
import './index.css';

interface ListState {
  status: 'loading' | 'ready' | 'error';
  items: KeptProduct[];
  page: number;
  hasMore: boolean;
  loadingMore: boolean;
  moreFailed: boolean;
  errorCode?: string;
}

const INITIAL: ListState = {
  status: 'loading',
  items: [],
  page: 0,
  hasMore: false,
  loadingMore: false,
  moreFailed: false,
};

export default function FavoritesPage() {
  const [state, setState] = useState<ListState>(INITIAL);
  const [removing, setRemoving] = useState('');
  const loading = useRef(false);

  const load = useCallback(async (quiet = false) => {
    if (!quiet) setState(INITIAL);
    const answer = await fetchFavorites(1);
    if (answer.ok)
      setState({
        ...INITIAL,
        status: 'ready',
        items: answer.data.items,
        page: 1,
        hasMore: answer.data.hasMore,
      });
    else if (!quiet) setState({ ...INITIAL, status: 'error', errorCode: answer.code });
  }, []);

  const loadMore = useCallback(async () => {
    if (loading.current || state.status !== 'ready' || !state.hasMore) return;
    loading.current = true;
    setState((current) => ({ ...current, loadingMore: true, moreFailed: false }));
    const answer = await fetchFavorites(state.page + 1);
    loading.current = false;
    setState((current) =>
      answer.ok
        ? {
            ...current,
            // A product removed meanwhile shifts the pages: never list one twice.
            items: [
              ...current.items,
              ...answer.data.items.filter(
                (item) => !current.items.some((seen) => seen.product._id === item.product._id),
              ),
            ],
            page: answer.data.page,
            hasMore: answer.data.hasMore,
            loadingMore: false,
          }
        : { ...current, loadingMore: false, moreFailed: true },
    );
  }, [state]);

  // Read on every show: a product kept or dropped on its detail page shows here on the way back.
  useDidShow(() => void load(state.status === 'ready'));
  usePullDownRefresh(() => void load(true).finally(() => Taro.stopPullDownRefresh()));
  useReachBottom(() => void loadMore());

  const remove = async (productId: string) => {
    if (removing) return;
    setRemoving(productId);
    const answer = await removeFavorite(productId);
    setRemoving('');
    if (!answer.ok) {
      void Taro.showToast({ title: errorMessage(answer.code), icon: 'none' });
      return;
    }
    setState((current) => ({
      ...current,
      items: current.items.filter((item) => item.product._id !== productId),
    }));
    void Taro.showToast({ title: '已取消收藏', icon: 'none' });
  };

  if (state.status === 'loading') return <Skeleton kind="list" />;
  if (state.status === 'error')
    return <ErrorState code={state.errorCode ?? 'INTERNAL'} onRetry={() => void load()} />;
  if (state.items.length === 0) {
    return (
      <EmptyState
        icon="favorite"
        title="还没有收藏的商品"
        hint="在商品详情点 收藏，喜欢的商品就会出现在这里"
        actionText="去逛逛"
        onAction={() => Taro.switchTab({ url: '/pages/index/index' })}
      />
    );
  }
  return (
    <View className="favorites" id="favorites">
      <Text className="favorites__intro">
        共 {state.items.length}
        {state.hasMore ? '+' : ''} 件收藏
      </Text>
      {state.items.map((item) => (
        <KeptProductRow
          key={item.product._id}
          item={item}
          action={
            <View
              className="kept-row__remove"
              id={`unfavorite-${item.product._id}`}
              onClick={() => void remove(item.product._id)}
            >
              {removing === item.product._id ? '移除中' : '取消收藏'}
            </View>
          }
        />
      ))}
      <LoadMore
        loading={state.loadingMore}
        hasMore={state.hasMore}
        failed={state.moreFailed}
        onRetry={() => void loadMore()}
      />
    </View>
  );
}
