/** Favorites and browsing history as the buyer sees them: pure rules over what the repositories read. */
import type { ProductCard } from '../../../types/api';
import type { KeptProduct, KeptProductStatus } from '../../../types/buyer-lists';
import type { EpochMs } from '../../../types/entities';

export interface KeptRow {
  productId: string;
  at: EpochMs;
}

export interface CardWithSaleState {
  card: ProductCard;
  onSale: boolean;
}

export function keptStatus(onSale: boolean, inStock: boolean): KeptProductStatus {
  if (!onSale) return 'OFF_SALE';
  return inStock ? 'ON_SALE' : 'SOLD_OUT';
}

/**
 * The rows in their order with the product's card and how it stands now; a product no longer in the catalog
 * is left out (there is nothing to show or open).
 */
export function keptProducts(
  rows: readonly KeptRow[],
  cards: readonly CardWithSaleState[],
  inStock: ReadonlySet<string>,
): KeptProduct[] {
  const byId = new Map(cards.map((entry) => [entry.card._id, entry]));
  return rows.flatMap((row) => {
    const found = byId.get(row.productId);
    if (!found) return [];
    const status = keptStatus(found.onSale, inStock.has(row.productId));
    const product = status === 'SOLD_OUT' ? { ...found.card, soldOut: true } : found.card;
    return [{ product, status, at: row.at }];
  });
}

/**
 * Browsing history from view documents (one per buyer, product and day), newest first: the latest view of
 * each product since the last clear, at most `limit` products.
 */
export function recentProducts(views: readonly KeptRow[], clearedAt: EpochMs, limit: number): KeptRow[] {
  const latest = new Map<string, KeptRow>();
  for (const view of views) {
    if (view.at <= clearedAt) continue;
    const seen = latest.get(view.productId);
    if (!seen || seen.at < view.at) latest.set(view.productId, view);
  }
  return [...latest.values()]
    .sort((a, b) => b.at - a.at || (a.productId < b.productId ? -1 : 1))
    .slice(0, limit);
}
