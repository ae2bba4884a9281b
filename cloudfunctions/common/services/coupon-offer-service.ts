/**
 * Coupons offered where the buyer decides: 新人券 (newcomer templates for a buyer who has never paid an order,
 * claimed together) and 去领券 at checkout (claimable templates that would apply to the order being checked out).
 * Claiming goes through claimCoupon, whose write per (buyer, template, n) makes parallel claims count once.
 */
import type { UserCoupon } from '../../../types/entities';
import type { NewcomerClaim, NewcomerOffer, OrderCouponOffers } from '../../../types/coupon-offers';
import type { CheckoutItemRequest } from '../../../types/api';
import { readShopSettings } from '../config/shop-settings';
import { evaluateCoupon, planClaimCoupon } from '../domain/coupons';
import { quoteCheckout } from '../domain/pricing';
import { readCheckout } from '../repositories/checkout-repository';
import { findActiveTemplates, findBuyerCoupons } from '../repositories/coupon-repository';
import { hasPaidOrder } from '../repositories/order-repository';
import { DomainError, fail } from '../runtime/domain-error';
import { couponItems } from './checkout-service';
import { claimCoupon } from './coupon-service';

type Template = Awaited<ReturnType<typeof findActiveTemplates>>[number];

/** The templates `openid` may claim now, each with the coupon a claim would give. */
async function claimableTemplates(
  openid: string,
  now: number,
  only: (template: Template) => boolean,
): Promise<Array<{ template: Template; coupon: UserCoupon }>> {
  const [templates, mine, paid] = await Promise.all([
    findActiveTemplates(),
    findBuyerCoupons(openid),
    hasPaidOrder(openid),
  ]);
  return templates.filter(only).flatMap((template) => {
    const claimedByBuyer = mine.filter((coupon) => coupon.templateId === template._id).length;
    const plan = planClaimCoupon(template, {
      openid,
      now,
      newId: () => `${template._id}-preview`,
      claimedByBuyer,
      isNewcomer: !paid,
    });
    return plan.ok ? [{ template, coupon: plan.value }] : [];
  });
}

export async function newcomerOffer(openid: string, now: number): Promise<NewcomerOffer> {
  // Most callers have paid before: one count answers them without reading any template.
  if (await hasPaidOrder(openid)) return { coupons: [] };
  const offers = await claimableTemplates(openid, now, (template) => template.newcomerOnly);
  return { coupons: offers.map((offer) => offer.template) };
}

/** Claims every newcomer template the buyer may claim; one already claimed (or sold out meanwhile) is skipped. */
export async function claimNewcomerCoupons(openid: string, now: number): Promise<NewcomerClaim> {
  if (await hasPaidOrder(openid))
    fail('COUPON_NOT_CLAIMABLE', '新人券 are for buyers who have not paid an order');
  const offers = await claimableTemplates(openid, now, (template) => template.newcomerOnly);
  const coupons: UserCoupon[] = [];
  for (const { template } of offers) {
    try {
      coupons.push(await claimCoupon(openid, template._id, now));
    } catch (error) {
      // Another tap claimed it first (COUPON_LIMIT) or the last one went (COUPON_SOLD_OUT): not this call's.
      if (!(error instanceof DomainError)) throw error;
    }
  }
  return { coupons };
}

/** 去领券: templates the buyer may claim whose coupon would take something off these items, best first. */
export async function orderCouponOffers(
  openid: string,
  items: CheckoutItemRequest[],
  now: number,
): Promise<OrderCouponOffers> {
  const [snapshot, offers] = await Promise.all([
    readCheckout({ openid, skuIds: items.map((item) => item.skuId), address: 'DEFAULT', coupons: 'NONE' }),
    claimableTemplates(openid, now, () => true),
  ]);
  const { shippingRule } = readShopSettings();
  const plain = quoteCheckout({ items, products: snapshot.products, skus: snapshot.skus, shippingRule, now });
  const lines = couponItems(plain);
  const coupons = offers.flatMap(({ template, coupon }) => {
    const evaluation = evaluateCoupon(coupon, lines, now);
    return evaluation.usable ? [{ template, discount: evaluation.discount }] : [];
  });
  coupons.sort((a, b) => b.discount - a.discount || (a.template._id < b.template._id ? -1 : 1));
  return { coupons };
}
