/**
 * The worker's `refreshRecommendations`: every 10 minutes at most, pairs recent purchases and views, blends
 * those scores with content similarity (domain/recommendation-blend) and writes each product's list
 * (denormalised cards, on-sale products only) and the shop-wide '_top' list. Products with pairs get a list,
 * and so do each category's best sellers and newest products, so a product just put on sale has products like
 * it after the next run. Reads go in bounded pages and per category, never over the whole catalog.
 */
import type { ContentProfile } from '../domain/content-similarity';
import { blendFor } from '../domain/recommendation-blend';
import {
  PURCHASE_WINDOW_MS,
  RECOMMENDATION_LIMIT,
  VIEW_WINDOW_MS,
  scorePairs,
  topSellers,
  type Purchase,
  type View,
} from '../domain/recommendations';
import { findProducts, listCategories } from '../repositories/catalog-repository';
import {
  findCategoryProfiles,
  findOnSaleProfiles,
  type ProductProfile,
} from '../repositories/product-profile-repository';
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
/** Content candidates per second-level category: its best sellers and its newest products. */
export const CATEGORY_POOL = { bestSellers: 30, newest: 10 } as const;

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

async function profilesOf(productIds: readonly string[]): Promise<ProductProfile[]> {
  const profiles: ProductProfile[] = [];
  for (let i = 0; i < productIds.length; i += CARD_CHUNK) {
    profiles.push(...(await findOnSaleProfiles(productIds.slice(i, i + CARD_CHUNK))));
  }
  return profiles;
}

/** Each second-level category's content candidates: two indexed reads per category. */
async function categoryPools(): Promise<Map<string, ProductProfile[]>> {
  const categories = (await listCategories(false)).filter((category) => category.parentId !== null);
  const pools = new Map<string, ProductProfile[]>();
  for (const category of categories) {
    const best = await findCategoryProfiles(category._id, 'sales', CATEGORY_POOL.bestSellers);
    const newest = await findCategoryProfiles(category._id, 'createdAt', CATEGORY_POOL.newest);
    const seen = new Set<string>();
    pools.set(
      category._id,
      [...best, ...newest].filter((profile) => !seen.has(profile.card._id) && seen.add(profile.card._id)),
    );
  }
  return pools;
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
  const pools = await categoryPools();
  const profiles = new Map<string, ContentProfile>();
  const cards = new Map(bestSellers.map((card) => [card._id, card]));
  for (const profile of [...[...pools.values()].flat(), ...(await profilesOf(candidates))]) {
    profiles.set(profile.card._id, profile.content);
    cards.set(profile.card._id, profile.card);
  }
  // Off-sale products are absent from `cards`: never recommended, and they get no list of their own.
  const onSale = (productId: string) => cards.has(productId);
  const sales = new Map([...cards.values()].map((card) => [card._id, card.sales]));
  const cardsFor = (ids: readonly string[]) => ids.flatMap((id) => cards.get(id) ?? []);
  const poolOf = (profile: ContentProfile | undefined) =>
    (profile && pools.get(profile.categoryPath[1] ?? '')?.map((p) => p.content)) ?? [];

  const written: string[] = [];
  for (const productId of new Set([...scores.keys(), ...profiles.keys()])) {
    if (!onSale(productId)) continue;
    const anchor = profiles.get(productId);
    const ranked = blendFor(anchor, productId, scores, poolOf(anchor), onSale, sales);
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
