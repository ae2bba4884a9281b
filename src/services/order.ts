/** Typed calls of the order actions of the `shop` function, and the one place payment will start from. */
import Taro from '@tarojs/taro';
import type { CreateOrderRequest, Order, OrderListPage, OrderTabKey, Result } from '@shop/types';
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

/** Answers the order as it is afterwards (CANCELLED), with its stock and coupon given back. */
export function cancelOrder(orderId: string): Promise<Result<Order>> {
  return callCloud('shop', 'order.cancel', { orderId });
}

/**
 * 去支付 on every page goes through here. Payment arrives in a later change (the `pay` action and
 * wx.requestPayment); until then it only tells the buyer. Resolves true once the order is paid.
 */
export async function payOrder(orderId: string): Promise<boolean> {
  void orderId;
  await Taro.showToast({ title: '支付功能即将开放', icon: 'none' });
  return false;
}
