/** The merchant's coupon templates: creating them, pausing and resuming, and how many were claimed and used. */
import type { CouponRule, CouponTemplate, CouponValidity } from './entities';

/** A template as the workspace lists it, with its counters (kept by the claims and payments themselves). */
export interface MerchantCouponTemplate extends CouponTemplate {
  /** Coupons buyers hold or held (the same as `issued`). */
  claimed: number;
  /** Coupons spent on a paid order. */
  used: number;
}

export interface CouponTemplateInput {
  /** 1..20 characters, e.g. '满99减10'. */
  title: string;
  /** 0..40 characters, e.g. '全场通用'. */
  description: string;
  /** AMOUNT_OFF: amount ≥ 1 fen and < threshold when there is one; PERCENT_OFF: 1..99, optional cap. */
  rule: CouponRule;
  /** Top or second-level categories; absent or empty = every product. */
  categoryIds?: string[];
  /** 1..1,000,000. */
  totalLimit: number;
  /** 1..100. */
  perUserLimit: number;
  /** FIXED: from < to; DAYS_AFTER_CLAIM: 1..365 days. */
  validity: CouponValidity;
  newcomerOnly: boolean;
}

export interface CouponActions {
  /** Newest first, at most 100 (paused ones included). */
  'coupons.list': { request: Record<string, never>; response: { items: MerchantCouponTemplate[] } };
  /** Created active (claimable at once). */
  'coupons.create': { request: CouponTemplateInput; response: MerchantCouponTemplate };
  /** Pause (false) or resume (true) claiming; coupons already claimed stay usable. */
  'coupons.setActive': { request: { templateId: string; active: boolean }; response: MerchantCouponTemplate };
}
