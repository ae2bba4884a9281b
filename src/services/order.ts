/** Typed calls of the order actions of the `shop` function; paying goes through payment.ts. */
import type {
  CancelReason,
  CreateOrderRequest,
  Order,
  OrderListPage,
  OrderTabKey,
  Result,
} from '@shop/types';
import { callCloud } from './cloud';

export function createOrder(request: CreateOrderRequest): Promise<Result<Order>> {
  return callCloud('shop', 'order.create', request);
}

export function fetchOrders(tab: OrderTabKey, page: number): Promise<Result<OrderListPage>> {
  return callCloud('shop', 'order.list', { tab, page });
}

export function fetchOrder(orderId: string): Promise<Result<Order>> {
  return callCloud('shop', 'order.detail', { orderId });
}

/** Answers the order as it is afterwards (CANCELLED, with the reason), with its stock and coupon given back. */
export function cancelOrder(orderId: string, reason: CancelReason): Promise<Result<Order>> {
  return callCloud('shop', 'order.cancel', { orderId, reason });
}

/** 确认收货 of a SHIPPED order; answers it RECEIVED. */
export function receiveOrder(orderId: string): Promise<Result<Order>> {
  return callCloud('shop', 'order.receive', { orderId });
}

/** 申请退款 of a PAID or SHIPPED order (the whole amount); answers it REFUNDING until the merchant decides. */
export function requestRefund(orderId: string, reason: string): Promise<Result<Order>> {
  return callCloud('shop', 'order.requestRefund', { orderId, reason });
}

/**
 * When an unpaid order's countdown reaches zero: the server asks WeChat Pay and closes it (CLOSED, stock back),
 * or answers it PAID, or still TO_PAY with no time left while its close waits; ORDER_NOT_EXPIRED before the deadline.
 */
export function closeExpiredOrder(orderId: string): Promise<Result<Order>> {
  return callCloud('shop', 'order.closeExpired', { orderId });
}
