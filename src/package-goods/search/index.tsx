/**
 * 搜索: a keyword with suggestions while typing, recent and hot keywords before the first search, then the
 * sort tabs, a price band and 仅看有货 over the results, paged on reach-bottom; 猜你喜欢 when nothing is found.
 */
import { useEffect, useRef, useState } from 'react';
import { View, Text, Input } from '@tarojs/components';
import { useLoad, useReachBottom } from '@tarojs/taro';
import type { ProductSort } from '@shop/types';
import EmptyState from '../../components/empty-state';
import ProductCard from '../../components/goods/product-card';
import RecommendSection from '../../components/goods/recommend-section';
import SearchFilters, { filterRequest, type SearchFilter } from '../../components/goods/search-filters';
import SortTabs from '../../components/goods/sort-tabs';
import { clearSearchHistory, readSearchHistory, rememberSearch } from '../../components/goods/search-history';
import { useProductPages } from '../../components/goods/use-product-pages';
import { useRecommendations } from '../../components/goods/use-recommendations';
import ErrorState from '../../components/status/error-state';
import LoadMore from '../../components/status/load-more';
import Skeleton from '../../components/status/skeleton';
import { fetchSearchHints } from '../../services/catalog';
import './index.css';

/** Typing pauses this long before suggestions are asked for: one request per pause, not per key. */
export const SUGGEST_DELAY_MS = 250;

const NO_FILTER: SearchFilter = { band: 'any', inStock: false };

export default function SearchPage() {
  const [input, setInput] = useState('');
  /** The keyword the results are for; '' until the first search. */
  const [keyword, setKeyword] = useState('');
  const [sort, setSort] = useState<ProductSort>('default');
  const [filter, setFilter] = useState<SearchFilter>(NO_FILTER);
  const [history, setHistory] = useState<string[]>([]);
  const [hot, setHot] = useState<string[]>([]);
  const [suggestions, setSuggestions] = useState<{ prefix: string; titles: string[] }>();
  const results = useProductPages();
  const { load, loadMore } = results;
  const list = results.state;
  const nothingFound = keyword !== '' && list.status === 'ready' && list.items.length === 0;
  const recommendations = useRecommendations({ ready: nothingFound, afterFirstScreen: true });
  const typed = useRef('');

  const showHistory = () => {
    setInput('');
    setKeyword('');
    setSuggestions(undefined);
    setHistory(readSearchHistory());
  };

  const search = (text: string, nextSort: ProductSort = sort, nextFilter: SearchFilter = filter) => {
    const trimmed = text.trim();
    if (!trimmed) {
      // Nothing to search for: back to the recent keywords rather than keeping the last results on screen.
      showHistory();
      return;
    }
    typed.current = trimmed;
    setInput(trimmed);
    setKeyword(trimmed);
    setSort(nextSort);
    setFilter(nextFilter);
    setSuggestions(undefined);
    setHistory(rememberSearch(trimmed));
    void load({ keyword: trimmed, sort: nextSort, ...filterRequest(nextFilter) });
  };

  useLoad((params: Record<string, string | undefined>) => {
    setHistory(readSearchHistory());
    void fetchSearchHints().then((answer) => answer.ok && setHot(answer.data.hotKeywords));
    const given = params.keyword ? decodeURIComponent(params.keyword) : '';
    if (given) search(given);
  });

  // Suggestions for what is being typed (not for the keyword already searched).
  useEffect(() => {
    const prefix = input.trim();
    if (!prefix || prefix === keyword) return undefined;
    typed.current = prefix;
    const timer = setTimeout(() => {
      void fetchSearchHints(prefix).then((answer) => {
        // Only the answer for what the box still says is shown.
        if (answer.ok && typed.current === prefix)
          setSuggestions({ prefix, titles: answer.data.suggestions });
      });
    }, SUGGEST_DELAY_MS);
    return () => clearTimeout(timer);
  }, [input, keyword]);

  useReachBottom(() => {
    void loadMore();
  });

  const shownSuggestions =
    suggestions && suggestions.prefix === input.trim() && input.trim() !== keyword ? suggestions.titles : [];

  const chips = (id: string, title: string, words: string[], onClear?: () => void) => (
    <View className="search__history" id={id}>
      <View className="search__history-head">
        <Text className="search__history-title">{title}</Text>
        {onClear ? (
          <Text className="search__history-clear" onClick={onClear}>
            清空
          </Text>
        ) : null}
      </View>
      <View className="search__history-list">
        {words.map((entry) => (
          <Text key={entry} className="search__history-item" onClick={() => search(entry)}>
            {entry}
          </Text>
        ))}
      </View>
    </View>
  );

  return (
    <View className="search">
      <View className="search__bar">
        <View className="search__field">
          <View className="search__icon" />
          <Input
            id="search-input"
            className="search__input"
            value={input}
            placeholder="搜索商品、分类或品牌"
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

      {shownSuggestions.length > 0 ? (
        <View className="search__suggestions" id="search-suggestions">
          {shownSuggestions.map((title, i) => (
            <Text
              key={title}
              id={`search-suggestion-${i}`}
              className="search__suggestion"
              onClick={() => search(title)}
            >
              {title}
            </Text>
          ))}
        </View>
      ) : null}

      {!keyword ? (
        <View>
          {history.length > 0
            ? chips('search-history', '历史搜索', history, () => {
                clearSearchHistory();
                setHistory([]);
              })
            : null}
          {hot.length > 0 ? chips('search-hot', '热门搜索', hot) : null}
          {history.length === 0 && hot.length === 0 ? (
            <EmptyState icon="search" title="输入关键词搜索商品" hint="可以搜索商品名称、分类或标签" />
          ) : null}
        </View>
      ) : (
        <View className="search__results">
          <View className="search__sort">
            <SortTabs sort={sort} onChange={(next) => next !== sort && search(keyword, next)} />
            <SearchFilters filter={filter} onChange={(next) => search(keyword, sort, next)} />
          </View>
          {list.status === 'loading' || list.status === 'idle' ? <Skeleton kind="list" /> : null}
          {list.status === 'error' ? (
            <ErrorState code={list.errorCode ?? 'INTERNAL'} onRetry={() => search(keyword)} />
          ) : null}
          {nothingFound ? (
            <View id="search-nothing">
              <EmptyState icon="search" title="没有找到相关商品" hint="换个关键词试试吧，或看看下面的推荐" />
              <RecommendSection state={recommendations.state} onRetry={recommendations.load} />
            </View>
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
