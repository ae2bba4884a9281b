/** Typed calls of the coupon actions of the `shop` function: 领券中心 and the buyer's wallet. */
import type { ClaimableCoupon, Result, UserCoupon } from '@shop/types';
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
