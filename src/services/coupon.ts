/** Typed calls of the coupon actions of the `shop` function: 领券中心, the buyer's wallet, 新人券 and 去领券. */
import type {
  CheckoutItemRequest,
  ClaimableCoupon,
  CouponTemplate,
  OrderCouponOffer,
  Result,
  UserCoupon,
} from '@shop/types';
import { callCloud } from './cloud';

export async function fetchClaimableCoupons(): Promise<Result<ClaimableCoupon[]>> {
  const answer = await callCloud('shop', 'coupon.claimable', {});
  return answer.ok ? { ok: true, data: answer.data.coupons } : answer;
}

export function claimCoupon(templateId: string): Promise<Result<UserCoupon>> {
  return callCloud('shop', 'coupon.claim', { templateId });
}

/** Every coupon the buyer holds; an unused one past its window already reads EXPIRED. */
export async function fetchMyCoupons(): Promise<Result<UserCoupon[]>> {
  const answer = await callCloud('shop', 'coupon.mine', {});
  return answer.ok ? { ok: true, data: answer.data.coupons } : answer;
}

/** Newcomer templates the buyer may claim (none once they have paid an order). */
export async function fetchNewcomerCoupons(): Promise<Result<CouponTemplate[]>> {
  const answer = await callCloud('shop', 'coupon.newcomer', {});
  return answer.ok ? { ok: true, data: answer.data.coupons } : answer;
}

export async function claimNewcomerCoupons(): Promise<Result<UserCoupon[]>> {
  const answer = await callCloud('shop', 'coupon.claimNewcomer', {});
  return answer.ok ? { ok: true, data: answer.data.coupons } : answer;
}

/** 去领券: claimable coupons that would apply to these items, best first. */
export async function fetchOrderCouponOffers(
  items: CheckoutItemRequest[],
): Promise<Result<OrderCouponOffer[]>> {
  const answer = await callCloud('shop', 'coupon.forOrder', { items });
  return answer.ok ? { ok: true, data: answer.data.coupons } : answer;
}
