/**
 * The jobs the timer-triggered worker runs every minute to keep orders, stock and coupons consistent:
 * repair what an interrupted order creation or cancellation left behind, close unpaid orders past their
 * expiry, and move shipped and received orders on after their deadlines. Every step is idempotent, so a
 * worker that dies half way is simply run again.
 */
import { PAID_OR_LATER, type OrderState } from '../../../types/order-states';
import { ORDER_DEADLINES, type OrderEvent } from '../domain/order-transitions';
import { DomainError } from '../runtime/domain-error';
import { findStaleLocks, spendCoupon, unlockCoupon } from '../repositories/coupon-repository';
import {
  findDueOrders,
  findOrdersByIds,
  findOrdersDueToClose,
  postponeClose,
  type StoredOrder,
} from '../repositories/order-repository';
import { claimQuota, releaseQuota } from '../repositories/buyer-quota-repository';
import {
  dropMarks,
  findSkusWithOldMarks,
  reservationOfMark,
  reserveMark,
  undoMark,
  undoTake,
} from '../repositories/stock-repository';
import {
  findDueReservations,
  findReservationsByIds,
  postponeCheck,
} from '../repositories/stock-reservation-repository';
import { readShopSettings } from '../config/shop-settings';
import { REPAIR_GRACE_MS } from '../domain/repair-timing';
import { finishStaleRelease, releaseReservation, settleReservation } from './stock-reservation-service';
import { moveOrder } from './order-service';
import { recheckProducts } from './sold-out-service';

const BATCH = 100;

const RELEASED: readonly OrderState[] = ['CANCELLED', 'CLOSED'];

export interface ReservationRepairReport {
  /** Reservations of unpaid orders, looked at again after the order's expiry. */
  kept: number;
  settled: number;
  released: number;
  /** Stock marks of writers that died: takes undone, returns finished, marks dropped. */
  marksRepaired: number;
  /** Products whose 已售罄 flag a stale mark owed, rechecked and written. */
  soldOutRechecked: number;
}

/**
 * A reservation due for a check is decided by its order: still unpaid → keep (and look again after the
 * order's expiry); paid → settle (the stock stays sold); missing, written by another attempt, cancelled or
 * closed → give the stock back, once. A RELEASING one is finished. The order's count against its buyer's
 * limits goes with it, except while an unpaid order stands for it.
 */
async function repairReservations(now: number, report: ReservationRepairReport): Promise<void> {
  const due = await findDueReservations(now, BATCH);
  const orders = new Map(
    (await findOrdersByIds([...new Set(due.map((r) => r.orderId))])).map((order) => [order._id, order]),
  );
  for (const reservation of due) {
    const order = orders.get(reservation.orderId);
    const mine = order !== undefined && order.attempt === reservation.attempt;
    const countsForOrder = order !== undefined && order.state === 'TO_PAY';
    const settings = readShopSettings();
    if (reservation.state === 'HELD' && mine && order.state === 'TO_PAY') {
      // Restores the count if the attempt that wrote the order lost it to a concurrent retry's rollback.
      await claimQuota(reservation.openid, reservation.orderId, reservation.lines, settings, {
        enforce: false,
      });
      await postponeCheck(reservation._id, order.expiresAt + REPAIR_GRACE_MS);
      report.kept += 1;
      continue;
    }
    if (!countsForOrder) await releaseQuota(reservation.openid, reservation.orderId, reservation.lines);
    if (reservation.state === 'RELEASING') {
      // Due means past its check time: its claimer is gone, unless another caller took it over just now.
      if (await finishStaleRelease(reservation, now)) report.released += 1;
    } else if (mine && PAID_OR_LATER.includes(order.state)) {
      if (await settleReservation(reservation._id, now)) report.settled += 1;
    } else if (await releaseReservation(reservation, now)) {
      report.released += 1;
    }
  }
}

/**
 * A mark older than the grace period belongs to a writer that died between a stock write and its record, or
 * before its product's 已售罄 recheck (or whose recheck failed): a take whose reservation was never written is
 * undone (with the mark, once); a return whose reservation is still RELEASING is finished (its own recheck
 * drops its marks). Every other mark — a take that was recorded, a return whose reservation is RELEASED, an
 * adjustment, returned goods, a product save — only owes the recheck: the product is rechecked first and the
 * mark dropped after, so a worker that dies in between leaves it for the next run.
 */
async function repairStockMarks(now: number, report: ReservationRepairReport): Promise<void> {
  const before = now - REPAIR_GRACE_MS;
  const skus = await findSkusWithOldMarks(before, BATCH);
  const stale = skus.flatMap((sku) =>
    sku.pending
      .filter((mark) => mark.at < before)
      .map((mark) => ({ skuId: sku._id, productId: sku.productId, mark })),
  );
  const reservationIds = stale.flatMap(({ mark }) => reservationOfMark(mark.op) ?? []);
  const reservations = new Map(
    (await findReservationsByIds([...new Set(reservationIds)])).map((r) => [r._id, r]),
  );
  const undone = new Set<string>();
  const owed: typeof stale = [];
  for (const entry of stale) {
    const { skuId, productId, mark } = entry;
    const reservationId = reservationOfMark(mark.op);
    const reservation = reservationId === undefined ? undefined : reservations.get(reservationId);
    if (reservationId !== undefined && mark.op === reserveMark(reservationId) && !reservation) {
      if (await undoTake(skuId, reservationId, mark.quantity)) undone.add(productId);
    } else if (
      reservationId !== undefined &&
      mark.op === undoMark(reservationId) &&
      reservation?.state === 'RELEASING'
    ) {
      // One take-over for the whole reservation: its other lines' marks find it taken (and dropped).
      await finishStaleRelease(reservation, now);
    } else {
      owed.push(entry);
    }
    report.marksRepaired += 1;
  }
  const rechecked = await recheckProducts([...undone, ...owed.map((entry) => entry.productId)]);
  report.soldOutRechecked += rechecked.size;
  const drops = new Map<string, string[]>();
  for (const { skuId, productId, mark } of owed)
    if (rechecked.has(productId)) drops.set(skuId, [...(drops.get(skuId) ?? []), mark.op]);
  for (const [skuId, ops] of drops) await dropMarks(skuId, ops);
}

export async function repairStockReservations(now: number): Promise<ReservationRepairReport> {
  const report: ReservationRepairReport = {
    kept: 0,
    settled: 0,
    released: 0,
    marksRepaired: 0,
    soldOutRechecked: 0,
  };
  await repairStockMarks(now, report);
  await repairReservations(now, report);
  return report;
}

export interface CouponRepairReport {
  unlocked: number;
  spent: number;
}

/** A coupon LOCKED by an order that was never written, or was cancelled or closed, becomes usable again. */
export async function repairCouponLocks(now: number): Promise<CouponRepairReport> {
  const locked = await findStaleLocks(now - REPAIR_GRACE_MS, BATCH);
  const orders = new Map(
    (await findOrdersByIds(locked.flatMap((c) => (c.orderId ? [c.orderId] : [])))).map((o) => [o._id, o]),
  );
  const report: CouponRepairReport = { unlocked: 0, spent: 0 };
  for (const coupon of locked) {
    if (!coupon.orderId) continue;
    const order = orders.get(coupon.orderId);
    if (!order || RELEASED.includes(order.state)) {
      if (await unlockCoupon(coupon._id, coupon.orderId)) report.unlocked += 1;
    } else if (PAID_OR_LATER.includes(order.state)) {
      if (await spendCoupon(coupon._id, coupon.orderId, now)) report.spent += 1;
    }
  }
  return report;
}

/** An order a worker job could not finish this run; it is due again on the next. */
export interface UnfinishedOrder {
  orderNo: string;
  error: string;
}

function unfinished(order: StoredOrder, error: unknown): UnfinishedOrder {
  console.error(`[upkeep] ${order.orderNo} not finished`, error);
  return { orderNo: order.orderNo, error: error instanceof Error ? error.message : String(error) };
}

/**
 * Moves each order by a system event, each on its own: an order another writer moved first is skipped, and
 * an order that fails is reported without stopping the others.
 */
async function moveAll(
  orders: readonly StoredOrder[],
  event: OrderEvent,
  now: number,
  note: string,
): Promise<{ moved: number; failed: UnfinishedOrder[] }> {
  let moved = 0;
  const failed: UnfinishedOrder[] = [];
  for (const order of orders) {
    try {
      await moveOrder(order, event, 'SYSTEM', now, note);
      moved += 1;
    } catch (error) {
      if (!(error instanceof DomainError && error.code === 'ORDER_STATE_CONFLICT'))
        failed.push(unfinished(order, error));
    }
  }
  return { moved, failed };
}

/**
 * Before an unpaid order closes, `confirmUnpaid` asks the payment gateway: an order paid but not yet
 * notified must be applied as paid, never closed. It answers `{ close: true }` when the order may close, or
 * why not (the buyer is paying, WeChat Pay could not be asked or refused the close, the payment was applied).
 */
export type ConfirmUnpaid = (
  order: StoredOrder,
  now: number,
) => Promise<{ close: true } | { close: false; reason: string }>;

/** A close that did not finish is tried again after 1, 2, 4 … 60 minutes. */
export function closeRetryDelayMs(attempts: number): number {
  return Math.min(60, 2 ** (attempts - 1)) * 60 * 1000;
}

/** How one close went: closed here, left for later with its backoff, or moved on by another writer first. */
export type CloseOutcome =
  | { outcome: 'CLOSED'; order: StoredOrder }
  | { outcome: 'POSTPONED' | 'NOT_CLOSED'; failed?: UnfinishedOrder };

export const TIMEOUT_NOTE = '超时未支付，订单已自动关闭';

/**
 * Closes one expired unpaid order: the worker's due list and a buyer whose countdown ran out both come
 * here, so there is one close. WeChat Pay is asked first (`confirmUnpaid`: a payment it reports is applied
 * as paid, never closed); a close that may not happen now gets its own backoff, written only while the
 * order is still unpaid, so it leaves the head of the due list and the next try waits. The move itself is
 * a compare-and-set TIMEOUT: of any number of closers (the worker, the buyer's calls, a payment notice)
 * one moves the order and gives its stock, coupon and count back; the others find it moved (NOT_CLOSED).
 */
export async function closeExpiredOrder(
  order: StoredOrder,
  now: number,
  confirmUnpaid: ConfirmUnpaid,
): Promise<CloseOutcome> {
  let reason: string;
  let failed: UnfinishedOrder | undefined;
  try {
    const answer = await confirmUnpaid(order, now);
    if (answer.close) return await moveToClosed(order, now);
    reason = answer.reason;
  } catch (error) {
    // WeChat Pay could not be asked about this one: it stays open until it can.
    failed = unfinished(order, error);
    reason = error instanceof Error ? error.message : String(error);
  }
  const attempts = (order.closeRetry?.attempts ?? 0) + 1;
  const retry = { attempts, nextAt: now + closeRetryDelayMs(attempts), lastError: reason.slice(0, 200) };
  const postponed = await postponeClose(order._id, retry).catch(() => false);
  return { outcome: postponed ? 'POSTPONED' : 'NOT_CLOSED', ...(failed && { failed }) };
}

async function moveToClosed(order: StoredOrder, now: number): Promise<CloseOutcome> {
  try {
    return { outcome: 'CLOSED', order: await moveOrder(order, 'TIMEOUT', 'SYSTEM', now, TIMEOUT_NOTE) };
  } catch (error) {
    if (error instanceof DomainError && error.code === 'ORDER_STATE_CONFLICT')
      return { outcome: 'NOT_CLOSED' };
    return { outcome: 'NOT_CLOSED', failed: unfinished(order, error) };
  }
}

export async function closeExpiredOrders(
  now: number,
  confirmUnpaid: ConfirmUnpaid,
): Promise<{ closed: number; postponed: number; failed: UnfinishedOrder[] }> {
  const due = await findOrdersDueToClose(now, BATCH);
  const failed: UnfinishedOrder[] = [];
  let closed = 0;
  let postponed = 0;
  for (const order of due) {
    const result = await closeExpiredOrder(order, now, confirmUnpaid);
    if (result.outcome === 'CLOSED') closed += 1;
    else {
      if (result.outcome === 'POSTPONED') postponed += 1;
      if (result.failed) failed.push(result.failed);
    }
  }
  return { closed, postponed, failed };
}

export async function advanceDeliveredOrders(
  now: number,
): Promise<{ received: number; completed: number; failed: UnfinishedOrder[] }> {
  const shipped = await findDueOrders('SHIPPED', 'shippedAt', now - ORDER_DEADLINES.autoReceiveAfter, BATCH);
  const received = await moveAll(shipped, 'AUTO_RECEIVE', now, '超时自动确认收货');
  const done = await findDueOrders('RECEIVED', 'receivedAt', now - ORDER_DEADLINES.completeAfter, BATCH);
  const completed = await moveAll(done, 'COMPLETE', now, '交易完成');
  return {
    received: received.moved,
    completed: completed.moved,
    failed: [...received.failed, ...completed.failed],
  };
}
