/**
 * Payments of orders: preparing wx.requestPayment, taking verified payment notices into the inbox, applying
 * them to their orders (inline, and again by the worker for whatever is left), asking the gateway before an
 * unpaid order closes, and refunding a payment that arrives for an order already closed or cancelled.
 */
import type { PaymentRequest } from '../../../types/api';
import type { Order, PaymentChannel } from '../../../types/entities';
import { checkPayable, planTransition } from '../domain/order-transitions';
import { GatewayError, type NotificationDelivery, type PaymentTransaction } from '../payments/gateway';
import { DomainError, fail } from '../runtime/domain-error';
import { spendCoupon } from '../repositories/coupon-repository';
import {
  appendTimeline,
  applyTransition,
  findBuyerOrder,
  findOrderByNumber,
  updateOrderInState,
  type StoredOrder,
} from '../repositories/order-repository';
import {
  findDueInboxItems,
  finishInboxItem,
  postponeInboxItem,
  recordInboxItem,
  type InboxItem,
} from '../repositories/payment-inbox-repository';
import { releaseQuota } from '../repositories/buyer-quota-repository';
import { reservationIdFor } from '../repositories/stock-reservation-repository';
import { paymentGateway } from './payment-gateway-instance';
import { orderLines, publicOrder } from './order-service';
import { buyerOrderOrFail } from './order-lookup';
import { settleReservation } from './stock-reservation-service';

const CHANNELS: Record<string, PaymentChannel> = {
  'wechatpay-v3': 'WECHAT_PAY_V3',
  cloudpay: 'CLOUD_PAY',
  sandbox: 'SANDBOX',
};

/** A failing inbox item is retried after 1, 2, 4 … minutes, then left DEAD for the merchant. */
export const INBOX_MAX_ATTEMPTS = 8;
export function inboxBackoffMs(attempts: number): number {
  return Math.min(60, 2 ** attempts) * 60 * 1000;
}

function describe(order: StoredOrder): string {
  const first = order.items[0]?.title ?? '商品';
  const count = order.items.reduce((n, item) => n + item.quantity, 0);
  return (count > 1 ? `${first} 等${count}件` : first).slice(0, 120);
}

// ---------------------------------------------------------------- prepare

export async function preparePayment(openid: string, orderId: string, now: number): Promise<PaymentRequest> {
  const order = await buyerOrderOrFail(openid, orderId);
  const payable = checkPayable(order, now);
  if (!payable.ok)
    fail(payable.code, payable.code === 'ORDER_EXPIRED' ? 'the order expired' : `order is ${order.state}`);
  const gateway = paymentGateway();
  const base = {
    orderId: order._id,
    orderNo: order.orderNo,
    amount: order.amounts.payable,
    mode: gateway.mode,
  };
  const cached = order.payment;
  if (cached?.requestParams && cached.prepayValidUntil !== undefined && cached.prepayValidUntil > now) {
    return { ...base, params: cached.requestParams };
  }
  let prepay;
  try {
    prepay = await gateway.prepay({
      outTradeNo: order.orderNo,
      description: describe(order),
      amountFen: order.amounts.payable,
      payerOpenid: openid,
      expiresAt: order.expiresAt,
    });
  } catch (error) {
    if (error instanceof GatewayError && error.code === 'TIME_EXPIRE_TOO_CLOSE')
      fail('ORDER_EXPIRED', 'the order closes too soon to be paid');
    if (error instanceof GatewayError && error.kind === 'ORDER_PAID') {
      await syncWithGateway(order, now);
      fail('ORDER_STATE_CONFLICT', 'the order is already paid');
    }
    console.error('[payments] prepay failed', error);
    fail('PAYMENT_FAILED', error instanceof Error ? error.message : 'prepay failed');
  }
  const payment = {
    channel: CHANNELS[gateway.mode],
    prepayId: prepay.prepayId,
    requestParams: prepay.params,
    prepayValidUntil: prepay.validUntil,
  };
  // Only while still unpaid: a notice that just arrived must not be overwritten.
  if (!(await updateOrderInState(order._id, 'TO_PAY', { payment })))
    fail('ORDER_STATE_CONFLICT', 'the order changed meanwhile');
  return { ...base, params: prepay.params };
}

// ---------------------------------------------------------------- notices

export type NoticeOutcome = { accepted: true; applied: boolean } | { accepted: false; reason: string };

/**
 * Verifies a notification (the gateway checks signature, serial, timestamp, appid, mchid and decrypts it),
 * then checks it against the order: it must name an order of ours, for exactly its payable amount. Only then
 * is it stored and acknowledged; applying it is attempted at once and otherwise left to the worker.
 */
export async function acceptPaymentNotice(
  delivery: NotificationDelivery,
  now: number,
): Promise<NoticeOutcome> {
  const check = paymentGateway().parseNotification(delivery);
  if (!check.ok) {
    console.warn(`[payments] notification refused: ${check.reason}`);
    return { accepted: false, reason: check.reason };
  }
  return takeTransaction(check.notice.transaction, delivery.channel === 'http' ? 'notify' : 'callback', now);
}

async function takeTransaction(
  transaction: PaymentTransaction,
  source: InboxItem['source'],
  now: number,
): Promise<NoticeOutcome> {
  if (transaction.state !== 'SUCCESS') return { accepted: false, reason: `trade state ${transaction.state}` };
  const order = await findOrderByNumber(transaction.outTradeNo);
  if (!order) {
    console.warn(`[payments] notification for unknown order ${transaction.outTradeNo}`);
    return { accepted: false, reason: 'UNKNOWN_ORDER' };
  }
  if (transaction.totalFen !== order.amounts.payable) {
    console.warn(
      `[payments] amount ${transaction.totalFen} ≠ payable ${order.amounts.payable} of ${order.orderNo}`,
    );
    return { accepted: false, reason: 'AMOUNT_MISMATCH' };
  }
  if (transaction.payerOpenid && transaction.payerOpenid !== order.openid) {
    console.warn(`[payments] payer ${transaction.payerOpenid} is not the buyer of ${order.orderNo}`);
  }
  const item: InboxItem = {
    _id: transaction.transactionId,
    outTradeNo: transaction.outTradeNo,
    source,
    transaction,
    state: 'PENDING',
    receivedAt: now,
    attempts: 0,
    nextAttemptAt: now,
  };
  await recordInboxItem(item);
  // Applying is best effort here: the notice is safe in the inbox, and the worker applies what is left.
  try {
    await applyInboxItem(item, now);
    return { accepted: true, applied: true };
  } catch (error) {
    console.error('[payments] inline apply failed; the worker will retry', error);
    return { accepted: true, applied: false };
  }
}

/**
 * Applies one inbox item to its order. TO_PAY → PAID with compare-and-set; an order already paid by this
 * transaction is done; an order closed or cancelled gets the payment refunded. Safe to run any number of
 * times and concurrently: the order's compare-and-set and the inbox's PENDING check decide once.
 */
export async function applyInboxItem(item: InboxItem, now: number): Promise<'APPLIED' | 'REFUNDED'> {
  const { transaction } = item;
  const order = await findOrderByNumber(transaction.outTradeNo);
  if (!order) throw new Error(`no order ${transaction.outTradeNo}`);
  if (order.state === 'TO_PAY') {
    const plan = planTransition(order, 'PAY', now, { actor: 'SYSTEM', note: '微信支付成功' });
    if (!plan.ok) throw new Error(`cannot pay order ${order._id}: ${plan.code}`);
    const payment = {
      ...order.payment,
      channel: order.payment?.channel ?? CHANNELS[paymentGateway().mode],
      transactionId: transaction.transactionId,
      paidAmount: transaction.totalFen,
      paidAt: transaction.paidAt ?? now,
    };
    if (await applyTransition(order._id, plan.value, { payment })) {
      // The payment is applied once the order reads PAID; what follows is repaired by the worker if cut short.
      await finishInboxItem(item._id, 'APPLIED', now);
      await afterPaid(order, now).catch((error: unknown) => console.error('after payment', error));
      return 'APPLIED';
    }
    // Someone moved the order meanwhile (another delivery, or the timeout close): look again.
    return applyInboxItem(item, now);
  }
  if (order.payment?.transactionId === transaction.transactionId) {
    await finishInboxItem(item._id, 'APPLIED', now);
    return 'APPLIED';
  }
  if (order.state === 'CLOSED' || order.state === 'CANCELLED') {
    await refundLatePayment(order, transaction, now);
    await finishInboxItem(item._id, 'REFUNDED', now);
    return 'REFUNDED';
  }
  // Paid twice (a second transaction for an order already paid by another): refund the second one too.
  await refundLatePayment(order, transaction, now);
  await finishInboxItem(item._id, 'REFUNDED', now);
  return 'REFUNDED';
}

/**
 * What follows a payment: the coupon is spent, the order stops counting against the buyer's limits and its
 * reservation is settled (the stock stays sold). Each step is idempotent; the worker redoes any cut short
 * (a LOCKED coupon of a paid order is spent, a HELD reservation of a paid order settled with its count).
 */
async function afterPaid(order: StoredOrder, now: number): Promise<void> {
  if (order.couponId) await spendCoupon(order.couponId, order._id, now);
  await releaseQuota(order.openid, order._id, orderLines(order));
  await settleReservation(reservationIdFor(order.attempt), now);
}

async function refundLatePayment(
  order: StoredOrder,
  transaction: PaymentTransaction,
  now: number,
): Promise<void> {
  const outRefundNo = `LR${transaction.transactionId}`.slice(0, 64);
  let refundStatus: 'PROCESSING' | 'SUCCESS' | 'CLOSED' | 'ABNORMAL' | 'FAILED';
  try {
    const refund = await paymentGateway().refund({
      outTradeNo: transaction.outTradeNo,
      outRefundNo,
      totalFen: transaction.totalFen,
      refundFen: transaction.totalFen,
      reason: '订单已关闭，支付款原路退回',
    });
    refundStatus = refund.status;
  } catch (error) {
    // Left pending in the inbox: the worker retries the refund (the refund number makes it idempotent).
    throw new Error(`late payment refund failed: ${error instanceof Error ? error.message : String(error)}`);
  }
  await appendTimeline(
    order._id,
    { state: order.state, at: now, note: '订单关闭后收到支付，款项已原路退回' },
    {
      latePayment: {
        transactionId: transaction.transactionId,
        amount: transaction.totalFen,
        outRefundNo,
        refundStatus,
        at: now,
      },
    },
  );
}

// ---------------------------------------------------------------- the worker's side

export interface InboxDrainReport {
  applied: number;
  refunded: number;
  retried: number;
  dead: number;
}

export async function drainPaymentInbox(now: number): Promise<InboxDrainReport> {
  const report: InboxDrainReport = { applied: 0, refunded: 0, retried: 0, dead: 0 };
  for (const item of await findDueInboxItems(now, 50)) {
    try {
      const result = await applyInboxItem(item, now);
      if (result === 'APPLIED') report.applied += 1;
      else report.refunded += 1;
    } catch (error) {
      const attempts = item.attempts + 1;
      const dead = attempts >= INBOX_MAX_ATTEMPTS;
      await postponeInboxItem(item._id, item.attempts, {
        state: dead ? 'DEAD' : 'PENDING',
        nextAttemptAt: now + inboxBackoffMs(attempts),
        lastError: error instanceof Error ? error.message : String(error),
      });
      if (dead) report.dead += 1;
      else report.retried += 1;
    }
  }
  return report;
}

/**
 * Asks the gateway about an unpaid order and feeds a payment it reports into the inbox: used when the buyer's
 * page is still waiting, and before the worker closes an expired order.
 */
export async function syncWithGateway(
  order: StoredOrder,
  now: number,
): Promise<'PAID' | 'UNPAID' | 'UNKNOWN'> {
  if (!order.payment?.prepayId) return 'UNPAID';
  try {
    const answer = await paymentGateway().query(order.orderNo);
    if (answer.state === 'SUCCESS' && answer.transaction) {
      const outcome = await takeTransaction(answer.transaction, 'query', now);
      return outcome.accepted ? 'PAID' : 'UNKNOWN';
    }
    return answer.state === 'USERPAYING' ? 'UNKNOWN' : 'UNPAID';
  } catch (error) {
    if (error instanceof GatewayError && error.kind === 'ORDER_NOT_FOUND') return 'UNPAID';
    console.error(`[payments] query of ${order.orderNo} failed`, error);
    return 'UNKNOWN';
  }
}

/** The worker's check before closing: close only what the gateway says is unpaid, and close it there first. */
export async function confirmUnpaidWithGateway(order: StoredOrder, now: number): Promise<boolean> {
  if (!order.payment?.prepayId) return true;
  const state = await syncWithGateway(order, now);
  if (state !== 'UNPAID') return false;
  try {
    await paymentGateway().close(order.orderNo);
    return true;
  } catch (error) {
    if (error instanceof GatewayError && error.kind === 'ORDER_NOT_FOUND') return true;
    if (error instanceof GatewayError && error.kind === 'ORDER_PAID') await syncWithGateway(order, now);
    else console.error(`[payments] close of ${order.orderNo} failed`, error);
    return false;
  }
}

export async function syncPaymentForBuyer(openid: string, orderId: string, now: number): Promise<Order> {
  const order = await buyerOrderOrFail(openid, orderId);
  if (order.state !== 'TO_PAY') return publicOrder(order);
  try {
    await syncWithGateway(order, now);
  } catch (error) {
    if (!(error instanceof DomainError)) throw error;
  }
  const after = await findBuyerOrder(openid, orderId);
  return publicOrder(after ?? order);
}
