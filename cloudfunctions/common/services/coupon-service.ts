/** 领券 and the buyer's coupon wallet. */
import type { ClaimableCoupon, CouponWallet } from '../../../types/api';
import type { UserCoupon } from '../../../types/entities';
import { couponState, planClaimCoupon } from '../domain/coupons';
import { fail } from '../runtime/domain-error';
import {
  findActiveTemplates,
  findBuyerCoupons,
  findTemplate,
  insertBuyerCoupon,
  buyerCouponId,
  returnToTemplate,
  takeFromTemplate,
} from '../repositories/coupon-repository';
import { hasPaidOrder } from '../repositories/order-repository';

const CLAIM_MESSAGES = {
  COUPON_NOT_CLAIMABLE: 'this coupon cannot be claimed now',
  COUPON_SOLD_OUT: 'no coupons of this kind are left',
  COUPON_LIMIT: 'you already hold as many of these as allowed',
} as const;

export async function claimableCoupons(openid: string, now: number): Promise<{ coupons: ClaimableCoupon[] }> {
  const [templates, mine, paid] = await Promise.all([
    findActiveTemplates(),
    findBuyerCoupons(openid),
    hasPaidOrder(openid),
  ]);
  const coupons = templates.map((template): ClaimableCoupon => {
    const claimedByBuyer = mine.filter((coupon) => coupon.templateId === template._id).length;
    const plan = planClaimCoupon(template, {
      openid,
      now,
      newId: () => '',
      claimedByBuyer,
      isNewcomer: !paid,
    });
    return plan.ok ? { template, claimable: true } : { template, claimable: false, reason: plan.code };
  });
  return { coupons };
}

export async function claimCoupon(openid: string, templateId: string, now: number): Promise<UserCoupon> {
  const [template, mine, paid] = await Promise.all([
    findTemplate(templateId),
    findBuyerCoupons(openid),
    hasPaidOrder(openid),
  ]);
  if (!template) fail('COUPON_NOT_FOUND', `coupon template ${templateId} does not exist`);
  const claimedByBuyer = mine.filter((coupon) => coupon.templateId === templateId).length;
  const newId = () => buyerCouponId(openid, templateId, claimedByBuyer);
  const plan = planClaimCoupon(template, { openid, now, newId, claimedByBuyer, isNewcomer: !paid });
  if (!plan.ok) fail(plan.code, CLAIM_MESSAGES[plan.code]);
  if (!(await takeFromTemplate(template))) {
    // Sold out, or the merchant changed the total meanwhile (coupons.update): one more try on the new total.
    const fresh = await findTemplate(templateId);
    if (!fresh || fresh.totalLimit === template.totalLimit || !(await takeFromTemplate(fresh)))
      fail('COUPON_SOLD_OUT', CLAIM_MESSAGES.COUPON_SOLD_OUT);
  }
  let inserted;
  try {
    inserted = await insertBuyerCoupon(plan.value);
  } catch (error) {
    await returnToTemplate(templateId);
    throw error;
  }
  if (inserted === 'EXISTS') {
    await returnToTemplate(templateId);
    fail('COUPON_LIMIT', CLAIM_MESSAGES.COUPON_LIMIT);
  }
  return plan.value;
}

export async function couponWallet(openid: string, now: number): Promise<CouponWallet> {
  const coupons = await findBuyerCoupons(openid);
  return { coupons: coupons.map((coupon) => ({ ...coupon, state: couponState(coupon, now) })) };
}
