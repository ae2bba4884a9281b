/**
 * What 我的 shows in one request: the 我的订单 badges and the number of favorites. Six count queries sent
 * together (one round trip), each on an index starting with the buyer's OPENID, so the cost follows the
 * buyer's open orders, not their history; no counter is kept, so nothing can drift from the orders.
 */
import type { BuyerOverview } from '../../../types/buyer-lists';
import { countBuyerOrdersIn } from '../repositories/order-count-repository';
import { countFavorites } from '../repositories/favorite-repository';

export async function buyerOverview(openid: string): Promise<BuyerOverview> {
  const [toPay, toShip, toReceive, toReview, afterSale, favorites] = await Promise.all([
    countBuyerOrdersIn(openid, 'TO_PAY'),
    countBuyerOrdersIn(openid, 'PAID'),
    countBuyerOrdersIn(openid, 'SHIPPED'),
    countBuyerOrdersIn(openid, 'RECEIVED', true),
    countBuyerOrdersIn(openid, 'REFUNDING'),
    countFavorites(openid),
  ]);
  return { orders: { toPay, toShip, toReceive, toReview, afterSale }, favorites };
}
