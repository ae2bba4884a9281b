/**
 * 浏览记录 read from the views the shop already records for recommendations (product_views: one document per
 * buyer, product and day), so opening a product costs no second write. Clearing is one document per buyer
 * (`history_clears`, _id = OPENID) holding the moment of the last clear: views before it are not shown.
 */
import type { EpochMs } from '../../../types/entities';
import { db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf } from './query-helpers';

export interface RecentView {
  productId: string;
  at: EpochMs;
}

/** The buyer's latest `limit` view documents, newest first (the openid_at index). */
export async function findLatestViews(openid: string, limit: number): Promise<RecentView[]> {
  const answer = await db
    .collection(COLLECTIONS.productViews)
    .where({ openid })
    .orderBy('at', 'desc')
    .field({ productId: true, at: true })
    .limit(limit)
    .get();
  return documentsOf<RecentView>(answer);
}

/** When the buyer last cleared the history; 0 for never. */
export async function findHistoryClearedAt(openid: string): Promise<EpochMs> {
  const answer = await db.collection(COLLECTIONS.historyClears).where({ _id: openid }).limit(1).get();
  return documentsOf<{ clearedAt: EpochMs }>(answer)[0]?.clearedAt ?? 0;
}

/** One write whatever the history's length: set() creates or moves the buyer's mark. */
export async function markHistoryCleared(openid: string, at: EpochMs): Promise<void> {
  await db
    .collection(COLLECTIONS.historyClears)
    .doc(openid)
    .set({ data: { clearedAt: at } });
}
