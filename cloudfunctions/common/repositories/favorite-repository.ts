/**
 * Favorites (收藏): one document per (buyer, product) under an _id derived from both, so adding twice, or 20
 * times at once, keeps one. A buyer's list is read newest first through the (openid, createdAt) index.
 */
import { createHash } from 'node:crypto';
import type { EpochMs } from '../../../types/entities';
import { db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, insertUnlessExists, updatedCount } from './query-helpers';

export interface FavoriteDoc {
  _id: string;
  openid: string;
  productId: string;
  createdAt: EpochMs;
}

const favorites = () => db.collection(COLLECTIONS.favorites);

export function favoriteId(openid: string, productId: string): string {
  return `fv${createHash('sha256').update(`${openid}\u0000${productId}`).digest('hex').slice(0, 30)}`;
}

/** 'EXISTS' when the buyer already keeps the product (the derived _id refuses a second document). */
export async function insertFavorite(doc: FavoriteDoc): Promise<'INSERTED' | 'EXISTS'> {
  return insertUnlessExists(favorites(), { ...doc });
}

/** True when a document was removed; the buyer's OPENID is part of the condition. */
export async function removeFavorite(openid: string, productId: string): Promise<boolean> {
  const answer = await favorites()
    .where({ _id: favoriteId(openid, productId), openid })
    .remove();
  return updatedCount(answer) > 0;
}

export async function isFavorite(openid: string, productId: string): Promise<boolean> {
  const answer = await favorites()
    .where({ _id: favoriteId(openid, productId), openid })
    .field({ _id: true })
    .limit(1)
    .get();
  return documentsOf<{ _id: string }>(answer).length > 0;
}

/** How many the buyer keeps: a count on the indexed OPENID, bounded by FAVORITES_LIMIT. */
export async function countFavorites(openid: string): Promise<number> {
  const answer = (await favorites().where({ openid }).count()) as { total?: number };
  return answer.total ?? 0;
}

export async function findFavorites(openid: string, skip: number, limit: number): Promise<FavoriteDoc[]> {
  const answer = await favorites()
    .where({ openid })
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .skip(skip)
    .limit(limit)
    .get();
  return documentsOf<FavoriteDoc>(answer);
}
