/**
 * Refunds of paid orders: the buyer asks (or the merchant decides), the merchant approves and the gateway
 * refunds, or the merchant rejects and the order goes back where it was. The refund number is derived from
 * the order, so a retried approval never refunds twice.
 */
import { notifyBuyer } from './message-service';
import type { Order, OrderRefund, RefundProblem } from '../../../types/entities';
import type { MerchantOrder } from '../../../types/merchant';
import { checkGoodsDecision, goodsOfNewRefund } from '../domain/order-transitions';
import { GatewayError } from '../payments/gateway';
import { fail } from '../runtime/domain-error';
import {
  findDueOrders,
  findRefundsNeedingMerchant,
  settleRefundGoods,
  updateOrderInState,
  type StoredOrder,
} from '../repositories/order-repository';
import { reservationIdFor } from '../repositories/stock-reservation-repository';
import { merchantOrder } from './merchant-service';
import { returnPaidStock } from './stock-reservation-service';
import { moveOrder, publicOrder } from './order-service';
import { paymentGateway } from './payment-gateway-instance';
import { buyerOrderOrFail, orderOrFail } from './order-lookup';

export function refundNumberOf(order: Pick<Order, 'orderNo'>): string {
  return `RF${order.orderNo}`;
}

function refundable(order: StoredOrder): 'PAID' | 'SHIPPED' {
  if (order.state !== 'PAID' && order.state !== 'SHIPPED')
    fail('ORDER_STATE_CONFLICT', `order is ${order.state}`);
  return order.state;
}

function newRefund(
  order: StoredOrder,
  fromState: 'PAID' | 'SHIPPED',
  reason: string,
  now: number,
): OrderRefund {
  return {
    fromState,
    reason,
    amount: order.amounts.payable,
    requestedAt: now,
    ...goodsOfNewRefund(fromState, now),
  };
}

export async function requestRefund(
  openid: string,
  orderId: string,
  reason: string,
  now: number,
): Promise<Order> {
  const order = await buyerOrderOrFail(openid, orderId);
  const fromState = refundable(order);
  const refund = newRefund(order, fromState, reason, now);
  return publicOrder(
    await moveOrder(order, 'REQUEST_REFUND', 'BUYER', now, `买家申请退款：${reason}`, { refund }),
  );
}

export async function merchantRefund(orderId: string, reason: string, now: number): Promise<Order> {
  const order = await orderOrFail(orderId);
  const fromState = refundable(order);
  const refund = newRefund(order, fromState, reason, now);
  const refunding = await moveOrder(order, 'REFUND', 'MERCHANT', now, `商家发起退款：${reason}`, { refund });
  return publicOrder(await sendRefund(refunding, now));
}

export async function approveRefund(orderId: string, now: number): Promise<Order> {
  const order = await orderOrFail(orderId);
  if (order.state !== 'REFUNDING' || !order.refund) fail('ORDER_STATE_CONFLICT', `order is ${order.state}`);
  return publicOrder(await sendRefund(order, now));
}

export async function rejectRefund(orderId: string, reason: string, now: number): Promise<Order> {
  const order = await orderOrFail(orderId);
  if (order.state !== 'REFUNDING' || !order.refund) fail('ORDER_STATE_CONFLICT', `order is ${order.state}`);
  if (order.refund.refundNo) fail('ORDER_STATE_CONFLICT', 'the refund was already sent to WeChat Pay');
  const refund = { ...order.refund, rejectedAt: now, rejectReason: reason };
  const rejected = await moveOrder(order, 'REJECT_REFUND', 'MERCHANT', now, `商家拒绝退款：${reason}`, {
    refund,
  });
  await notifyBuyer(rejected, 'refundResult', now);
  return publicOrder(rejected);
}

/** Asks the gateway to refund; a refund that succeeds at once completes the order, else the worker follows it. */
async function sendRefund(order: StoredOrder, now: number): Promise<StoredOrder> {
  const refund = order.refund;
  if (!refund) fail('ORDER_STATE_CONFLICT', 'no refund requested');
  const outRefundNo = refundNumberOf(order);
  let result;
  try {
    result = await paymentGateway().refund({
      outTradeNo: order.orderNo,
      outRefundNo,
      totalFen: order.amounts.payable,
      refundFen: refund.amount,
      reason: refund.reason.slice(0, 80),
    });
  } catch (error) {
    console.error(`[refunds] refund of ${order.orderNo} failed`, error);
    const reason = error instanceof GatewayError ? `${error.kind}: ${error.message}` : 'refund failed';
    // The merchant sees why in the refunds needing attention (refunds.attention) and may approve again.
    const problem: RefundProblem = { status: 'FAILED', at: now, reason: reason.slice(0, 200) };
    await updateOrderInState(order._id, 'REFUNDING', { 'refund.problem': problem, updatedAt: now }).catch(
      (recordError: unknown) => console.error('[refunds] recording the failure failed', recordError),
    );
    fail('PAYMENT_FAILED', reason);
  }
  // A refund WeChat Pay accepted has no problem (any earlier refusal is over).
  const { problem: _problem, ...accepted } = refund;
  const sent = { ...accepted, refundNo: outRefundNo, refundId: result.refundId };
  await updateOrderInState(order._id, 'REFUNDING', { refund: sent, updatedAt: now });
  const withRefund = { ...order, refund: sent };
  if (result.status !== 'SUCCESS') return withRefund;
  const refunded = await moveOrder(withRefund, 'REFUND_DONE', 'SYSTEM', now, '退款成功，款项已原路退回', {
    refund: { ...sent, refundedAt: result.succeededAt ?? now },
  });
  await notifyBuyer(refunded, 'refundResult', now);
  return refunded;
}

export interface RefundFollowReport {
  done: number;
  pending: number;
  /** Refunds WeChat Pay closed or could not pay: the order shows `refund.problem` in the merchant's list. */
  needMerchant: { orderNo: string; status: 'CLOSED' | 'ABNORMAL' }[];
  /** Orders whose query failed this time; asked again on the next run. */
  failed: { orderNo: string; error: string }[];
}

/**
 * The worker's job: refunds WeChat Pay is still processing are asked about until they settle. Each order is
 * asked on its own, so one failing query never stops the others; an order asked about goes to the back of
 * the queue (its updatedAt moves), so refunds that stay unsettled never starve the rest.
 */
export async function followRefunds(now: number): Promise<RefundFollowReport> {
  const report: RefundFollowReport = { done: 0, pending: 0, needMerchant: [], failed: [] };
  for (const order of await findDueOrders('REFUNDING', 'updatedAt', now, 50)) {
    const refund = order.refund;
    if (!refund?.refundNo) continue;
    try {
      const result = await paymentGateway().queryRefund(refund.refundNo);
      if (result.status === 'SUCCESS') {
        const refunded = await moveOrder(order, 'REFUND_DONE', 'SYSTEM', now, '退款成功，款项已原路退回', {
          refund: { ...refund, refundedAt: result.succeededAt ?? now },
        });
        await notifyBuyer(refunded, 'refundResult', now);
        report.done += 1;
      } else if (result.status === 'CLOSED' || result.status === 'ABNORMAL') {
        const problem =
          refund.problem?.status === result.status ? refund.problem : { status: result.status, at: now };
        await updateOrderInState(order._id, 'REFUNDING', { 'refund.problem': problem, updatedAt: now });
        report.needMerchant.push({ orderNo: order.orderNo, status: result.status });
      } else {
        await updateOrderInState(order._id, 'REFUNDING', { updatedAt: now });
        report.pending += 1;
      }
    } catch (error) {
      console.error(`[refunds] follow-up of ${order.orderNo} failed`, error);
      report.failed.push({
        orderNo: order.orderNo,
        error: error instanceof Error ? error.message : String(error),
      });
    }
  }
  return report;
}

const ATTENTION_LIMIT = 50;

/** Refunds the merchant must act on: refused, closed or unpaid at WeChat Pay, or goods awaited. */
export async function refundsNeedingMerchant(): Promise<{ items: MerchantOrder[] }> {
  return { items: (await findRefundsNeedingMerchant(ATTENTION_LIMIT)).map(merchantOrder) };
}

/**
 * The goods of a refunded shipped order came back: the order records it (once, compare-and-set), then their
 * stock returns through the order's reservation (once, compare-and-set). Confirming again after a cut-short
 * run finishes the return and changes nothing else.
 */
export async function confirmGoodsReturned(orderId: string, now: number): Promise<MerchantOrder> {
  const order = await orderOrFail(orderId);
  if (order.refund?.goods?.state !== 'RETURNED') {
    const allowed = checkGoodsDecision(order);
    if (!allowed.ok) fail(allowed.code, `order ${orderId} has no goods awaited`);
    const goods = { state: 'RETURNED' as const, at: now };
    const entry = { state: order.state, at: now, note: '商家确认退货已收到，库存已退回' };
    if (!(await settleRefundGoods(orderId, goods, entry)))
      fail('ORDER_STATE_CONFLICT', `order ${orderId} changed meanwhile`);
  }
  await returnPaidStock(reservationIdFor(order.attempt), now);
  return merchantOrder(await orderOrFail(orderId));
}

/** The goods of a refunded shipped order will not come back (lost, kept by the buyer): no stock returns. */
export async function recordGoodsNotReturned(
  orderId: string,
  note: string,
  now: number,
): Promise<MerchantOrder> {
  const order = await orderOrFail(orderId);
  const allowed = checkGoodsDecision(order);
  if (!allowed.ok) fail(allowed.code, `order ${orderId} has no goods awaited`);
  const goods = { state: 'NOT_RETURNED' as const, at: now, note };
  const entry = { state: order.state, at: now, note: `商家确认货品不退回：${note}` };
  if (!(await settleRefundGoods(orderId, goods, entry)))
    fail('ORDER_STATE_CONFLICT', `order ${orderId} changed meanwhile`);
  return merchantOrder(await orderOrFail(orderId));
}
