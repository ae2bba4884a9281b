/**
 * 首页: search entry, the merchant's banners and notices, category entries and the product feed (infinite
 * scroll, pull to refresh).
 */
import { useCallback, useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import type { Category, HomeBanner, HomeNotice } from '@shop/types';
import EmptyState from '../../components/empty-state';
import NewcomerPrompt from '../../components/coupon/newcomer-prompt';
import CategoryEntries from '../../components/goods/category-entries';
import ProductGrid from '../../components/goods/product-grid';
import HomeBanners from '../../components/home/home-banners';
import HomeNotices from '../../components/home/home-notices';
import { useProductPages } from '../../components/goods/use-product-pages';
import ErrorState from '../../components/status/error-state';
import LoadMore from '../../components/status/load-more';
import Skeleton from '../../components/status/skeleton';
import { fetchHome } from '../../services/catalog';
import { fetchCartCount } from '../../services/cart';
import { applyCartBadge } from '../../store/cart-badge';
import './index.css';

type HomeStatus = 'loading' | 'ready' | 'error';

export default function HomePage() {
  const [status, setStatus] = useState<HomeStatus>('loading');
  const [errorCode, setErrorCode] = useState('');
  const [categories, setCategories] = useState<Category[]>([]);
  const [banners, setBanners] = useState<HomeBanner[]>([]);
  const [notices, setNotices] = useState<HomeNotice[]>([]);
  const feed = useProductPages();
  const { showFirstPage, loadMore } = feed;

  /** The first screen is two calls: the home data and the cart count for the tab badge. */
  const loadHome = useCallback(
    async (quiet: boolean) => {
      if (!quiet) setStatus('loading');
      const [home] = await Promise.all([fetchHome(), fetchCartCount()]);
      if (home.ok) {
        setCategories(home.data.categories);
        setBanners(home.data.banners);
        setNotices(home.data.notices);
        showFirstPage({}, home.data.feed);
        setStatus('ready');
      } else if (!quiet) {
        setErrorCode(home.code);
        setStatus('error');
      } else {
        void Taro.showToast({ title: '刷新失败，请稍后重试', icon: 'none' });
      }
    },
    [showFirstPage],
  );

  useEffect(() => {
    void loadHome(false);
  }, [loadHome]);

  useDidShow(() => applyCartBadge());

  usePullDownRefresh(() => {
    void loadHome(status === 'ready').finally(() => Taro.stopPullDownRefresh());
  });

  useReachBottom(() => {
    void loadMore();
  });

  const openSearch = () => Taro.navigateTo({ url: '/package-goods/search/index' });

  return (
    <View className="home">
      <View className="home__header">
        <View className="home__search" id="home-search" onClick={openSearch}>
          <View className="home__search-icon" />
          <Text className="home__search-text">搜索商品</Text>
        </View>
      </View>
      {status === 'loading' ? <Skeleton kind="grid" /> : null}
      {status === 'error' ? <ErrorState code={errorCode} onRetry={() => void loadHome(false)} /> : null}
      {status === 'ready' ? (
        <View className="home__content">
          <HomeBanners banners={banners} />
          <HomeNotices notices={notices} />
          <NewcomerPrompt />
          <CategoryEntries categories={categories} />
          {feed.state.items.length === 0 ? (
            <EmptyState title="商品正在上架中" hint="稍后再来看看吧" />
          ) : (
            <View id="home-feed">
              <View className="home__section-title">
                <Text className="home__section-mark" />
                <Text>为你推荐</Text>
              </View>
              <ProductGrid products={feed.state.items} />
              <LoadMore
                loading={feed.state.loadingMore}
                hasMore={feed.state.hasMore}
                failed={feed.state.moreFailed}
                onRetry={() => void loadMore()}
              />
            </View>
          )}
        </View>
      ) : null}
    </View>
  );
}
