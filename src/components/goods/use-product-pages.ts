/**
 * A paged product list (首页 feed, a category, search results): the first page, the next page on reach-bottom,
 * and answers of an older query dropped when the buyer has already asked for another one.
 */
import { useCallback, useRef, useState } from 'react';
import type { ProductCard, ProductListRequest, ProductPage } from '@shop/types';
import { fetchProducts } from '../../services/catalog';

export type ProductQuery = Omit<ProductListRequest, 'page'>;

export interface ProductPagesState {
  status: 'idle' | 'loading' | 'ready' | 'error';
  items: ProductCard[];
  page: number;
  hasMore: boolean;
  /** Error code of a failed first page. */
  errorCode?: string;
  loadingMore: boolean;
  moreFailed: boolean;
}

const IDLE: ProductPagesState = {
  status: 'idle',
  items: [],
  page: 0,
  hasMore: false,
  loadingMore: false,
  moreFailed: false,
};

/** New products may shift pages between two reads: a product already shown is not shown twice. */
function appendUnique(items: ProductCard[], more: ProductCard[]): ProductCard[] {
  const seen = new Set(items.map((item) => item._id));
  return [...items, ...more.filter((item) => !seen.has(item._id))];
}

export function useProductPages() {
  const [state, setState] = useState<ProductPagesState>(IDLE);
  const stateRef = useRef(state);
  const queryRef = useRef<ProductQuery>({});
  // Bumped by every new query: an answer carrying an older generation is stale.
  const generationRef = useRef(0);

  const update = useCallback((next: ProductPagesState) => {
    stateRef.current = next;
    setState(next);
  }, []);

  const showFirstPage = useCallback(
    (query: ProductQuery, first: ProductPage) => {
      generationRef.current += 1;
      queryRef.current = query;
      update({ ...IDLE, status: 'ready', items: first.items, page: first.page, hasMore: first.hasMore });
    },
    [update],
  );

  /** Loads page 1 of a query; `quiet` keeps the current items on screen meanwhile (pull-to-refresh). */
  const load = useCallback(
    async (query: ProductQuery, quiet = false) => {
      const generation = ++generationRef.current;
      queryRef.current = query;
      if (!quiet) update({ ...IDLE, status: 'loading' });
      const answer = await fetchProducts({ ...query, page: 1 });
      if (generation !== generationRef.current) return;
      if (answer.ok) {
        update({
          ...IDLE,
          status: 'ready',
          items: answer.data.items,
          page: answer.data.page,
          hasMore: answer.data.hasMore,
        });
      } else if (!quiet || stateRef.current.status !== 'ready') {
        update({ ...IDLE, status: 'error', errorCode: answer.code });
      }
    },
    [update],
  );

  const loadMore = useCallback(async () => {
    const current = stateRef.current;
    if (current.status !== 'ready' || !current.hasMore || current.loadingMore) return;
    const generation = generationRef.current;
    update({ ...current, loadingMore: true, moreFailed: false });
    const answer = await fetchProducts({ ...queryRef.current, page: current.page + 1 });
    if (generation !== generationRef.current) return;
    const latest = stateRef.current;
    update(
      answer.ok
        ? {
            ...latest,
            items: appendUnique(latest.items, answer.data.items),
            page: answer.data.page,
            hasMore: answer.data.hasMore,
            loadingMore: false,
          }
        : { ...latest, loadingMore: false, moreFailed: true },
    );
  }, [update]);

  return { state, load, loadMore, showFirstPage };
}
