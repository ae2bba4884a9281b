/** The buyer's orders: the list by status tab, one order's detail, and cancelling an unpaid order. */
import type { OrderListPage, OrderListRequest } from '../../../types/api';
import type { Order } from '../../../types/entities';
import { orderTab } from '../../../types/order-states';
import type { CancelReason } from '../../../types/buyer-lists';
import {
  ORDER_DEADLINES,
  planTransition,
  refundReturnsStock,
  type OrderActor,
  type OrderEvent,
} from '../domain/order-transitions';
import { fail } from '../runtime/domain-error';
import { unlockCoupon } from '../repositories/coupon-repository';
import { applyTransition, findBuyerOrders, type StoredOrder } from '../repositories/order-repository';
import { releaseQuota } from '../repositories/buyer-quota-repository';
import {
  findReservation,
  reservationIdFor,
  type ReservedLine,
} from '../repositories/stock-reservation-repository';
import { buyerOrderOrFail } from './order-lookup';
import { releaseReservation, returnPaidStock } from './stock-reservation-service';
import { recountPastDays } from './dashboard-recount';

export const ORDER_PAGE_SIZE = 10;

/** An order as its buyer sees it: without the bookkeeping fields and the merchant's remark. */
export function publicOrder(order: StoredOrder): Order {
  const { attempt: _attempt, merchantRemark: _merchantRemark, closeRetry: _closeRetry, ...rest } = order;
  const autoReceiveAt = autoReceiveTime(order);
  return autoReceiveAt === undefined ? rest : { ...rest, autoReceiveAt };
}

/** When the worker receives a shipped order on the buyer's behalf; the page shows the date. */
function autoReceiveTime(order: Pick<Order, 'state' | 'shippedAt'>): number | undefined {
  return order.state === 'SHIPPED' && order.shippedAt !== undefined
    ? order.shippedAt + ORDER_DEADLINES.autoReceiveAfter
    : undefined;
}

/** Time left to pay an unpaid order, counted on the server's clock. */
function payRemaining(order: Pick<Order, 'state' | 'expiresAt'>, now: number): number | undefined {
  return order.state === 'TO_PAY' ? Math.max(0, order.expiresAt - now) : undefined;
}

export async function listOrders(
  openid: string,
  request: OrderListRequest,
  now: number,
): Promise<OrderListPage> {
  const page = request.page ?? 1;
  const { states } = orderTab(request.tab ?? 'ALL');
  const rows = await findBuyerOrders(openid, states, (page - 1) * ORDER_PAGE_SIZE, ORDER_PAGE_SIZE + 1);
  const items = rows.slice(0, ORDER_PAGE_SIZE).map((order) => {
    const { _id, orderNo, state, items: lines, amounts, createdAt, expiresAt, refund } = order;
    const autoReceiveAt = autoReceiveTime(order);
    const payRemainingMs = payRemaining(order, now);
    return {
      _id,
      orderNo,
      state,
      items: lines,
      amounts,
      createdAt,
      expiresAt,
      ...(autoReceiveAt !== undefined && { autoReceiveAt }),
      ...(payRemainingMs !== undefined && { payRemainingMs }),
      ...(refund && { refund }),
    };
  });
  return { items, page, hasMore: rows.length > ORDER_PAGE_SIZE };
}

/** One order as its detail answers it: the buyer's view, and the time left to pay while unpaid. */
export function buyerOrderView(order: StoredOrder, now: number): Order {
  const payRemainingMs = payRemaining(order, now);
  return payRemainingMs === undefined ? publicOrder(order) : { ...publicOrder(order), payRemainingMs };
}

export async function orderDetail(openid: string, orderId: string, now: number): Promise<Order> {
  return buyerOrderView(await buyerOrderOrFail(openid, orderId), now);
}

/** The lines an order counts against its buyer's limits. */
export function orderLines(order: StoredOrder): ReservedLine[] {
  return order.items.map((item) => ({ skuId: item.skuId, quantity: item.quantity }));
}

/**
 * Gives back what an unpaid order held: its count against the buyer's limits, its stock reservation
 * (claimed first, so running twice gives back once) and its locked coupon. The worker finishes any release
 * that was cut short: it finds the reservation still HELD, or RELEASING, under an order no longer unpaid.
 */
export async function releaseReservations(order: StoredOrder, now: number): Promise<void> {
  await releaseQuota(order.openid, order._id, orderLines(order));
  const reservation = await findReservation(reservationIdFor(order.attempt));
  if (reservation) await releaseReservation(reservation, now);
  if (order.couponId) await unlockCoupon(order.couponId, order._id);
}

/** Moves an order by one event with compare-and-set; answers the order as it is afterwards. */
export async function moveOrder(
  order: StoredOrder,
  event: OrderEvent,
  actor: OrderActor,
  now: number,
  note?: string,
  extra: Partial<Order> = {},
): Promise<StoredOrder> {
  const plan = planTransition(order, event, now, { actor, note });
  if (!plan.ok) fail(plan.code, `order ${order._id} cannot ${event} in state ${order.state}`);
  const { set, timelineEntry, releasesStock, releasesCoupon } = plan.value;
  // A paid order's stock comes back only with a refund of goods never shipped. It is claimed before the
  // order moves: the money went back whatever the order write says, and the claim happens once however
  // many followers see the refund succeed (a claim cut short is finished by the worker).
  const paidStockReturns = order.state !== 'TO_PAY' && releasesStock && refundReturnsStock(order.refund);
  if (paidStockReturns) await returnPaidStock(reservationIdFor(order.attempt), now);
  if (!(await applyTransition(order._id, plan.value, extra))) {
    fail('ORDER_STATE_CONFLICT', `order ${order._id} changed meanwhile`);
  }
  // A stamp on a past day (a refund WeChat Pay settled days ago) changes that day's dashboard figures.
  await recountPastDays([set.paidAt, extra.paidAt, extra.refund?.refundedAt], now);
  if (order.state === 'TO_PAY' && (releasesStock || releasesCoupon)) await releaseReservations(order, now);
  return { ...order, ...extra, ...set, timeline: [...order.timeline, timelineEntry] };
}

export async function receiveOrder(openid: string, orderId: string, now: number): Promise<Order> {
  const order = await buyerOrderOrFail(openid, orderId);
  return publicOrder(await moveOrder(order, 'RECEIVE', 'BUYER', now, '买家确认收货'));
}

export async function cancelOrder(
  openid: string,
  orderId: string,
  now: number,
  reason?: CancelReason,
): Promise<Order> {
  const order = await buyerOrderOrFail(openid, orderId);
  // The reason is written by the same compare-and-set that cancels, so it is the cancelling call's own.
  const note = reason ? `买家取消订单：${reason}` : '买家取消订单';
  return publicOrder(
    await moveOrder(order, 'CANCEL', 'BUYER', now, note, reason ? { cancelReason: reason } : {}),
  );
}
