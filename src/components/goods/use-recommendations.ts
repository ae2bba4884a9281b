/**
 * 猜你喜欢 read after the first screen, once per page: when the buyer nears the bottom of the page, or, with
 * `afterFirstScreen`, as soon as the first screen is shown. A page's first screen so keeps its own calls only.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { useReachBottom } from '@tarojs/taro';
import type { ProductCard } from '@shop/types';
import { fetchRecommendations } from '../../services/catalog';

export type RecommendationState =
  | { status: 'idle' }
  | { status: 'loading' }
  | { status: 'ready'; items: ProductCard[] }
  | { status: 'error' };

export interface RecommendationOptions {
  /** The product being viewed; its view is recorded by the same call. */
  productId?: string;
  /** False until the page's own first screen is shown: nothing is read before. */
  ready: boolean;
  /** Read right after the first screen instead of waiting for the buyer to scroll (short pages). */
  afterFirstScreen?: boolean;
}

export function useRecommendations({ productId, ready, afterFirstScreen = false }: RecommendationOptions) {
  const [state, setState] = useState<RecommendationState>({ status: 'idle' });
  const asked = useRef<string | undefined>(undefined);

  const load = useCallback(() => {
    const key = productId ?? '';
    if (!ready || asked.current === key) return;
    asked.current = key;
    setState({ status: 'loading' });
    void fetchRecommendations(productId).then((answer) => {
      if (answer.ok) setState({ status: 'ready', items: answer.data.items });
      else {
        asked.current = undefined; // the next scroll to the bottom tries again
        setState({ status: 'error' });
      }
    });
  }, [productId, ready]);

  useReachBottom(load);
  useEffect(() => {
    if (!ready || !afterFirstScreen) return undefined;
    // A timer rather than a direct call: the first screen is committed and painted before this request.
    const timer = setTimeout(load, 0);
    return () => clearTimeout(timer);
  }, [ready, afterFirstScreen, load]);

  return { state, load };
}
