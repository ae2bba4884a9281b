/**
 * Refunds of paid orders: the buyer asks (or the merchant decides), the merchant approves and the gateway
 * refunds, or the merchant rejects and the order goes back where it was. The refund number is derived from
 * the order, so a retried approval never refunds twice.
 */
import type { Order } from '../../../types/entities';
import { GatewayError } from '../payments/gateway';
import { fail } from '../runtime/domain-error';
import { findDueOrders, updateOrderInState, type StoredOrder } from '../repositories/order-repository';
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

export async function requestRefund(
  openid: string,
  orderId: string,
  reason: string,
  now: number,
): Promise<Order> {
  const order = await buyerOrderOrFail(openid, orderId);
  const fromState = refundable(order);
  const refund = { fromState, reason, amount: order.amounts.payable, requestedAt: now };
  return publicOrder(
    await moveOrder(order, 'REQUEST_REFUND', 'BUYER', now, `买家申请退款：${reason}`, { refund }),
  );
}

export async function merchantRefund(orderId: string, reason: string, now: number): Promise<Order> {
  const order = await orderOrFail(orderId);
  const fromState = refundable(order);
  const refund = { fromState, reason, amount: order.amounts.payable, requestedAt: now };
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
  return publicOrder(
    await moveOrder(order, 'REJECT_REFUND', 'MERCHANT', now, `商家拒绝退款：${reason}`, { refund }),
  );
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
    fail(
      'PAYMENT_FAILED',
      error instanceof GatewayError ? `${error.kind}: ${error.message}` : 'refund failed',
    );
  }
  const sent = { ...refund, refundNo: outRefundNo, refundId: result.refundId };
  await updateOrderInState(order._id, 'REFUNDING', { refund: sent });
  const withRefund = { ...order, refund: sent };
  if (result.status !== 'SUCCESS') return withRefund;
  return moveOrder(withRefund, 'REFUND_DONE', 'SYSTEM', now, '退款成功，款项已原路退回', {
    refund: { ...sent, refundedAt: result.succeededAt ?? now },
  });
}

/** The worker's job: refunds WeChat Pay is still processing are asked about until they settle. */
export async function followRefunds(now: number): Promise<{ done: number; pending: number }> {
  const report = { done: 0, pending: 0 };
  for (const order of await findDueOrders('REFUNDING', 'updatedAt', now, 50)) {
    if (!order.refund?.refundNo) continue;
    const result = await paymentGateway().queryRefund(order.refund.refundNo);
    if (result.status === 'SUCCESS') {
      await moveOrder(order, 'REFUND_DONE', 'SYSTEM', now, '退款成功，款项已原路退回', {
        refund: { ...order.refund, refundedAt: result.succeededAt ?? now },
      });
      report.done += 1;
    } else {
      report.pending += 1;
    }
  }
  return report;
}
