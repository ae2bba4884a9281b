/**
 * What 我的 shows in one request: the 我的订单 badges and the number of favorites. Seven count queries sent
 * together (one round trip), each on an index starting with the buyer's OPENID, so the cost follows the
 * buyer's open orders, not their history; no counter is kept, so nothing can drift from the orders.
 */
import type { BuyerOverview } from '../../../types/buyer-lists';
import { countBuyerOrdersIn } from '../repositories/order-count-repository';
import { countFavorites } from '../repositories/favorite-repository';
import { countOpenBuyerAfterSales } from '../repositories/after-sale-repository';

export async function buyerOverview(openid: string): Promise<BuyerOverview> {
  const [toPay, toShip, toReceive, toReview, refunding, openRequests, favorites] = await Promise.all([
    countBuyerOrdersIn(openid, 'TO_PAY'),
    countBuyerOrdersIn(openid, 'PAID'),
    countBuyerOrdersIn(openid, 'SHIPPED'),
    countBuyerOrdersIn(openid, 'RECEIVED', true),
    countBuyerOrdersIn(openid, 'REFUNDING'),
    countOpenBuyerAfterSales(openid),
    countFavorites(openid),
  ]);
  // 售后 counts what 售后服务 lists as under way: orders in refund and after-sales requests still open.
  return { orders: { toPay, toShip, toReceive, toReview, afterSale: refunding + openRequests }, favorites };
}
