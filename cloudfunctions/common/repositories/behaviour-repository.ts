/**
 * Behaviour per (China day, product): one document holding how often the product was added to carts that day
 * (incremented by the shop function), and the views and order figures the worker computes for it. Views are
 * the recommendation's view documents (one per buyer, product and day), counted by the database. Documents
 * grow in number with days × products touched, never with events, and no document grows.
 */
import type { ShopDay } from '../../../types/merchant-dashboard';
import type { ProductDayCounts } from '../domain/dashboard-figures';
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, insertUnlessExists, listOf, updatedCount } from './query-helpers';

/** What the shop function counts itself; views are already documents of their own (product_views). */
export type BehaviourKind = 'cartAdds';

export interface ProductDayDoc extends ProductDayCounts {
  _id: string;
  day: ShopDay;
}

const counters = () => db.collection(COLLECTIONS.behaviourDaily);

export function productDayId(day: ShopDay, productId: string): string {
  return `${day}_${productId}`;
}

const ZERO: Omit<ProductDayCounts, 'productId'> = {
  views: 0,
  cartAdds: 0,
  orders: 0,
  paidOrders: 0,
  paidQuantity: 0,
  paidAmount: 0,
};

/**
 * Writes `data` into the day's document of a product, creating it first when it is missing: one request
 * when it exists (the usual case), and correct when two writers create it at once (the loser updates).
 */
async function writeProductDay(
  day: ShopDay,
  productId: string,
  data: Record<string, unknown>,
  fresh: object,
) {
  const _id = productDayId(day, productId);
  if (updatedCount(await counters().where({ _id }).update({ data })) > 0) return;
  if ((await insertUnlessExists(counters(), { _id, day, productId, ...ZERO, ...fresh })) === 'EXISTS')
    await counters().where({ _id }).update({ data });
}

/** One view or cart add, counted with an atomic increment (20 at once count 20). */
export async function countBehaviour(day: ShopDay, productId: string, kind: BehaviourKind): Promise<void> {
  await writeProductDay(day, productId, { [kind]: command.inc(1) }, { [kind]: 1 });
}

/** The worker's figures of a product for a day (views and orders); the cart-add counter is left alone. */
export async function setProductDayOrders(
  day: ShopDay,
  productId: string,
  counts: Pick<ProductDayCounts, 'views' | 'orders' | 'paidOrders' | 'paidQuantity' | 'paidAmount'>,
): Promise<void> {
  await writeProductDay(day, productId, { ...counts }, counts);
}

const PAGE = 1000;

/** Every product document of a day, a page at a time in _id order. */
export async function findProductDays(day: ShopDay): Promise<ProductDayDoc[]> {
  const all: ProductDayDoc[] = [];
  let after = '';
  for (;;) {
    const page = documentsOf<ProductDayDoc>(
      await counters()
        .where({ day, _id: command.gt(after) })
        .orderBy('_id', 'asc')
        .limit(PAGE)
        .get(),
    );
    all.push(...page);
    if (page.length < PAGE) return all;
    after = page[page.length - 1]._id;
  }
}

/** Products' counters summed over the days from `from` to `to` (inclusive), the best `limit` first. */
export async function topProductsBetween(
  from: ShopDay,
  to: ShopDay,
  limit: number,
): Promise<ProductDayCounts[]> {
  const $ = command.aggregate;
  const answer = await counters()
    .aggregate()
    .match({ day: command.gte(from).and(command.lte(to)) })
    .group({
      _id: '$productId',
      views: $.sum('$views'),
      cartAdds: $.sum('$cartAdds'),
      orders: $.sum('$orders'),
      paidOrders: $.sum('$paidOrders'),
      paidQuantity: $.sum('$paidQuantity'),
      paidAmount: $.sum('$paidAmount'),
    })
    .sort({ paidAmount: -1, views: -1, _id: 1 })
    .limit(limit)
    .end();
  return listOf<Omit<ProductDayCounts, 'productId'> & { _id: string }>(answer).map(({ _id, ...counts }) => ({
    productId: _id,
    ...counts,
  }));
}

/** A product's documents of the given days (at most 31: one request). */
export async function findProductTrend(
  productId: string,
  days: readonly ShopDay[],
): Promise<ProductDayDoc[]> {
  const answer = await counters()
    .where({ _id: command.in(days.map((day) => productDayId(day, productId))) })
    .limit(days.length)
    .get();
  return documentsOf<ProductDayDoc>(answer);
}

/** Views of a day per product: the day's view documents grouped by the database (one row per product viewed). */
export async function viewsOfDay(day: ShopDay): Promise<Map<string, number>> {
  const $ = command.aggregate;
  const counts = new Map<string, number>();
  let skip = 0;
  for (;;) {
    const rows = listOf<{ _id: string; views: number }>(
      await db
        .collection(COLLECTIONS.productViews)
        .aggregate()
        .match({ day })
        .group({ _id: '$productId', views: $.sum(1) })
        .sort({ _id: 1 })
        .skip(skip)
        .limit(PAGE)
        .end(),
    );
    for (const row of rows) counts.set(row._id, row.views);
    if (rows.length < PAGE) return counts;
    skip += PAGE;
  }
}
