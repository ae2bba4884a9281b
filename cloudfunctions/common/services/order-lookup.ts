/** Finding the order an action is about, or answering ORDER_NOT_FOUND: another buyer's order is not found either. */
import { fail } from '../runtime/domain-error';
import { findBuyerOrder, findOrder, type StoredOrder } from '../repositories/order-repository';

/** The buyer's own order; someone else's answers exactly as a missing one, so ids reveal nothing. */
export async function buyerOrderOrFail(openid: string, orderId: string): Promise<StoredOrder> {
  const order = await findBuyerOrder(openid, orderId);
  if (!order) fail('ORDER_NOT_FOUND', `order ${orderId} does not exist`);
  return order;
}

/** Any buyer's order, for the merchant's actions (their role is checked before). */
export async function orderOrFail(orderId: string): Promise<StoredOrder> {
  const order = await findOrder(orderId);
  if (!order) fail('ORDER_NOT_FOUND', `order ${orderId} does not exist`);
  return order;
}
