/** 搜索: a keyword, the sort tabs and the results, paged on reach-bottom; recent keywords before the first search. */
import { useState } from 'react';
import { View, Text, Input } from '@tarojs/components';
import { useLoad, useReachBottom } from '@tarojs/taro';
import type { ProductSort } from '@shop/types';
import EmptyState from '../../components/empty-state';
import ProductCard from '../../components/goods/product-card';
import SortTabs from '../../components/goods/sort-tabs';
import { clearSearchHistory, readSearchHistory, rememberSearch } from '../../components/goods/search-history';
import { useProductPages } from '../../components/goods/use-product-pages';
import ErrorState from '../../components/status/error-state';
import LoadMore from '../../components/status/load-more';
import Skeleton from '../../components/status/skeleton';
import './index.css';

export default function SearchPage() {
  const [input, setInput] = useState('');
  /** The keyword the results are for; '' until the first search. */
  const [keyword, setKeyword] = useState('');
  const [sort, setSort] = useState<ProductSort>('default');
  const [history, setHistory] = useState<string[]>([]);
  const results = useProductPages();
  const { load, loadMore } = results;

  const showHistory = () => {
    setInput('');
    setKeyword('');
    setHistory(readSearchHistory());
  };

  const search = (text: string, nextSort: ProductSort = sort) => {
    const trimmed = text.trim();
    if (!trimmed) {
      // Nothing to search for: back to the recent keywords rather than keeping the last results on screen.
      showHistory();
      return;
    }
    setInput(trimmed);
    setKeyword(trimmed);
    setSort(nextSort);
    setHistory(rememberSearch(trimmed));
    void load({ keyword: trimmed, sort: nextSort });
  };

  useLoad((params: Record<string, string | undefined>) => {
    setHistory(readSearchHistory());
    const given = params.keyword ? decodeURIComponent(params.keyword) : '';
    if (given) search(given);
  });

  useReachBottom(() => {
    void loadMore();
  });

  const list = results.state;
  return (
    <View className="search">
      <View className="search__bar">
        <View className="search__field">
          <View className="search__icon" />
          <Input
            id="search-input"
            className="search__input"
            value={input}
            placeholder="搜索商品名称"
            confirmType="search"
            focus={!keyword}
            onInput={(event) => {
              setInput(event.detail.value);
              if (!event.detail.value.trim() && keyword) showHistory();
            }}
            onConfirm={(event) => search(event.detail.value)}
          />
        </View>
        <Text className="search__submit" id="search-submit" onClick={() => search(input)}>
          搜索
        </Text>
      </View>

      {!keyword ? (
        history.length > 0 ? (
          <View className="search__history" id="search-history">
            <View className="search__history-head">
              <Text className="search__history-title">历史搜索</Text>
              <Text
                className="search__history-clear"
                onClick={() => {
                  clearSearchHistory();
                  setHistory([]);
                }}
              >
                清空
              </Text>
            </View>
            <View className="search__history-list">
              {history.map((entry) => (
                <Text key={entry} className="search__history-item" onClick={() => search(entry)}>
                  {entry}
                </Text>
              ))}
            </View>
          </View>
        ) : (
          <EmptyState title="输入关键词搜索商品" hint="可以搜索商品名称或标签" />
        )
      ) : (
        <View className="search__results">
          <View className="search__sort">
            <SortTabs sort={sort} onChange={(next) => next !== sort && search(keyword, next)} />
          </View>
          {list.status === 'loading' || list.status === 'idle' ? <Skeleton kind="list" /> : null}
          {list.status === 'error' ? (
            <ErrorState code={list.errorCode ?? 'INTERNAL'} onRetry={() => search(keyword)} />
          ) : null}
          {list.status === 'ready' && list.items.length === 0 ? (
            <EmptyState title="没有找到相关商品" hint="换个关键词试试吧" />
          ) : null}
          {list.status === 'ready' && list.items.length > 0 ? (
            <View className="search__list" id="search-results">
              {list.items.map((product) => (
                <ProductCard key={product._id} product={product} layout="row" />
              ))}
              <LoadMore
                loading={list.loadingMore}
                hasMore={list.hasMore}
                failed={list.moreFailed}
                onRetry={() => void loadMore()}
              />
            </View>
          ) : null}
        </View>
      )}
    </View>
  );
}
