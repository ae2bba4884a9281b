/** 分类: top categories in a sidebar; the chosen one's sub-category chips and products, paged on scroll. */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { View, Text, ScrollView } from '@tarojs/components';
import { useDidShow } from '@tarojs/taro';
import type { Category } from '@shop/types';
import EmptyState from '../../components/empty-state';
import ProductGrid from '../../components/goods/product-grid';
import { useProductPages } from '../../components/goods/use-product-pages';
import ErrorState from '../../components/status/error-state';
import LoadMore from '../../components/status/load-more';
import Skeleton from '../../components/status/skeleton';
import { fetchCategories } from '../../services/catalog';
import { applyCartBadge } from '../../store/cart-badge';
import { peekChosenCategory, takeChosenCategory } from '../../store/category-choice';
import './index.css';

type CategoriesStatus = 'loading' | 'ready' | 'error';

function bySort(a: Category, b: Category): number {
  return a.sort - b.sort;
}

/** Where a chosen category sits: a top category alone, or a second-level one under its parent. */
function placeOf(
  categories: Category[],
  id: string | undefined,
): { topId: string; subId: string } | undefined {
  const chosen = id === undefined ? undefined : categories.find((c) => c._id === id);
  if (!chosen) return undefined;
  return chosen.parentId === null
    ? { topId: chosen._id, subId: '' }
    : { topId: chosen.parentId, subId: chosen._id };
}

export default function CategoryPage() {
  const [status, setStatus] = useState<CategoriesStatus>('loading');
  const [errorCode, setErrorCode] = useState('');
  const [categories, setCategories] = useState<Category[]>([]);
  const [topId, setTopId] = useState('');
  /** The chosen second-level category, or '' for the whole top category. */
  const [subId, setSubId] = useState('');
  const products = useProductPages();
  const { load, loadMore } = products;

  const tops = useMemo(() => categories.filter((c) => c.parentId === null).sort(bySort), [categories]);
  const subs = useMemo(
    () => categories.filter((c) => c.parentId === topId).sort(bySort),
    [categories, topId],
  );

  const showCategory = useCallback(
    (nextTopId: string, nextSubId = '') => {
      setTopId(nextTopId);
      setSubId(nextSubId);
      void load({ categoryId: nextSubId || nextTopId });
    },
    [load],
  );

  const loadCategories = useCallback(async () => {
    setStatus('loading');
    const answer = await fetchCategories();
    if (!answer.ok) {
      setErrorCode(answer.code);
      setStatus('error');
      return;
    }
    setCategories(answer.data);
    const topLevel = answer.data.filter((c) => c.parentId === null).sort(bySort);
    // A category chosen on 首页 before this page existed is shown first; else the first one.
    const wanted = placeOf(answer.data, takeChosenCategory());
    setStatus('ready');
    if (wanted) showCategory(wanted.topId, wanted.subId);
    else if (topLevel[0]) showCategory(topLevel[0]._id);
  }, [showCategory]);

  useEffect(() => {
    void loadCategories();
  }, [loadCategories]);

  useDidShow(() => {
    applyCartBadge();
    // Coming back from 首页's category entries or a coupon's 去使用: show the category chosen there.
    if (status !== 'ready' || peekChosenCategory() === undefined) return;
    const wanted = placeOf(categories, takeChosenCategory());
    if (wanted && (wanted.topId !== topId || wanted.subId !== subId))
      showCategory(wanted.topId, wanted.subId);
  });

  if (status === 'loading') return <Skeleton kind="list" />;
  if (status === 'error') return <ErrorState code={errorCode} onRetry={() => void loadCategories()} />;
  if (tops.length === 0) {
    return <EmptyState title="暂无分类" hint="商品上架后即可按分类浏览" />;
  }

  const list = products.state;
  return (
    <View className="category">
      <ScrollView className="category__side" scrollY id="category-side">
        {tops.map((top) => (
          <View
            key={top._id}
            id={`category-top-${top._id}`}
            className={`category__top ${top._id === topId ? 'category__top--active' : ''}`}
            onClick={() => top._id !== topId && showCategory(top._id)}
          >
            <Text>{top.name}</Text>
          </View>
        ))}
      </ScrollView>
      <ScrollView
        // A new category starts at the top: remounting resets the scroll position.
        key={`${topId}/${subId}`}
        className="category__main"
        scrollY
        id="category-main"
        lowerThreshold={120}
        onScrollToLower={() => void loadMore()}
      >
        {subs.length > 0 ? (
          <View className="category__chips">
            {[{ _id: '', name: '全部' }, ...subs].map((sub) => (
              <Text
                key={sub._id || 'all'}
                id={`category-sub-${sub._id || 'all'}`}
                className={`category__chip ${sub._id === subId ? 'category__chip--active' : ''}`}
                onClick={() => sub._id !== subId && showCategory(topId, sub._id)}
              >
                {sub.name}
              </Text>
            ))}
          </View>
        ) : null}
        {list.status === 'loading' || list.status === 'idle' ? <Skeleton kind="list" /> : null}
        {list.status === 'error' ? (
          <ErrorState code={list.errorCode ?? 'INTERNAL'} onRetry={() => showCategory(topId, subId)} />
        ) : null}
        {list.status === 'ready' && list.items.length === 0 ? (
          <EmptyState title="这个分类还没有商品" hint="看看其他分类吧" />
        ) : null}
        {list.status === 'ready' && list.items.length > 0 ? (
          <View className="category__products">
            <ProductGrid products={list.items} narrow />
            <LoadMore
              loading={list.loadingMore}
              hasMore={list.hasMore}
              failed={list.moreFailed}
              onRetry={() => void loadMore()}
            />
          </View>
        ) : null}
      </ScrollView>
    </View>
  );
}
