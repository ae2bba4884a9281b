/**
 * The worker's `refreshRecommendations`: every 10 minutes at most, pairs recent purchases and views, blends
 * those scores with content similarity (domain/recommendation-blend) and writes each product's list
 * (denormalised cards, on-sale products only) and the shop-wide '_top' list. Products with pairs get a list,
 * and so do each category's best sellers and newest products, so a product just put on sale has products like
 * it after the next run. Reads go in bounded pages and per category, never over the whole catalog.
 *
 * A recomputation is a cycle of steps (a page of purchases, a page of viewing buyers, a batch of lists) that
 * may span several worker runs: each run takes steps within its time budget (at least one), stores the pages
 * it read and where it stopped in the state document, and answers what it still owes; the next run goes on
 * from there. Every step is a compare-and-set on that document, so two overlapping runs never both take it.
 */
import { performance } from 'node:perf_hooks';
import { randomUUID } from 'node:crypto';
import type { ProductCard } from '../../../types/api';
import type { EpochMs } from '../../../types/entities';
import type { ContentProfile } from '../domain/content-similarity';
import { blendFor } from '../domain/recommendation-blend';
import {
  PURCHASE_WINDOW_MS,
  RECOMMENDATION_LIMIT,
  VIEW_WINDOW_MS,
  pairableViews,
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
import { findRecentViews, type BuyerViews } from '../repositories/product-view-repository';
import {
  TOP_LIST_ID,
  advanceRefresh,
  claimRefresh,
  readRefreshState,
  readWorkPages,
  removeListsExcept,
  saveList,
  saveWorkPage,
  workPageId,
  type RefreshCycle,
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

/** Lists written per step of the last phase. */
const LISTS_PER_STEP = 50;
/**
 * The job's time budget: past it no further step starts and the next run (a minute later) goes on, so a
 * worker run stays inside its 60 s timeout however much there is to read. A step itself reads one page.
 */
export const REFRESH_BUDGET_MS = 15_000;

export type RefreshPhase = RefreshCycle['phase'];

export type RefreshReport =
  | { skipped: true }
  | {
      skipped: false;
      /** Steps this run took (a step another run took first is not counted), e.g. ['purchases', 'views']. */
      steps: RefreshPhase[];
      /** The phase the next run goes on with; null once the recomputation is finished. */
      owed: RefreshPhase | null;
      /** Purchases and views read, and lists written, by the recomputation so far. */
      orders: number;
      views: number;
      lists: number;
    };

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

/** A page of purchases; the phase ends with a short page or at MAX_ORDERS. */
async function purchaseStep(cycle: RefreshCycle): Promise<RefreshCycle> {
  const since = cycle.startedAt - PURCHASE_WINDOW_MS;
  const page = await findRecentPurchases(since, PAID_OR_LATER, cycle.purchaseCursor, PAGE);
  await saveWorkPage(workPageId('purchases', cycle.purchasePages), page);
  const last = page[page.length - 1];
  const orders = cycle.orders + page.length;
  const more = page.length === PAGE && orders < MAX_ORDERS;
  return {
    ...cycle,
    phase: more ? 'purchases' : 'views',
    purchasePages: cycle.purchasePages + 1,
    purchaseCursor: last ? { paidAt: last.at, orderId: last.orderId } : cycle.purchaseCursor,
    orders,
  };
}

/** A page of buyers who viewed more than one product, stored as much as can pair (pairableViews). */
async function viewStep(cycle: RefreshCycle): Promise<RefreshCycle> {
  const since = cycle.startedAt - VIEW_WINDOW_MS;
  const page = await findRecentViews(since, cycle.viewCursor, PAGE);
  const kept = page
    .map((buyer) => ({ openid: buyer.openid, views: pairableViews(buyer.views) }))
    .filter((buyer) => buyer.views.length > 0);
  await saveWorkPage(workPageId('views', cycle.viewPages), kept);
  const buyersRead = cycle.viewPages * PAGE + page.length;
  const more = page.length === PAGE && buyersRead < MAX_VIEWING_BUYERS;
  return {
    ...cycle,
    phase: more ? 'views' : 'lists',
    viewPages: cycle.viewPages + 1,
    viewCursor: page[page.length - 1]?.openid ?? cycle.viewCursor,
    views: cycle.views + kept.reduce((sum, buyer) => sum + buyer.views.length, 0),
  };
}

interface ComputedLists {
  /** Product id → its ranked list, for every product that gets one, in id order. */
  lists: Array<[string, ProductCard[]]>;
  top: ProductCard[];
}

/** Every list, from the stored pages and the catalog's current pools: what the last phase writes. */
async function computeLists(cycle: RefreshCycle): Promise<ComputedLists> {
  const pageIds = (kind: 'purchases' | 'views', count: number) =>
    Array.from({ length: count }, (_, page) => workPageId(kind, page));
  const purchases = await readWorkPages<Purchase>(pageIds('purchases', cycle.purchasePages));
  const buyers = await readWorkPages<BuyerViews>(pageIds('views', cycle.viewPages));
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

  const lists: ComputedLists['lists'] = [];
  for (const productId of [...new Set([...scores.keys(), ...profiles.keys()])].sort()) {
    if (!onSale(productId)) continue;
    const anchor = profiles.get(productId);
    const ranked = blendFor(anchor, productId, scores, poolOf(anchor), onSale, sales);
    if (ranked.length > 0) lists.push([productId, cardsFor(ranked)]);
  }
  // One more than a list shows: a product listed in '_top' is left out of its own fallback list.
  const top = topSellers(
    purchases,
    onSale,
    bestSellers.map((card) => card._id),
    RECOMMENDATION_LIMIT + 1,
  );
  return { lists, top: cardsFor(top) };
}

/**
 * A batch of lists after the cursor; the last batch also writes '_top' and removes the lists no product has
 * any more and the stored pages (null: the recomputation is finished).
 */
async function listStep(
  cycle: RefreshCycle,
  computed: ComputedLists,
  now: EpochMs,
): Promise<RefreshCycle | null> {
  const after = cycle.listCursor;
  const batch = computed.lists
    .filter(([productId]) => after === null || productId > after)
    .slice(0, LISTS_PER_STEP);
  for (const [productId, cards] of batch) await saveList({ _id: productId, cards, updatedAt: now });
  const listCursor = batch[batch.length - 1]?.[0] ?? after;
  const lists = cycle.lists + batch.length;
  const last = computed.lists[computed.lists.length - 1]?.[0];
  if (last !== undefined && listCursor !== last) return { ...cycle, listCursor, lists };
  await saveList({ _id: TOP_LIST_ID, cards: computed.top, updatedAt: now });
  await removeListsExcept([...computed.lists.map(([productId]) => productId), TOP_LIST_ID]);
  return null;
}

function countsOf(cycle: RefreshCycle, lists = cycle.lists) {
  return { orders: cycle.orders, views: cycle.views, lists };
}

function newCycle(now: EpochMs): RefreshCycle {
  return {
    startedAt: now,
    token: randomUUID(),
    phase: 'purchases',
    purchasePages: 0,
    viewPages: 0,
    purchaseCursor: null,
    viewCursor: null,
    listCursor: null,
    orders: 0,
    views: 0,
    lists: 0,
  };
}

/**
 * Goes on with the recomputation under way, or starts one when the last started 10 minutes ago or more;
 * takes steps until it is finished or the budget is spent (always at least one).
 */
export async function refreshRecommendations(
  now: EpochMs,
  budget: { ms: number } = { ms: REFRESH_BUDGET_MS },
): Promise<RefreshReport> {
  const started = performance.now();
  const state = await readRefreshState();
  let cycle = state.cycle;
  if (!cycle) {
    if (state.lastRunAt !== null && state.lastRunAt > now - REFRESH_EVERY_MS) return { skipped: true };
    cycle = newCycle(now);
    if (!(await claimRefresh(state.lastRunAt, cycle))) return { skipped: true };
  }
  const steps: RefreshPhase[] = [];
  // Computed once per run: the stored pages do not change during the last phase.
  let computed: ComputedLists | undefined;
  let last: RefreshCycle = cycle;
  for (;;) {
    const current: RefreshCycle = last;
    let next: RefreshCycle | null;
    if (current.phase === 'purchases') next = await purchaseStep(current);
    else if (current.phase === 'views') next = await viewStep(current);
    else {
      computed ??= await computeLists(current);
      next = await listStep(current, computed, now);
    }
    const moved = next === null ? null : { ...next, token: randomUUID() };
    // Another run took this step meanwhile (its pages are the same): it goes on from there, this one stops.
    if (!(await advanceRefresh(current.token, moved))) {
      return { skipped: false, steps, owed: current.phase, ...countsOf(current) };
    }
    steps.push(current.phase);
    if (moved === null) {
      return { skipped: false, steps, owed: null, ...countsOf(current, computed?.lists.length) };
    }
    last = moved;
    if (performance.now() - started > budget.ms) {
      return { skipped: false, steps, owed: moved.phase, ...countsOf(moved) };
    }
  }
}
