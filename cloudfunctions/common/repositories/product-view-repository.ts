/**
 * What buyers opened: one document per (buyer, product, day), so recording a view is one idempotent write and
 * a buyer reopening a product all day long stays one view.
 */
import { createHash } from 'node:crypto';
import type { EpochMs } from '../../../types/entities';
import type { View } from '../domain/recommendations';
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, listOf } from './query-helpers';

export interface ProductViewDoc {
  _id: string;
  openid: string;
  productId: string;
  /** The shop's calendar day, e.g. '2026-11-22'. */
  day: string;
  /** The latest opening that day. */
  at: EpochMs;
}

const views = () => db.collection(COLLECTIONS.productViews);

export function productViewId(openid: string, productId: string, day: string): string {
  return `pv${createHash('sha256').update(`${openid}\u0000${productId}\u0000${day}`).digest('hex').slice(0, 30)}`;
}

/** One request: set() creates the day's document or refreshes its time. */
export async function recordView(view: Omit<ProductViewDoc, '_id'>): Promise<void> {
  await views()
    .doc(productViewId(view.openid, view.productId, view.day))
    .set({ data: { ...view } });
}

/** Takes back a view recorded for a product that does not exist. */
export async function forgetView(view: Pick<ProductViewDoc, 'openid' | 'productId' | 'day'>): Promise<void> {
  await views()
    .where({ _id: productViewId(view.openid, view.productId, view.day), openid: view.openid })
    .remove();
}

/** The product the buyer opened last, if any. */
export async function latestViewedProduct(openid: string): Promise<string | undefined> {
  const answer = await views()
    .where({ openid })
    .orderBy('at', 'desc')
    .field({ productId: true })
    .limit(1)
    .get();
  return documentsOf<Pick<ProductViewDoc, 'productId'>>(answer)[0]?.productId;
}

export interface BuyerViews {
  openid: string;
  views: Omit<View, 'openid'>[];
}

/**
 * Views since `since` of the buyers after `afterOpenid` (in openid order) who viewed more than once, grouped
 * per buyer by the database (the worker pairs a buyer's views; a single view pairs with nothing), a page of
 * buyers at a time. The cursor is the last buyer's openid, so a page read minutes later goes on where the
 * last one stopped even when new views arrived meanwhile.
 */
export async function findRecentViews(
  since: EpochMs,
  afterOpenid: string | null,
  limit: number,
): Promise<BuyerViews[]> {
  const $ = command.aggregate;
  const answer = await views()
    .aggregate()
    .match(
      afterOpenid === null
        ? { at: command.gte(since) }
        : { at: command.gte(since), openid: command.gt(afterOpenid) },
    )
    .group({ _id: '$openid', views: $.push({ productId: '$productId', at: '$at' }), count: $.sum(1) })
    .match({ count: command.gte(2) })
    .sort({ _id: 1 })
    .limit(limit)
    .end();
  return listOf<{ _id: string; views: BuyerViews['views'] }>(answer).map((row) => ({
    openid: row._id,
    views: row.views,
  }));
}
