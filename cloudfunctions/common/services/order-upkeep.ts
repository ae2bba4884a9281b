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
import { findDueOrders, findOrdersByIds, type StoredOrder } from '../repositories/order-repository';
import { findSkusWithOldHolds, settleHolds, undoReservation } from '../repositories/stock-repository';
import { moveOrder } from './order-service';

/** Longer than any order creation can take (function timeout), so a live attempt is never repaired. */
export const REPAIR_GRACE_MS = 2 * 60 * 1000;
const BATCH = 100;

const RELEASED: readonly OrderState[] = ['CANCELLED', 'CLOSED'];

export interface HoldRepairReport {
  settled: number;
  undone: number;
}

/**
 * Each hold on a SKU names the creation attempt that took the stock. Its order decides its fate: still
 * unpaid → keep; paid → settle (drop the note, the stock stays sold); missing, written by another attempt,
 * cancelled or closed → undo (the stock goes back, once).
 */
export async function repairStockHolds(now: number): Promise<HoldRepairReport> {
  const skus = await findSkusWithOldHolds(now - REPAIR_GRACE_MS, BATCH);
  const orderIds = [...new Set(skus.flatMap((sku) => sku.holds.map((hold) => hold.orderId)))];
  const orders = new Map((await findOrdersByIds(orderIds)).map((order) => [order._id, order]));
  const report: HoldRepairReport = { settled: 0, undone: 0 };
  for (const sku of skus) {
    const settle: string[] = [];
    for (const hold of sku.holds) {
      const order = orders.get(hold.orderId);
      const mine = order !== undefined && order.attempt === hold.attempt;
      if (mine && order.state === 'TO_PAY') continue;
      if (mine && PAID_OR_LATER.includes(order.state)) {
        settle.push(hold.attempt);
      } else if (hold.at < now - REPAIR_GRACE_MS || (mine && RELEASED.includes(order.state))) {
        if (await undoReservation(sku._id, hold)) report.undone += 1;
      }
    }
    if (settle.length > 0) {
      await settleHolds(sku._id, settle);
      report.settled += settle.length;
    }
  }
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
 * notified must be applied as paid, never closed. It answers true when the order may close.
 */
export type ConfirmUnpaid = (order: StoredOrder, now: number) => Promise<boolean>;

export async function closeExpiredOrders(
  now: number,
  confirmUnpaid: ConfirmUnpaid,
): Promise<{ closed: number; failed: UnfinishedOrder[] }> {
  const due = await findDueOrders('TO_PAY', 'expiresAt', now, BATCH);
  const closable: StoredOrder[] = [];
  const failed: UnfinishedOrder[] = [];
  for (const order of due) {
    try {
      if (await confirmUnpaid(order, now)) closable.push(order);
    } catch (error) {
      // WeChat Pay could not be asked about this one: it stays open until it can.
      failed.push(unfinished(order, error));
    }
  }
  const closing = await moveAll(closable, 'TIMEOUT', now, '超时未支付，订单已自动关闭');
  return { closed: closing.moved, failed: [...failed, ...closing.failed] };
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
