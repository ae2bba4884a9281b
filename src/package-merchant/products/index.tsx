/**
 * 商品: the catalog as staff see it. Search (the buyer's search terms), 在售 / 已下架 / 库存预警 tabs, 上架 /
 * 下架 in place, 新建商品, and each product's edit form a tap away.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Image, Input, View, Text } from '@tarojs/components';
import Taro, { useDidShow, useReachBottom } from '@tarojs/taro';
import { formatPriceRange, type LowStockRow, type MerchantProductRow } from '@shop/types';
import { errorMessage } from '../../services/error-messages';
import { imageUrl } from '../../services/image-url';
import { lowStock, merchantProducts, setProductOnSale } from '../../services/merchant';
import '../components/workspace.css';
import './index.css';

type Tab = 'all' | 'onSale' | 'offSale' | 'lowStock';

const TABS: { key: Tab; title: string }[] = [
  { key: 'all', title: '全部' },
  { key: 'onSale', title: '在售' },
  { key: 'offSale', title: '已下架' },
  { key: 'lowStock', title: '库存预警' },
];

const edit = (productId?: string) =>
  void Taro.navigateTo({
    url: productId
      ? `/package-merchant/product-edit/index?id=${productId}`
      : '/package-merchant/product-edit/index',
  });

export default function MerchantProductsPage() {
  const [tab, setTab] = useState<Tab>('all');
  const [keyword, setKeyword] = useState('');
  const [rows, setRows] = useState<MerchantProductRow[]>([]);
  const [low, setLow] = useState<LowStockRow[]>([]);
  const [page, setPage] = useState(0);
  const [hasMore, setHasMore] = useState(false);
  const [status, setStatus] = useState<'loading' | 'ready' | 'error'>('loading');
  const [failure, setFailure] = useState<string>();
  const ticket = useRef(0);
  const shownOnce = useRef(false);

  const load = useCallback(async (next: Tab, text: string, nextPage = 1) => {
    const mine = ++ticket.current;
    if (nextPage === 1) setStatus('loading');
    if (next === 'lowStock') {
      const answer = await lowStock();
      if (mine !== ticket.current) return;
      if (!answer.ok) return (setFailure(answer.code), setStatus('error'));
      setLow(answer.data.items);
      setStatus('ready');
      return;
    }
    const answer = await merchantProducts({
      ...(text.trim() && { keyword: text.trim() }),
      ...(next !== 'all' && { onSale: next === 'onSale' }),
      page: nextPage,
    });
    if (mine !== ticket.current) return;
    if (!answer.ok) {
      if (nextPage === 1) return (setFailure(answer.code), setStatus('error'));
      return void Taro.showToast({ title: errorMessage(answer.code), icon: 'none' });
    }
    setRows((current) => (nextPage === 1 ? answer.data.items : [...current, ...answer.data.items]));
    setPage(answer.data.page);
    setHasMore(answer.data.hasMore);
    setStatus('ready');
  }, []);

  useEffect(() => {
    void load('all', '');
  }, [load]);
  // A product changes on its edit page: read the list again when coming back.
  useDidShow(() => {
    if (shownOnce.current) void load(tab, keyword);
    shownOnce.current = true;
  });
  useReachBottom(() => {
    if (tab !== 'lowStock' && hasMore && status === 'ready') void load(tab, keyword, page + 1);
  });

  const toggle = async (row: MerchantProductRow) => {
    const answer = await setProductOnSale(row._id, !row.onSale);
    if (!answer.ok) return void Taro.showToast({ title: errorMessage(answer.code), icon: 'none' });
    void Taro.showToast({ title: answer.data.onSale ? '已上架' : '已下架', icon: 'none' });
    setRows((current) => current.map((r) => (r._id === row._id ? answer.data : r)));
  };

  return (
    <View className="ws ws-products">
      <View className="ws-search">
        <Input
          className="ws-input ws-search__input"
          id="ws-products-keyword"
          placeholder="搜索商品名称"
          value={keyword}
          confirmType="search"
          onInput={(event) => setKeyword(event.detail.value)}
          onConfirm={() => void load(tab === 'lowStock' ? 'all' : tab, keyword)}
        />
        <View
          className="ws-button"
          id="ws-products-search"
          onClick={() => {
            const next = tab === 'lowStock' ? 'all' : tab;
            setTab(next);
            void load(next, keyword);
          }}
        >
          搜索
        </View>
      </View>
      <View className="ws-tabs">
        {TABS.map((item) => (
          <View
            key={item.key}
            id={`ws-products-tab-${item.key}`}
            className={`ws-tabs__tab ${item.key === tab ? 'ws-tabs__tab--active' : ''}`}
            onClick={() => {
              setTab(item.key);
              void load(item.key, keyword);
            }}
          >
            {item.title}
          </View>
        ))}
      </View>
      {status === 'loading' ? <View className="ws-empty">加载中…</View> : null}
      {status === 'error' ? (
        <View className="ws-empty" onClick={() => void load(tab, keyword)}>
          {errorMessage(failure ?? 'INTERNAL')}，点此重试
        </View>
      ) : null}
      {status === 'ready' && tab === 'lowStock' ? (
        <View id="ws-low-stock">
          {low.length === 0 ? <View className="ws-empty">没有库存不足的商品</View> : null}
          {low.map((row) => (
            <View key={row.skuId} className="ws-card ws-product" onClick={() => edit(row.productId)}>
              <Image className="ws-product__image" src={imageUrl(row.image)} mode="aspectFill" />
              <View className="ws-product__main">
                <Text className="ws-product__title">{row.title}</Text>
                <Text className="ws-muted">{row.specText || '默认规格'}</Text>
              </View>
              <Text className={`ws-tag ${row.stock === 0 ? 'ws-tag--red' : 'ws-tag--orange'}`}>
                {row.stock === 0 ? '已售罄' : `仅剩 ${row.stock}`}
              </Text>
            </View>
          ))}
        </View>
      ) : null}
      {status === 'ready' && tab !== 'lowStock' ? (
        <View id="ws-product-rows">
          {rows.length === 0 ? <View className="ws-empty">没有商品</View> : null}
          {rows.map((row) => (
            <View key={row._id} className="ws-card ws-product" id={`ws-product-${row._id}`}>
              <Image
                className="ws-product__image"
                src={imageUrl(row.image)}
                mode="aspectFill"
                onClick={() => edit(row._id)}
              />
              <View className="ws-product__main" onClick={() => edit(row._id)}>
                <Text className="ws-product__title">{row.title}</Text>
                <Text className="ws-product__price">{formatPriceRange(row.minPrice, row.maxPrice)}</Text>
                <Text className="ws-muted">
                  库存 {row.stock} · 销量 {row.sales}
                </Text>
              </View>
              <View className="ws-product__side">
                <Text className={`ws-tag ${row.onSale ? 'ws-tag--green' : 'ws-tag--grey'}`}>
                  {row.onSale ? '在售' : '已下架'}
                </Text>
                <Text
                  className="ws-product__toggle"
                  id={`ws-product-toggle-${row._id}`}
                  onClick={() => void toggle(row)}
                >
                  {row.onSale ? '下架' : '上架'}
                </Text>
                <Text
                  className="ws-product__toggle"
                  id={`ws-product-stats-${row._id}`}
                  onClick={() =>
                    void Taro.navigateTo({ url: `/package-merchant/product-stats/index?id=${row._id}` })
                  }
                >
                  数据
                </Text>
              </View>
            </View>
          ))}
          {hasMore ? (
            <View className="ws-more" onClick={() => void load(tab, keyword, page + 1)}>
              加载更多
            </View>
          ) : null}
        </View>
      ) : null}
      <View className="ws-bar">
        <View className="ws-button" id="ws-product-new" onClick={() => edit()}>
          新建商品
        </View>
      </View>
    </View>
  );
}
