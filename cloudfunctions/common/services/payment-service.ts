/**
 * Payments of orders: preparing wx.requestPayment, taking verified payment notices into the inbox, applying
 * them to their orders (inline, and again by the worker for whatever is left), asking the gateway before an
 * unpaid order closes, and refunding a payment that arrives for an order already closed or cancelled.
 */
import type { PaymentRequest } from '../../../types/api';
import type { Order, PaymentChannel } from '../../../types/entities';
import type { PaymentAnomalyCode } from '../../../types/merchant-payments';
import { checkPayable, planTransition } from '../domain/order-transitions';
import { GatewayError, type NotificationDelivery, type PaymentTransaction } from '../payments/gateway';
import { DomainError, fail } from '../runtime/domain-error';
import { spendCoupon } from '../repositories/coupon-repository';
import {
  appendTimelineUnlessLatePayment,
  applyTransition,
  findBuyerOrder,
  findOrderByNumber,
  updateOrderInState,
  type StoredOrder,
} from '../repositories/order-repository';
import {
  findDueInboxItems,
  findInboxItem,
  findPendingItemsOfOrder,
  finishInboxItem,
  leaseInboxItem,
  markInboxAnomaly,
  postponeInboxItem,
  recordInboxItem,
  type InboxItem,
  type RecordOutcome,
} from '../repositories/payment-inbox-repository';
import { releaseQuota } from '../repositories/buyer-quota-repository';
import { reservationIdFor } from '../repositories/stock-reservation-repository';
import { paymentGateway } from './payment-gateway-instance';
import { firstRefundFollowAt } from './payment-refund-follow-up';
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

export type NoticeOutcome =
  { accepted: true; stored: 'NEW' | 'DUPLICATE' } | { accepted: false; reason: string };

/**
 * Verifies a notification (the gateway checks signature, serial, timestamp, appid, mchid and decrypts it) and
 * stores the genuine payment in the inbox, keyed by its transaction. That is all: once it is stored the
 * notification may be acknowledged, and nothing slower (reading the order, refunding) delays the answer or
 * changes it. The worker applies stored notices, and so does order.syncPayment for the buyer waiting.
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
  const { transaction } = check.notice;
  if (transaction.state !== 'SUCCESS') return { accepted: false, reason: `trade state ${transaction.state}` };
  const outcome = await recordTransaction(
    transaction,
    delivery.channel === 'http' ? 'notify' : 'callback',
    now,
  );
  return { accepted: true, stored: outcome.stored };
}

function recordTransaction(
  transaction: PaymentTransaction,
  source: InboxItem['source'],
  now: number,
): Promise<RecordOutcome> {
  return recordInboxItem({
    _id: transaction.transactionId,
    outTradeNo: transaction.outTradeNo,
    source,
    transaction,
    state: 'PENDING',
    receivedAt: now,
    attempts: 0,
    nextAttemptAt: now,
  });
}

/** How long one apply holds an inbox item: longer than any function may run (the worker, 60 s). */
export const INBOX_LEASE_MS = 2 * 60 * 1000;

export type ApplyOutcome = 'APPLIED' | 'REFUNDED' | 'ANOMALY' | 'BUSY' | 'DONE';

/**
 * Applies one inbox item to its order, holding the item's lease so that exactly one apply acts on it at a
 * time: TO_PAY → PAID with compare-and-set; an order already paid by this transaction is done; an order closed,
 * cancelled or paid by another transaction gets this payment refunded (one refund number and one timeline
 * note per transaction); a genuine payment for no order of ours, of another amount or from another payer is
 * kept as an ANOMALY for the merchant. BUSY: another apply holds it; DONE: it was finished meanwhile.
 */
export async function applyInboxItem(item: InboxItem, now: number): Promise<ApplyOutcome> {
  if (!(await leaseInboxItem(item._id, now, now + INBOX_LEASE_MS))) {
    const current = await findInboxItem(item._id);
    return current?.state === 'PENDING' ? 'BUSY' : 'DONE';
  }
  const { transaction } = item;
  const order = await findOrderByNumber(transaction.outTradeNo);
  const anomaly = anomalyOf(order, transaction);
  if (anomaly) {
    console.warn(`[payments] anomaly ${anomaly.code} of ${transaction.transactionId}: ${anomaly.detail}`);
    await markInboxAnomaly(item._id, { ...anomaly, at: now });
    return 'ANOMALY';
  }
  return applyToOrder(item, order as StoredOrder, now);
}

/** Why a genuine payment cannot be applied to the order it names, if it cannot. */
function anomalyOf(
  order: StoredOrder | undefined,
  transaction: PaymentTransaction,
): { code: PaymentAnomalyCode; detail: string } | undefined {
  if (!order) return { code: 'UNKNOWN_ORDER', detail: `no order numbered ${transaction.outTradeNo}` };
  if (transaction.totalFen !== order.amounts.payable)
    return {
      code: 'AMOUNT_MISMATCH',
      detail: `paid ${transaction.totalFen}, payable ${order.amounts.payable}`,
    };
  if (transaction.payerOpenid && transaction.payerOpenid !== order.openid)
    return { code: 'PAYER_MISMATCH', detail: `paid by ${transaction.payerOpenid}, not the buyer` };
  return undefined;
}

async function applyToOrder(item: InboxItem, order: StoredOrder, now: number): Promise<ApplyOutcome> {
  const { transaction } = item;
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
    // The order moved meanwhile (the timeout close, the buyer cancelling): look again.
    const moved = await findOrderByNumber(transaction.outTradeNo);
    if (!moved || moved.state === 'TO_PAY') throw new Error(`order ${order._id} could not be marked paid`);
    return applyToOrder(item, moved, now);
  }
  if (order.payment?.transactionId === transaction.transactionId) {
    await finishInboxItem(item._id, 'APPLIED', now);
    return 'APPLIED';
  }
  // Closed, cancelled, or paid by another transaction: this payment goes back.
  const refund = await refundLatePayment(order, transaction, now);
  // A refund WeChat Pay is still processing is followed by the worker until it settles.
  await finishInboxItem(item._id, 'REFUNDED', now, { refund, ...firstRefundFollowAt(refund.status, now) });
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

/**
 * Refunds a payment that cannot stand, under the inbox item's lease: the refund number is the transaction's
 * (`LR` + transaction id, so a retry after a crash refunds once at WeChat Pay), and the order's note is
 * written only while the order does not already record this transaction's refund.
 */
async function refundLatePayment(
  order: StoredOrder,
  transaction: PaymentTransaction,
  now: number,
): Promise<{ outRefundNo: string; status: string }> {
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
  await appendTimelineUnlessLatePayment(
    order._id,
    transaction.transactionId,
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
  return { outRefundNo, status: refundStatus };
}

// ---------------------------------------------------------------- the worker's side

export interface InboxDrainReport {
  applied: number;
  refunded: number;
  anomalies: number;
  retried: number;
  dead: number;
}

export async function drainPaymentInbox(now: number): Promise<InboxDrainReport> {
  const report: InboxDrainReport = { applied: 0, refunded: 0, anomalies: 0, retried: 0, dead: 0 };
  for (const item of await findDueInboxItems(now, 50)) {
    try {
      const result = await applyInboxItem(item, now);
      if (result === 'APPLIED') report.applied += 1;
      else if (result === 'REFUNDED') report.refunded += 1;
      else if (result === 'ANOMALY') report.anomalies += 1;
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
      // The query's answer goes through the inbox like a notice, and is applied at once.
      const recorded = await recordTransaction(answer.transaction, 'query', now);
      const item =
        recorded.stored === 'NEW' ? await findInboxItem(answer.transaction.transactionId) : recorded.item;
      if (item?.state === 'PENDING') await applyInboxItem(item, now);
      const after = await findInboxItem(answer.transaction.transactionId);
      return after?.state === 'APPLIED' ? 'PAID' : 'UNKNOWN';
    }
    return answer.state === 'USERPAYING' ? 'UNKNOWN' : 'UNPAID';
  } catch (error) {
    if (error instanceof GatewayError && error.kind === 'ORDER_NOT_FOUND') return 'UNPAID';
    console.error(`[payments] query of ${order.orderNo} failed`, error);
    return 'UNKNOWN';
  }
}

/**
 * The worker's check before closing: close only what the gateway says is unpaid, and close it there first.
 * Anything else (a payment found and applied, the buyer paying, WeChat Pay unreachable, an unsigned error, a
 * close refused) is a reason not to close now; the worker tries again later.
 */
export async function confirmUnpaidWithGateway(
  order: StoredOrder,
  now: number,
): Promise<{ close: true } | { close: false; reason: string }> {
  if (!order.payment?.prepayId) return { close: true };
  const state = await syncWithGateway(order, now);
  if (state === 'PAID') return { close: false, reason: 'paid: the payment was applied' };
  if (state === 'UNKNOWN') return { close: false, reason: 'WeChat Pay did not say it is unpaid' };
  try {
    await paymentGateway().close(order.orderNo);
    return { close: true };
  } catch (error) {
    if (error instanceof GatewayError && error.kind === 'ORDER_NOT_FOUND') return { close: true };
    if (error instanceof GatewayError && error.kind === 'ORDER_PAID') {
      // Paid between the query and the close (or an unsigned claim of it): the signed query decides.
      const after = await syncWithGateway(order, now);
      return { close: false, reason: `close answered ${error.code}; query: ${after}` };
    }
    console.error(`[payments] close of ${order.orderNo} failed`, error);
    return { close: false, reason: error instanceof Error ? error.message : String(error) };
  }
}

/**
 * The buyer's page after the payment sheet said paid: a notice already in the inbox is applied now (no call to
 * WeChat Pay); with none there, WeChat Pay is asked (a lost or late notification).
 */
export async function syncPaymentForBuyer(openid: string, orderId: string, now: number): Promise<Order> {
  const order = await buyerOrderOrFail(openid, orderId);
  if (order.state !== 'TO_PAY') return publicOrder(order);
  const waiting = await findPendingItemsOfOrder(order.orderNo);
  try {
    for (const item of waiting) await applyInboxItem(item, now);
    if (waiting.length === 0) await syncWithGateway(order, now);
  } catch (error) {
    // The worker retries the item; the buyer sees the order as it stands.
    if (!(error instanceof DomainError)) console.error('[payments] sync failed', error);
  }
  const after = await findBuyerOrder(openid, orderId);
  return publicOrder(after ?? order);
}
