/**
 * The first reviews of a product for its detail page, read only once the buyer scrolls: the first screen stays
 * at its two calls (the product and the cart count), and buyers who never scroll cost no review read.
 */
import { useCallback, useRef, useState } from 'react';
import { usePageScroll, useReachBottom } from '@tarojs/taro';
import type { ReviewView } from '@shop/types';
import { fetchProductReviews } from '../../services/review';

/** How many reviews the detail page shows; 查看全部 opens the rest. */
export const DETAIL_REVIEW_COUNT = 2;

export function useLazyReviews(productId: string, reviewCount: number): ReviewView[] | undefined {
  const [reviews, setReviews] = useState<ReviewView[]>();
  const asked = useRef('');

  const load = useCallback(() => {
    // Nothing to read for a product without reviews; once per product otherwise.
    if (!productId || reviewCount <= 0 || asked.current === productId) return;
    asked.current = productId;
    void fetchProductReviews(productId, 1).then((answer) => {
      if (answer.ok) setReviews(answer.data.items.slice(0, DETAIL_REVIEW_COUNT));
      else asked.current = ''; // the next scroll tries again
    });
  }, [productId, reviewCount]);

  usePageScroll(({ scrollTop }) => {
    if (scrollTop > 0) load();
  });
  useReachBottom(load);
  return reviews;
}
