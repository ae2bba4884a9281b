/**
 * Closing a buyer's unpaid order the moment its countdown runs out, instead of at the worker's next run.
 *
 * Why a call of its own rather than closing inside the reads: `order.list` and `order.detail` stay plain reads
 * (one query, never a question to WeChat Pay), and a page asks for a close only for an order whose countdown
 * it saw reach zero (or that arrived already at zero): one call per such order, whatever the list's length or
 * how often it is read. The close is the worker's own (`closeExpiredOrder`), with its question to WeChat Pay,
 * its backoff and its compare-and-set, so a buyer and the worker closing together close once.
 */
import type { Order } from '../../../types/entities';
import { closeDue } from '../domain/order-transitions';
import { fail } from '../runtime/domain-error';
import { findBuyerOrder } from '../repositories/order-repository';
import { buyerOrderOrFail } from './order-lookup';
import { buyerOrderView } from './order-service';
import { closeExpiredOrder, type ConfirmUnpaid } from './order-upkeep';
import { confirmUnpaidWithGateway } from './payment-service';

/**
 * Answers the buyer's order after trying to close it: CLOSED (stock and coupon back), PAID when WeChat Pay
 * reports a payment (applied as the worker would), or still TO_PAY with no time left while the close waits
 * (WeChat Pay could not be asked, the buyer is paying, a backoff runs): the page shows it closing, and the
 * worker closes it. Before the deadline it refuses with ORDER_NOT_EXPIRED and changes nothing.
 */
export async function closeExpiredForBuyer(
  openid: string,
  orderId: string,
  now: number,
  confirmUnpaid: ConfirmUnpaid = confirmUnpaidWithGateway,
): Promise<Order> {
  const order = await buyerOrderOrFail(openid, orderId);
  const due = closeDue(order, now);
  if (due === 'NOT_EXPIRED') fail('ORDER_NOT_EXPIRED', `order ${orderId} may still be paid`);
  // Already moved on (closed, paid, cancelled), or waiting out a failed close: answered as it stands.
  if (due !== 'DUE') return buyerOrderView(order, now);
  const result = await closeExpiredOrder(order, now, confirmUnpaid);
  if (result.outcome === 'CLOSED') return buyerOrderView(result.order, now);
  // Another writer moved it first, a payment was applied, or the close was put off: read what it is now.
  return buyerOrderView((await findBuyerOrder(openid, orderId)) ?? order, now);
}
