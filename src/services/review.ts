/** Typed calls of the review actions of the `shop` function: reading a product's reviews and writing one's own. */
import type { CreateReviewRequest, Result, ReviewPage, ReviewView } from '@shop/types';
import { callCloud } from './cloud';

export function fetchProductReviews(productId: string, page: number): Promise<Result<ReviewPage>> {
  return callCloud('shop', 'catalog.reviews', { productId, page });
}

/** The SKUs of the order the buyer has already reviewed. */
export async function fetchReviewedSkus(orderId: string): Promise<Result<string[]>> {
  const answer = await callCloud('shop', 'review.mine', { orderId });
  return answer.ok ? { ok: true, data: answer.data.skuIds } : answer;
}

export function createReview(request: CreateReviewRequest): Promise<Result<ReviewView>> {
  return callCloud('shop', 'review.create', request);
}
