/**
 * Rules of reviews: who may review which bought item, the limits of a rating and its text, and the summary a
 * product keeps (count, rating total, positive count) with the figures the pages show from it.
 */
import type { Order, OrderItem, Product } from '../../../types/entities';
import type { OrderState } from '../../../types/order-states';
import { allow, refuse, type RuleResult } from './rule-result';

export const MIN_RATING = 1;
export const MAX_RATING = 5;
/** Ratings from here up count as 好评. */
export const POSITIVE_RATING = 4;
export const REVIEW_CONTENT_MIN = 5;
export const REVIEW_CONTENT_MAX = 500;
export const REVIEW_PAGE_SIZE = 20;

/** Only a received order can be judged: before that the buyer has not had the goods in hand. */
export const REVIEWABLE_STATES: readonly OrderState[] = ['RECEIVED', 'COMPLETED'];

export type ReviewRefusal = 'ORDER_NOT_FOUND' | 'ORDER_STATE_CONFLICT' | 'INVALID_INPUT';

/**
 * The item of `order` the buyer `openid` may review. Another buyer's order answers ORDER_NOT_FOUND, as a
 * missing one does, so its existence is not revealed.
 */
export function checkReviewable(
  order: Pick<Order, 'openid' | 'state' | 'items'> | undefined,
  openid: string,
  skuId: string,
): RuleResult<OrderItem, ReviewRefusal> {
  if (!order || order.openid !== openid) return refuse('ORDER_NOT_FOUND');
  if (!REVIEWABLE_STATES.includes(order.state)) return refuse('ORDER_STATE_CONFLICT', { state: order.state });
  const item = order.items.find((line) => line.skuId === skuId);
  return item ? allow(item) : refuse('INVALID_INPUT', { skuId });
}

export function isValidRating(rating: number): boolean {
  return Number.isInteger(rating) && rating >= MIN_RATING && rating <= MAX_RATING;
}

/** The text a review keeps, or undefined when it cannot be kept (too short or long, control characters). */
export function reviewContent(text: string): string | undefined {
  const trimmed = text.trim();
  // Counted in characters as the buyer sees them, not UTF-16 units.
  const length = [...trimmed].length;
  if (/\p{Cc}/u.test(trimmed)) return undefined;
  return length >= REVIEW_CONTENT_MIN && length <= REVIEW_CONTENT_MAX ? trimmed : undefined;
}

export interface SummaryIncrement {
  reviewCount: number;
  ratingTotal: number;
  positiveCount: number;
}

/** What one review adds to its product's summary. */
export function summaryIncrement(rating: number): SummaryIncrement {
  return { reviewCount: 1, ratingTotal: rating, positiveCount: rating >= POSITIVE_RATING ? 1 : 0 };
}

export interface ReviewSummary {
  count: number;
  /** Whole percent of reviews rated ≥ 4, rounded down so 199 of 200 never reads 100%; undefined with none. */
  positiveRate?: number;
  /** Mean rating to one decimal; undefined with none. */
  average?: number;
}

export function reviewSummary(
  product: Pick<Product, 'reviewCount' | 'ratingTotal' | 'positiveCount'>,
): ReviewSummary {
  const count = product.reviewCount ?? 0;
  if (count <= 0) return { count: 0 };
  const positive = Math.min(product.positiveCount ?? 0, count);
  return {
    count,
    positiveRate: Math.floor((positive * 100) / count),
    average: Math.round(((product.ratingTotal ?? 0) * 10) / count) / 10,
  };
}

/** The buyer's masked name from a hex digest of their OPENID: its last three characters. */
export function maskedBuyerName(openidDigest: string): string {
  return `买家***${openidDigest.slice(-3)}`;
}

/** Items of an order still to review, in the order's own order. */
export function itemsToReview(items: readonly OrderItem[], reviewedSkuIds: readonly string[]): OrderItem[] {
  const done = new Set(reviewedSkuIds);
  return items.filter((item) => !done.has(item.skuId));
}
