/**
 * Coupons offered to the buyer where they decide: the 新人券 prompt on 首页 for a buyer who has never paid an
 * order, and 去领券 in the checkout's coupon sheet (templates they may claim that would apply to this order).
 */
import type { CheckoutItemRequest } from './api';
import type { CouponTemplate, Fen, UserCoupon } from './entities';

export interface NewcomerOffer {
  /** Newcomer templates the buyer may claim now; empty for a buyer with a paid order or nothing left to claim. */
  coupons: CouponTemplate[];
}

export interface NewcomerClaim {
  /** The coupons claimed by this call (a template already claimed is not claimed again). */
  coupons: UserCoupon[];
}

export interface OrderCouponOffersRequest {
  items: CheckoutItemRequest[];
}

export interface OrderCouponOffer {
  template: CouponTemplate;
  /** What a coupon of it would take off this order. */
  discount: Fen;
}

export interface OrderCouponOffers {
  /** Claimable templates usable on these items, largest discount first. */
  coupons: OrderCouponOffer[];
}

export interface CouponOfferActions {
  'coupon.newcomer': { request: Record<string, never>; response: NewcomerOffer };
  'coupon.claimNewcomer': { request: Record<string, never>; response: NewcomerClaim };
  'coupon.forOrder': { request: OrderCouponOffersRequest; response: OrderCouponOffers };
}
