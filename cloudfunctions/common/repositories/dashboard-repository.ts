/**
 * The dashboard's documents (one per China day, `day-YYYY-MM-DD`, and `overview`, the first screen as the
 * worker last computed it; `recount-YYYY-MM-DD` marks a past day an order change touched) and the order and
 * after-sales reads the worker computes them from, each bounded by a day or a period, never by the whole history.
 */
import { randomBytes } from 'node:crypto';
import type { EpochMs, Fen, Order, OrderItem } from '../../../types/entities';
import type { DashboardOverview, DayFigures, ShopDay } from '../../../types/merchant-dashboard';
import type { PaidOrderFact, RefundFact } from '../domain/dashboard-figures';
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, listOf, readInChunks, updatedCount } from './query-helpers';

const dashboard = () => db.collection(COLLECTIONS.dashboard);
const orders = () => db.collection(COLLECTIONS.orders);
const afterSales = () => db.collection(COLLECTIONS.afterSales);

export const OVERVIEW_ID = 'overview';
export const dayDocId = (day: ShopDay) => `day-${day}`;

export const recountDocId = (day: ShopDay) => `recount-${day}`;

export type StoredDay = DayFigures & { _id: string };
/** A past day to recompute; `token` changes with every mark, so a mark made while the day is computed stays. */
export interface RecountMark {
  _id: string;
  day: ShopDay;
  token: string;
  markedAt: EpochMs;
}
export type StoredOverview = DashboardOverview & { _id: string };

/** Day documents and recount marks by id, in one request (at most 1000 ids; the worker asks for 60). */
export async function readDashboardDocs(ids: readonly string[]): Promise<Array<StoredDay | RecountMark>> {
  const answer = await dashboard()
    .where({ _id: command.in([...ids]) })
    .limit(ids.length)
    .get();
  return documentsOf<StoredDay | RecountMark>(answer);
}

export function isRecountMark(doc: StoredDay | RecountMark): doc is RecountMark {
  return doc._id.startsWith('recount-');
}

/** One write, however many changes touch the day at once: each replaces the token, the last one stays. */
export async function markDayForRecount(day: ShopDay, now: EpochMs): Promise<void> {
  await dashboard()
    .doc(recountDocId(day))
    .set({ data: { day, token: randomBytes(8).toString('hex'), markedAt: now } });
}

/** Removes the mark only if nobody marked the day again since it was read (then the next run recomputes). */
export async function clearRecountMark(mark: RecountMark): Promise<boolean> {
  const answer = await dashboard().where({ _id: mark._id, token: mark.token }).remove();
  return updatedCount(answer) > 0;
}

export async function readOverview(): Promise<DashboardOverview | undefined> {
  const answer = await dashboard().where({ _id: OVERVIEW_ID }).limit(1).get();
  const stored = documentsOf<StoredOverview>(answer)[0];
  if (!stored) return undefined;
  const { _id, ...overview } = stored;
  return overview;
}

/** Replaces a document as a whole: recomputing a day twice writes the same figures (idempotent). */
export async function writeDashboardDoc(id: string, data: DayFigures | DashboardOverview): Promise<void> {
  await dashboard()
    .doc(id)
    .set({ data: { ...data } });
}

const PAGE = 1000;

/** All documents matching `where` in pages of 1000 by _id (the range bounds how many there are). */
async function readAll<T extends { _id: string }>(
  where: object,
  fields: object,
  collection: typeof orders = orders,
): Promise<T[]> {
  const all: T[] = [];
  let after = '';
  for (;;) {
    const page = documentsOf<T>(
      await collection()
        .where(command.and([where, { _id: command.gt(after) }]))
        .field({ _id: true, ...fields })
        .orderBy('_id', 'asc')
        .limit(PAGE)
        .get(),
    );
    all.push(...page);
    if (page.length < PAGE) return all;
    after = page[page.length - 1]._id;
  }
}

const between = (start: EpochMs, end: EpochMs) => command.gte(start).and(command.lt(end));

interface PaidRow {
  _id: string;
  openid: string;
  amounts: { payable: Fen };
  payment?: { paidAmount?: Fen };
  items: Pick<OrderItem, 'productId' | 'quantity' | 'price'>[];
}

export async function ordersPaidBetween(start: EpochMs, end: EpochMs): Promise<PaidOrderFact[]> {
  const rows = await readAll<PaidRow>(
    { paidAt: between(start, end) },
    { openid: true, amounts: true, 'payment.paidAmount': true, items: true },
  );
  return rows.map((row) => ({
    openid: row.openid,
    amount: row.payment?.paidAmount ?? row.amounts.payable,
    items: row.items.map((item) => ({
      productId: item.productId,
      quantity: item.quantity,
      price: item.price,
    })),
  }));
}

export async function ordersCreatedBetween(
  start: EpochMs,
  end: EpochMs,
): Promise<Array<{ items: Array<{ productId: string }> }>> {
  return readAll<{ _id: string; items: Array<{ productId: string }> }>(
    { createdAt: between(start, end) },
    { items: true },
  );
}

export async function refundsBetween(start: EpochMs, end: EpochMs): Promise<RefundFact[]> {
  const rows = await readAll<{ _id: string; refund: { amount: Fen } }>(
    { 'refund.refundedAt': between(start, end) },
    { 'refund.amount': true },
  );
  return rows.map((row) => ({ amount: row.refund.amount }));
}

/**
 * The after-sales refunds (part of an order: some units of one line) WeChat Pay settled in the range: they do
 * not touch the order's own `refund`, so they are read from their requests.
 */
export async function afterSaleRefundsBetween(start: EpochMs, end: EpochMs): Promise<RefundFact[]> {
  const rows = await readAll<{ _id: string; amount: Fen }>(
    { 'refund.refundedAt': between(start, end), state: 'REFUNDED' },
    { amount: true },
    afterSales,
  );
  return rows.map((row) => ({ amount: row.amount }));
}

/** Which of `openids` paid an order before `start`: grouped by the database, at most one row per buyer. */
export async function openidsPaidBefore(openids: readonly string[], start: EpochMs): Promise<Set<string>> {
  const found = await readInChunks(openids, async (chunk) =>
    listOf<{ _id: string }>(
      await orders()
        .aggregate()
        .match({ openid: command.in(chunk), paidAt: command.lt(start) })
        .group({ _id: '$openid' })
        .limit(chunk.length)
        .end(),
    ),
  );
  return new Set(found.map((row) => row._id));
}

/** Distinct buyers with an order paid in the range, counted by the database. */
export async function distinctBuyersBetween(start: EpochMs, end: EpochMs): Promise<number> {
  const $ = command.aggregate;
  const answer = await orders()
    .aggregate()
    .match({ paidAt: between(start, end) })
    .group({ _id: '$openid' })
    .group({ _id: null, buyers: $.sum(1) })
    .limit(1)
    .end();
  return listOf<{ buyers: number }>(answer)[0]?.buyers ?? 0;
}

async function countOrders(where: object): Promise<number> {
  const answer = (await orders().where(where).count()) as { total?: number };
  return answer.total ?? 0;
}

/** Paid, not shipped yet. */
export function countWaitingToShip(): Promise<number> {
  return countOrders({ state: 'PAID' });
}

/** Refund requests the merchant has not decided yet (an approved refund carries its refund number). */
export function countRefundsWaiting(): Promise<number> {
  return countOrders({ state: 'REFUNDING', 'refund.refundNo': command.exists(false) });
}

/**
 * Orders created in the range with what an export needs, a page of 1000 at a time; stops with `truncated`
 * past `cap` orders so a function never holds more than it can write out.
 */
export async function ordersForExport(
  start: EpochMs,
  end: EpochMs,
  cap: number,
): Promise<{ orders: Array<StoredExport>; truncated: boolean }> {
  const all: StoredExport[] = [];
  let after = '';
  for (;;) {
    const page = documentsOf<StoredExport>(
      await orders()
        .where({ createdAt: between(start, end), _id: command.gt(after) })
        .field(EXPORT_FIELDS)
        .orderBy('_id', 'asc')
        .limit(PAGE)
        .get(),
    );
    all.push(...page);
    if (all.length > cap) return { orders: all.slice(0, cap), truncated: true };
    if (page.length < PAGE) return { orders: all, truncated: false };
    after = page[page.length - 1]._id;
  }
}

const EXPORT_FIELDS = {
  _id: true,
  orderNo: true,
  createdAt: true,
  state: true,
  items: true,
  amounts: true,
  address: true,
  logistics: true,
  remark: true,
};
export type StoredExport = { _id: string } & Pick<
  Order,
  'orderNo' | 'createdAt' | 'state' | 'items' | 'amounts' | 'address' | 'logistics' | 'remark'
>;
