/**
 * Pure scoring of 猜你喜欢 / 看了又看: pairs of products the same buyers bought or viewed together, each buyer's
 * evidence for a pair counted once at its strongest, so one buyer repeating an order cannot outweigh many.
 */
import type { EpochMs } from '../../../types/entities';

const DAY_MS = 24 * 60 * 60 * 1000;

/** Most products a recommendation list shows. */
export const RECOMMENDATION_LIMIT = 10;
/** Purchases by one buyer this close together count as bought together. */
export const PURCHASE_WINDOW_MS = 30 * DAY_MS;
/** Views by one buyer this close together count as viewed together. */
export const VIEW_WINDOW_MS = 7 * DAY_MS;
/** What one buyer's evidence adds to a pair: buying says far more about taste than looking. */
export const PAIR_WEIGHTS = { sameOrder: 5, sameBuyer: 3, viewed: 1 } as const;
/**
 * A buyer's most recent items beyond this many are ignored: pairs grow with the square of the items, and a
 * buyer with hundreds of orders (a reseller) says little about what goes together.
 */
export const MAX_ITEMS_PER_BUYER = 50;
/** China Standard Time: a buyer's "day" for counting views once per day. */
const SHOP_UTC_OFFSET_MS = 8 * 60 * 60 * 1000;

export interface Purchase {
  openid: string;
  orderId: string;
  at: EpochMs;
  items: { productId: string; quantity: number }[];
}

export interface View {
  openid: string;
  productId: string;
  at: EpochMs;
}

/** Symmetric: scores.get(a).get(b) === scores.get(b).get(a). */
export type PairScores = Map<string, Map<string, number>>;

/** The shop's calendar day of a moment, e.g. '2026-11-22': views of one product on one day are one view. */
export function viewDay(at: EpochMs): string {
  return new Date(at + SHOP_UTC_OFFSET_MS).toISOString().slice(0, 10);
}

interface Item {
  productId: string;
  at: EpochMs;
  orderId?: string;
}

function groupByBuyer<T extends { openid: string }>(rows: readonly T[]): Map<string, T[]> {
  const byBuyer = new Map<string, T[]>();
  for (const row of rows) {
    const list = byBuyer.get(row.openid) ?? [];
    list.push(row);
    byBuyer.set(row.openid, list);
  }
  return byBuyer;
}

/** Newest first, one entry per (product, order) or per product for views, at most MAX_ITEMS_PER_BUYER. */
function recentItems(items: Item[]): Item[] {
  const seen = new Set<string>();
  return [...items]
    .sort((a, b) => b.at - a.at)
    .filter((item) => {
      const key = `${item.productId}\u0000${item.orderId ?? ''}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    })
    .slice(0, MAX_ITEMS_PER_BUYER);
}

function pairKey(a: string, b: string): string {
  return a < b ? `${a}\u0000${b}` : `${b}\u0000${a}`;
}

/** One buyer's strongest evidence per pair. */
function buyerPairs(purchases: Item[], views: Item[]): Map<string, number> {
  const best = new Map<string, number>();
  const note = (a: Item, b: Item, weight: number) => {
    if (a.productId === b.productId || weight === 0) return;
    const key = pairKey(a.productId, b.productId);
    best.set(key, Math.max(best.get(key) ?? 0, weight));
  };
  const bought = recentItems(purchases);
  for (let i = 0; i < bought.length; i += 1) {
    for (let j = i + 1; j < bought.length; j += 1) {
      const [a, b] = [bought[i], bought[j]];
      if (a.orderId === b.orderId) note(a, b, PAIR_WEIGHTS.sameOrder);
      else if (Math.abs(a.at - b.at) <= PURCHASE_WINDOW_MS) note(a, b, PAIR_WEIGHTS.sameBuyer);
    }
  }
  const seen = recentItems(views);
  for (let i = 0; i < seen.length; i += 1) {
    for (let j = i + 1; j < seen.length; j += 1) {
      if (Math.abs(seen[i].at - seen[j].at) <= VIEW_WINDOW_MS) note(seen[i], seen[j], PAIR_WEIGHTS.viewed);
    }
  }
  return best;
}

/**
 * What of one buyer's views can ever make a pair: their newest view of each product, at most
 * MAX_ITEMS_PER_BUYER (what scorePairs keeps), and nothing for a buyer who viewed a single product.
 * The worker stores views in this form between runs, so a stored page stays small.
 */
export function pairableViews(
  views: ReadonlyArray<{ productId: string; at: EpochMs }>,
): Array<{ productId: string; at: EpochMs }> {
  const newest = recentItems(views.map((view) => ({ productId: view.productId, at: view.at })));
  return newest.length < 2 ? [] : newest;
}

/** Scores every pair of products from purchases (paid orders) and views, summed over buyers. */
export function scorePairs(purchases: readonly Purchase[], views: readonly View[]): PairScores {
  const purchasesByBuyer = groupByBuyer(purchases);
  const viewsByBuyer = groupByBuyer(views);
  const buyers = new Set([...purchasesByBuyer.keys(), ...viewsByBuyer.keys()]);
  const scores: PairScores = new Map();
  const add = (a: string, b: string, weight: number) => {
    const row = scores.get(a) ?? new Map<string, number>();
    row.set(b, (row.get(b) ?? 0) + weight);
    scores.set(a, row);
  };
  for (const openid of buyers) {
    const bought = (purchasesByBuyer.get(openid) ?? []).flatMap((p) =>
      p.items.map((item) => ({ productId: item.productId, at: p.at, orderId: p.orderId })),
    );
    const viewed = (viewsByBuyer.get(openid) ?? []).map((v) => ({ productId: v.productId, at: v.at }));
    for (const [key, weight] of buyerPairs(bought, viewed)) {
      const [a, b] = key.split('\u0000');
      add(a, b, weight);
      add(b, a, weight);
    }
  }
  return scores;
}

/**
 * What to show beside `productId`: the best-scored products that may be recommended (on sale), never the
 * product itself; ties go to the better seller, then the id, so a list never flickers between runs.
 */
export function rankFor(
  productId: string,
  scores: PairScores,
  eligible: (productId: string) => boolean,
  sales: ReadonlyMap<string, number>,
  limit = RECOMMENDATION_LIMIT,
): string[] {
  const row = scores.get(productId) ?? new Map<string, number>();
  return [...row]
    .filter(([other, score]) => other !== productId && score > 0 && eligible(other))
    .sort(([a, sa], [b, sb]) => sb - sa || (sales.get(b) ?? 0) - (sales.get(a) ?? 0) || (a < b ? -1 : 1))
    .slice(0, limit)
    .map(([other]) => other);
}

/**
 * The shop-wide list: most pieces sold in recent purchases first, then the all-time best sellers
 * (`bestSellers`, already ordered) to fill it when recent sales are few.
 */
export function topSellers(
  purchases: readonly Purchase[],
  eligible: (productId: string) => boolean,
  bestSellers: readonly string[],
  limit = RECOMMENDATION_LIMIT,
): string[] {
  const sold = new Map<string, number>();
  for (const purchase of purchases) {
    for (const item of purchase.items)
      sold.set(item.productId, (sold.get(item.productId) ?? 0) + item.quantity);
  }
  const rank = new Map(bestSellers.map((id, index) => [id, index]));
  const rankOf = (id: string) => rank.get(id) ?? bestSellers.length;
  const recent = [...sold]
    .filter(([productId]) => eligible(productId))
    .sort(([a, qa], [b, qb]) => qb - qa || rankOf(a) - rankOf(b) || (a < b ? -1 : 1))
    .map(([productId]) => productId);
  const list = [...recent, ...bestSellers.filter((id) => eligible(id) && !sold.has(id))];
  return list.slice(0, limit);
}

/**
 * The answer's list: the product's own list, filled up from the shop-wide one, without the product itself
 * or repeats.
 */
export function mergeLists<T extends { _id: string }>(
  own: readonly T[],
  fallback: readonly T[],
  exclude: readonly string[],
  limit = RECOMMENDATION_LIMIT,
): T[] {
  const seen = new Set(exclude);
  const merged: T[] = [];
  for (const card of [...own, ...fallback]) {
    if (seen.has(card._id)) continue;
    seen.add(card._id);
    merged.push(card);
    if (merged.length === limit) break;
  }
  return merged;
}
