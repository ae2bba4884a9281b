/**
 * Reviews: a buyer reviews each item of a received order once; the product keeps a summary (count, rating
 * total, positive count) so its detail page needs no extra read; anyone reads a product's reviews by page.
 */
import type { CreateReviewRequest, ReviewPage, ReviewView } from '../../../types/api';
import type { Review } from '../../../types/entities';
import {
  checkReviewable,
  isValidRating,
  reviewContent,
  REVIEW_PAGE_SIZE,
  summaryIncrement,
} from '../domain/reviews';
import { buyerNameFor, reviewIdFor } from '../domain/review-identity';
import { fail } from '../runtime/domain-error';
import { addToReviewSummary } from '../repositories/catalog-repository';
import { findBuyerOrder, updateOrderFields } from '../repositories/order-repository';
import {
  findProductReviews,
  findReviewedSkuIds,
  insertReview,
  removeReview,
} from '../repositories/review-repository';

/**
 * Three requests: read the order, insert the review (its derived _id refuses a second one), add it to the
 * product's summary. If the summary write fails the review is removed again, so a retry does both.
 */
export async function createReview(
  openid: string,
  request: CreateReviewRequest,
  now: number,
): Promise<ReviewView> {
  const content = reviewContent(request.content);
  // The schema already checked both; the rules are checked again so no other caller can write a bad review.
  if (!isValidRating(request.rating) || content === undefined) fail('INVALID_INPUT', 'bad rating or content');

  // Step 1: the order, read as its buyer.
  const order = await findBuyerOrder(openid, request.orderId);
  const checked = checkReviewable(order, openid, request.skuId);
  if (!checked.ok) {
    fail(checked.code, `order ${request.orderId} item ${request.skuId} cannot be reviewed (${checked.code})`);
  }
  const item = checked.value;

  // Step 2: the review; one per (order, SKU).
  const review: Review = {
    _id: reviewIdFor(request.orderId, item.skuId),
    orderId: request.orderId,
    openid,
    productId: item.productId,
    skuId: item.skuId,
    specText: item.specText,
    rating: request.rating,
    content,
    createdAt: now,
    buyerName: buyerNameFor(openid),
  };
  if ((await insertReview(review)) === 'EXISTS') {
    fail('REVIEW_EXISTS', `item ${item.skuId} of order ${request.orderId} is already reviewed`);
  }

  // Step 3: the product's summary; undo: remove the review.
  try {
    // A product deleted since the order has no summary to keep; the review still stands.
    await addToReviewSummary(item.productId, summaryIncrement(request.rating));
  } catch (error) {
    await removeReview(review._id);
    throw error;
  }
  await markOrderReviewed(openid, request.orderId, new Set(order?.items.map((line) => line.skuId)).size, now);
  const { openid: _openid, orderId: _orderId, ...shown } = review;
  return shown;
}

/**
 * Once every item is reviewed the order leaves 待评价 on 我的. Read after the review is in: of two reviews
 * of the last two items written at once, the later reader sees both. A failed mark only keeps the badge.
 */
async function markOrderReviewed(openid: string, orderId: string, items: number, now: number): Promise<void> {
  try {
    const reviewed = await findReviewedSkuIds(openid, orderId);
    if (reviewed.length >= items) await updateOrderFields(orderId, { reviewedAt: now });
  } catch (error) {
    console.error(`[review] could not mark order ${orderId} reviewed`, error);
  }
}

export async function productReviews(productId: string, page = 1): Promise<ReviewPage> {
  // One extra row tells whether another page exists without a count request.
  const rows = await findProductReviews(productId, (page - 1) * REVIEW_PAGE_SIZE, REVIEW_PAGE_SIZE + 1);
  return { items: rows.slice(0, REVIEW_PAGE_SIZE), page, hasMore: rows.length > REVIEW_PAGE_SIZE };
}

/**
 * The SKUs of an order the buyer has reviewed. A separate action rather than part of order.detail: only the
 * review page needs it, and keeping it on the order would cost every review a third write.
 */
export async function reviewedSkus(openid: string, orderId: string): Promise<{ skuIds: string[] }> {
  return { skuIds: await findReviewedSkuIds(openid, orderId) };
}
