/** Orders: written once at creation, then moved only by compare-and-set writes on their state. */
import { createHash } from 'node:crypto';
import type { LatePayment, Order, WechatShippingUpload } from '../../../types/entities';
import type { OrderState } from '../../../types/order-states';
import type { OrderTransitionPatch } from '../domain/order-transitions';
import type { Purchase } from '../domain/recommendations';
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import {
  documentsOf,
  insertOrFind,
  listOf,
  readInChunks,
  updatedCount,
  type InsertOutcome,
} from './query-helpers';

/**
 * What an order document stores beyond the entity: the attempt that created it (see stock holds) and the
 * merchant's private remark.
 */
export type StoredOrder = Order & { attempt: string; merchantRemark?: string; closeRetry?: CloseRetry };

/**
 * An expired unpaid order whose close could not finish (WeChat Pay could not be asked, the buyer is paying,
 * the close failed): when to try again, so it leaves the head of the due list and the others still close.
 */
export interface CloseRetry {
  attempts: number;
  nextAt: number;
  lastError: string;
}

const orders = () => db.collection(COLLECTIONS.orders);

/** One order per (buyer, request id): retries compute the same _id, and the database refuses a second one. */
export function orderIdFor(openid: string, requestId: string): string {
  return `o${createHash('sha256').update(`${openid}\u0000${requestId}`).digest('hex').slice(0, 31)}`;
}

/** Writes a new order; an order already there under its _id (a concurrent retry's, or ours) is answered. */
export async function insertOrder(order: StoredOrder): Promise<InsertOutcome<StoredOrder>> {
  return insertOrFind(orders(), order);
}

export async function findOrder(orderId: string): Promise<StoredOrder | undefined> {
  return documentsOf<StoredOrder>(await orders().where({ _id: orderId }).limit(1).get())[0];
}

export async function findOrderByNumber(orderNo: string): Promise<StoredOrder | undefined> {
  return documentsOf<StoredOrder>(await orders().where({ orderNo }).limit(1).get())[0];
}

export async function findBuyerOrder(openid: string, orderId: string): Promise<StoredOrder | undefined> {
  return documentsOf<StoredOrder>(await orders().where({ _id: orderId, openid }).limit(1).get())[0];
}

export async function findBuyerOrders(
  openid: string,
  states: readonly OrderState[] | null,
  skip: number,
  limit: number,
): Promise<StoredOrder[]> {
  const where = states ? { openid, state: command.in([...states]) } : { openid };
  const answer = await orders()
    .where(where)
    .field({ attempt: false, timeline: false, address: false })
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .skip(skip)
    .limit(limit)
    .get();
  return documentsOf<StoredOrder>(answer);
}

/** Orders whose `field` equals `value`, newest first: the merchant's search (each field has its index). */
export async function findOrdersWhere(
  field: 'orderNo' | 'address.mobile' | 'address.name',
  value: string,
  limit: number,
): Promise<StoredOrder[]> {
  const answer = await orders()
    .where({ [field]: value })
    .orderBy('createdAt', 'desc')
    .limit(limit)
    .get();
  return documentsOf<StoredOrder>(answer);
}

/** The merchant's view: every buyer's orders, newest first, optionally in one state. */
export async function findOrdersForMerchant(
  state: OrderState | undefined,
  skip: number,
  limit: number,
): Promise<StoredOrder[]> {
  const answer = await orders()
    .where(state ? { state } : {})
    .orderBy('createdAt', 'desc')
    .skip(skip)
    .limit(limit)
    .get();
  return documentsOf<StoredOrder>(answer);
}

export async function hasPaidOrder(openid: string): Promise<boolean> {
  const answer = (await orders()
    .where({ openid, paidAt: command.exists(true) })
    .count()) as { total?: number };
  return (answer.total ?? 0) > 0;
}

/**
 * Applies a transition only if the order is still in the state it was read in; false means another writer
 * moved it first and nothing was written.
 */
export async function applyTransition(
  orderId: string,
  patch: OrderTransitionPatch,
  extra: Record<string, unknown> = {},
): Promise<boolean> {
  const answer = await orders()
    .where({ _id: orderId, state: patch.from })
    .update({ data: { ...patch.set, ...extra, timeline: command.push([patch.timelineEntry]) } });
  return updatedCount(answer) > 0;
}

/** Writes fields of an order only while it is in `state`; false when it moved on meanwhile. */
export async function updateOrderInState(
  orderId: string,
  state: OrderState,
  fields: Record<string, unknown>,
): Promise<boolean> {
  return updatedCount(await orders().where({ _id: orderId, state }).update({ data: fields })) > 0;
}

export async function updateOrderFields(orderId: string, fields: Record<string, unknown>): Promise<void> {
  await orders().where({ _id: orderId }).update({ data: fields });
}

export async function appendTimeline(
  orderId: string,
  entry: { state: OrderState; at: number; note?: string },
  fields: Record<string, unknown> = {},
): Promise<void> {
  await orders()
    .where({ _id: orderId })
    .update({ data: { ...fields, timeline: command.push([entry]) } });
}

/**
 * The note and `latePayment` of a refunded late payment, written only while the order does not already
 * record that transaction: however often the refund step runs, the order gets one note per transaction.
 */
export async function appendTimelineUnlessLatePayment(
  orderId: string,
  transactionId: string,
  entry: { state: OrderState; at: number; note?: string },
  fields: Record<string, unknown>,
): Promise<boolean> {
  const answer = await orders()
    .where({ _id: orderId, 'latePayment.transactionId': command.neq(transactionId) })
    .update({ data: { ...fields, timeline: command.push([entry]) } });
  return updatedCount(answer) > 0;
}

/**
 * How the refund of an order's late payment settled at WeChat Pay; only while the order records that
 * transaction (setting the same status again changes nothing).
 */
export async function recordLatePaymentRefund(
  orderNo: string,
  transactionId: string,
  refundStatus: LatePayment['refundStatus'],
): Promise<boolean> {
  const answer = await orders()
    .where({ orderNo, 'latePayment.transactionId': transactionId })
    .update({ data: { 'latePayment.refundStatus': refundStatus } });
  return updatedCount(answer) > 0;
}

/** Expired unpaid orders due for closing, oldest first, leaving out those whose retry is not due yet. */
export async function findOrdersDueToClose(now: number, limit: number): Promise<StoredOrder[]> {
  const answer = await orders()
    .where(
      command.and([
        { state: 'TO_PAY', expiresAt: command.lt(now) },
        command.or([
          { 'closeRetry.nextAt': command.exists(false) },
          { 'closeRetry.nextAt': command.lte(now) },
        ]),
      ]),
    )
    .orderBy('expiresAt', 'asc')
    .limit(limit)
    .get();
  return documentsOf<StoredOrder>(answer);
}

/** Records a failed close of an order still unpaid; false when the order moved on meanwhile. */
export async function postponeClose(orderId: string, retry: CloseRetry): Promise<boolean> {
  const answer = await orders()
    .where({ _id: orderId, state: 'TO_PAY' })
    .update({ data: { closeRetry: command.set(retry) } });
  return updatedCount(answer) > 0;
}

/** Orders in `state` whose `field` is before `before`, oldest first: the worker's due list. */
export async function findDueOrders(
  state: OrderState,
  field: keyof Order,
  before: number,
  limit: number,
): Promise<StoredOrder[]> {
  const answer = await orders()
    .where({ state, [field]: command.lt(before) })
    .orderBy(field, 'asc')
    .limit(limit)
    .get();
  return documentsOf<StoredOrder>(answer);
}

/** The orders with these ids that exist (id, attempt and state only), read in chunks one query answers whole. */
export async function findOrdersByIds(orderIds: readonly string[]): Promise<StoredOrder[]> {
  return readInChunks(orderIds, async (chunk) =>
    documentsOf<StoredOrder>(
      await orders()
        .where({ _id: command.in(chunk) })
        .field({ _id: true, attempt: true, state: true, expiresAt: true })
        .limit(chunk.length)
        .get(),
    ),
  );
}

/** Where a page of recent purchases ends: its last row's payment time and order id. */
export interface PurchaseCursor {
  paidAt: number;
  orderId: string;
}

/**
 * Orders paid since `since` and still in a paid-or-later state, newest first, reduced by the database to what
 * the recommendation worker pairs (buyer, time, products and quantities): a page at a time after `after` (the
 * last row of the page before: a cursor, not an offset, so orders paid or refunded between two pages, which
 * may be read minutes apart, shift nothing).
 */
export async function findRecentPurchases(
  since: number,
  states: readonly OrderState[],
  after: PurchaseCursor | null,
  limit: number,
): Promise<Purchase[]> {
  const recent = { paidAt: command.gte(since), state: command.in([...states]) };
  const answer = await orders()
    .aggregate()
    .match(
      after === null
        ? recent
        : command.and([
            recent,
            command.or([
              { paidAt: command.lt(after.paidAt) },
              { paidAt: after.paidAt, _id: command.gt(after.orderId) },
            ]),
          ]),
    )
    .sort({ paidAt: -1, _id: 1 })
    .limit(limit)
    .project({ _id: 1, openid: 1, paidAt: 1, 'items.productId': 1, 'items.quantity': 1 })
    .end();
  type Row = { _id: string; openid: string; paidAt: number; items: Purchase['items'] };
  return listOf<Row>(answer).map((row) => ({
    orderId: row._id,
    openid: row.openid,
    at: row.paidAt,
    items: row.items,
  }));
}

/** Shipped orders whose shipping information WeChat has not accepted yet and that are due for a try. */
export async function findDueShippingUploads(now: number, limit: number): Promise<StoredOrder[]> {
  const answer = await orders()
    .where({
      'logistics.wechatShipping.state': 'PENDING',
      'logistics.wechatShipping.nextAttemptAt': command.lte(now),
    })
    .orderBy('logistics.wechatShipping.nextAttemptAt', 'asc')
    .limit(limit)
    .get();
  return documentsOf<StoredOrder>(answer);
}

/**
 * Records the outcome of a shipping information upload, only if no other attempt was recorded since the one
 * this started from (the attempt count is the version), so two workers never both count one attempt.
 */
export async function recordShippingUpload(
  orderId: string,
  fromAttempts: number,
  upload: WechatShippingUpload,
): Promise<boolean> {
  const answer = await orders()
    .where({
      _id: orderId,
      'logistics.wechatShipping.state': 'PENDING',
      'logistics.wechatShipping.attempts': fromAttempts,
    })
    .update({ data: { 'logistics.wechatShipping': command.set(upload) } });
  return updatedCount(answer) > 0;
}

/**
 * Settles the goods of a refunded shipped order: only while they are awaited, so of two merchants deciding
 * at once one wins and the other is told the order changed.
 */
export async function settleRefundGoods(
  orderId: string,
  goods: NonNullable<Order['refund']>['goods'],
  entry: { state: OrderState; at: number; note: string },
): Promise<boolean> {
  const answer = await orders()
    .where({
      _id: orderId,
      state: command.in(['REFUNDING', 'REFUNDED']),
      'refund.goods.state': 'AWAITED',
    })
    .update({ data: { 'refund.goods': goods, updatedAt: entry.at, timeline: command.push([entry]) } });
  return updatedCount(answer) > 0;
}

/**
 * Refunds that need the merchant: a refund WeChat Pay refused, closed or could not pay, or refunded goods
 * that are awaited. Bounded by what is open, not by the order history.
 */
export async function findRefundsNeedingMerchant(limit: number): Promise<StoredOrder[]> {
  const answer = await orders()
    .where(
      command.or([
        { state: 'REFUNDING', 'refund.problem.at': command.exists(true) },
        { state: command.in(['REFUNDING', 'REFUNDED']), 'refund.goods.state': 'AWAITED' },
      ]),
    )
    .orderBy('updatedAt', 'desc')
    .limit(limit)
    .get();
  return documentsOf<StoredOrder>(answer);
}
