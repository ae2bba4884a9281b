/**
 * 浏览记录: the products a buyer opened, newest first, from the view documents recommendations already keep
 * (one write per opening, shared with them). Reading costs at most four requests whatever the buyer's history: the
 * latest VIEWS_READ views and the clear mark together, then the cards and their stock together.
 */
import type { BrowsingHistory, FavoriteState } from '../../../types/buyer-lists';
import { BROWSING_HISTORY_LIMIT } from '../../../types/buyer-lists';
import type { EpochMs } from '../../../types/entities';
import { keptProducts, recentProducts } from '../domain/kept-products';
import {
  findHistoryClearedAt,
  findLatestViews,
  markHistoryCleared,
} from '../repositories/browsing-history-repository';
import { findProductsInStock } from '../repositories/catalog-repository';
import { findCardsWithSaleState, findSaleState } from '../repositories/product-card-lookup';
import { forgetView, recordView } from '../repositories/product-view-repository';
import { isFavorite } from '../repositories/favorite-repository';
import { viewDay } from '../domain/recommendations';
import { fail } from '../runtime/domain-error';

/**
 * Views are one document per product and day, so a product opened on several days appears several times:
 * three views per listed product are read, and a buyer who reopens the same few products every day sees
 * fewer than BROWSING_HISTORY_LIMIT older ones.
 */
export const VIEWS_READ = 3 * BROWSING_HISTORY_LIMIT;

/**
 * A product's detail was opened: its view (one document per buyer, product and day) is written while the
 * product and the buyer's favorite are read, in one round trip; a view of an id that turned out not to exist
 * is taken back, so made-up ids leave nothing behind.
 */
export async function recordOpening(openid: string, productId: string, now: EpochMs): Promise<FavoriteState> {
  const view = { openid, productId, day: viewDay(now), at: now };
  const [onSale, favorited] = await Promise.all([
    findSaleState(productId),
    isFavorite(openid, productId),
    recordView(view),
  ]);
  if (onSale === undefined) {
    await forgetView(view);
    fail('PRODUCT_NOT_FOUND', `product ${productId} does not exist`);
  }
  return { productId, favorited };
}

export async function browsingHistory(openid: string): Promise<BrowsingHistory> {
  const [views, clearedAt] = await Promise.all([
    findLatestViews(openid, VIEWS_READ),
    findHistoryClearedAt(openid),
  ]);
  const rows = recentProducts(views, clearedAt, BROWSING_HISTORY_LIMIT);
  if (rows.length === 0) return { items: [] };
  const ids = rows.map((row) => row.productId);
  const [cards, inStock] = await Promise.all([findCardsWithSaleState(ids), findProductsInStock(ids)]);
  return { items: keptProducts(rows, cards, inStock) };
}

/** One write: views before `now` are no longer listed (they still count for recommendations). */
export async function clearBrowsingHistory(openid: string, now: EpochMs): Promise<BrowsingHistory> {
  await markHistoryCleared(openid, now);
  return { items: [] };
}
