/**
 * Ids and names of reviews derived by hashing (node:crypto): the functions and the seed use them, the pages
 * never do, so the pure rules in reviews.ts stay importable by the mini program.
 */
import { createHash } from 'node:crypto';
import { maskedBuyerName } from './reviews';

function sha256(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

/** One review per bought item: a second insert for the same (order, SKU) hits the same _id and is refused. */
export function reviewIdFor(orderId: string, skuId: string): string {
  return `r${sha256(`${orderId}\u0000${skuId}`).slice(0, 31)}`;
}

/** A stable masked name: the same buyer reads the same on every review, and the OPENID cannot be read back. */
export function buyerNameFor(openid: string): string {
  return maskedBuyerName(sha256(`review-buyer\u0000${openid}`));
}
