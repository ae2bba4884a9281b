/**
 * What 我的 shows in one request: the buyer's profile, the 我的订单 badges and the number of favorites. Seven
 * count queries and one read of the profile by `_id`, sent together (one round trip); each count runs on an
 * index starting with the buyer's OPENID, so the cost follows the buyer's open orders, not their history; no
 * counter is kept, so nothing can drift from the orders.
 */
import type { BuyerOverview } from '../../../types/buyer-lists';
import { countBuyerOrdersIn } from '../repositories/order-count-repository';
import { countFavorites } from '../repositories/favorite-repository';
import { countOpenBuyerAfterSales } from '../repositories/after-sale-repository';
import { buyerProfile } from './profile-service';

export async function buyerOverview(openid: string): Promise<BuyerOverview> {
  const [toPay, toShip, toReceive, toReview, refunding, openRequests, favorites, profile] = await Promise.all(
    [
      countBuyerOrdersIn(openid, 'TO_PAY'),
      countBuyerOrdersIn(openid, 'PAID'),
      countBuyerOrdersIn(openid, 'SHIPPED'),
      countBuyerOrdersIn(openid, 'RECEIVED', true),
      countBuyerOrdersIn(openid, 'REFUNDING'),
      countOpenBuyerAfterSales(openid),
      countFavorites(openid),
      buyerProfile(openid),
    ],
  );
  return {
    // Named field by field: the answer carries what the contract names, never the stored document.
    profile: { nickname: profile.nickname, ...(profile.avatar && { avatar: profile.avatar }) },
    // 售后 counts what 售后服务 lists as under way: orders in refund and after-sales requests still open.
    orders: { toPay, toShip, toReceive, toReview, afterSale: refunding + openRequests },
    favorites,
  };
}
