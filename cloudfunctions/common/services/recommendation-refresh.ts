/**
 * The worker's `refreshRecommendations`: every 10 minutes at most, pairs recent purchases and views, and
 * writes each product's list (denormalised cards, on-sale products only) and the shop-wide '_top' list.
 * Reads go in bounded pages, so a busy shop costs a known number of requests per run.
 */
import type { ProductCard } from '../../../types/api';
import {
  PURCHASE_WINDOW_MS,
  RECOMMENDATION_LIMIT,
  VIEW_WINDOW_MS,
  rankFor,
  scorePairs,
  topSellers,
  type Purchase,
  type View,
} from '../domain/recommendations';
import { findOnSaleCards, findProducts } from '../repositories/catalog-repository';
import { findRecentPurchases } from '../repositories/order-repository';
import { findRecentViews } from '../repositories/product-view-repository';
import {
  TOP_LIST_ID,
  claimRefresh,
  removeListsExcept,
  saveList,
} from '../repositories/recommendation-repository';
import { PAID_OR_LATER } from '../../../types/order-states';

/** The timer runs every minute; pairs change slowly, and a run reads a month of orders. */
export const REFRESH_EVERY_MS = 10 * 60 * 1000;
const PAGE = 500;
/** Beyond this many orders or viewing buyers a run uses the most recent ones: a bounded cost per run. */
const MAX_ORDERS = 10_000;
const MAX_VIEWING_BUYERS = 10_000;
/** Ids per `in` query when joining product cards. */
const CARD_CHUNK = 100;
/** All-time best sellers read to fill the shop-wide list when recent sales are few. */
const BEST_SELLERS = 30;

export type RefreshReport =
  { skipped: true } | { skipped: false; orders: number; views: number; lists: number };

async function readPages<T>(read: (skip: number) => Promise<T[]>, max: number): Promise<T[]> {
  const rows: T[] = [];
  for (let skip = 0; skip < max; skip += PAGE) {
    const page = await read(skip);
    rows.push(...page);
    if (page.length < PAGE) break;
  }
  return rows;
}

async function cardsOf(productIds: readonly string[]): Promise<ProductCard[]> {
  const cards: ProductCard[] = [];
  for (let i = 0; i < productIds.length; i += CARD_CHUNK) {
    cards.push(...(await findOnSaleCards(productIds.slice(i, i + CARD_CHUNK))));
  }
  return cards;
}

export async function refreshRecommendations(now: number): Promise<RefreshReport> {
  if (!(await claimRefresh(now, REFRESH_EVERY_MS))) return { skipped: true };
  const purchases: Purchase[] = await readPages(
    (skip) => findRecentPurchases(now - PURCHASE_WINDOW_MS, PAID_OR_LATER, skip, PAGE),
    MAX_ORDERS,
  );
  const buyers = await readPages(
    (skip) => findRecentViews(now - VIEW_WINDOW_MS, skip, PAGE),
    MAX_VIEWING_BUYERS,
  );
  const views: View[] = buyers.flatMap((buyer) =>
    buyer.views.map((view) => ({ openid: buyer.openid, ...view })),
  );

  const scores = scorePairs(purchases, views);
  const bestSellers = await findProducts({ sort: 'sales', skip: 0, limit: BEST_SELLERS });
  const soldRecently = purchases.flatMap((purchase) => purchase.items.map((item) => item.productId));
  const candidates = [...new Set([...scores.keys(), ...soldRecently])];
  const cards = new Map([...bestSellers, ...(await cardsOf(candidates))].map((card) => [card._id, card]));
  // Off-sale products are absent from `cards`: never recommended, and they get no list of their own.
  const onSale = (productId: string) => cards.has(productId);
  const sales = new Map([...cards.values()].map((card) => [card._id, card.sales]));
  const cardsFor = (ids: readonly string[]) => ids.flatMap((id) => cards.get(id) ?? []);

  const written: string[] = [];
  for (const productId of scores.keys()) {
    if (!onSale(productId)) continue;
    const ranked = rankFor(productId, scores, onSale, sales);
    if (ranked.length === 0) continue;
    await saveList({ _id: productId, cards: cardsFor(ranked), updatedAt: now });
    written.push(productId);
  }
  // One more than a list shows: a product listed in '_top' is left out of its own fallback list.
  const top = topSellers(
    purchases,
    onSale,
    bestSellers.map((card) => card._id),
    RECOMMENDATION_LIMIT + 1,
  );
  await saveList({ _id: TOP_LIST_ID, cards: cardsFor(top), updatedAt: now });
  await removeListsExcept([...written, TOP_LIST_ID]);
  return { skipped: false, orders: purchases.length, views: views.length, lists: written.length };
}
