/** The merchant's coupon templates: creating them, pausing and resuming, and how many were claimed and used. */
import type { CouponRule, CouponTemplate, CouponValidity, EpochMs } from './entities';

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
  /**
   * Edits what can change without touching coupons buyers already hold (they copy the template when claimed):
   * give at least one field. COUPON_LIMIT when `totalLimit` would fall below the coupons already claimed or
   * below the per-buyer limit; INVALID_INPUT when `validTo` is given for a DAYS_AFTER_CLAIM template (or
   * `validDays` for a FIXED one) or `validTo` is not after the validity's start.
   */
  'coupons.update': { request: CouponTemplateUpdate; response: MerchantCouponTemplate };
}

/** The safe fields of a template; the rule, categories and newcomer flag stay as created. */
export interface CouponTemplateUpdate {
  templateId: string;
  /** 1..20 characters. */
  title?: string;
  /** FIXED validity: the new end (after its start). */
  validTo?: EpochMs;
  /** DAYS_AFTER_CLAIM validity: 1..365 days for coupons claimed from now on. */
  validDays?: number;
  /** 1..1,000,000, never below `claimed` nor the per-buyer limit. */
  totalLimit?: number;
  /** 1..100, never above the total. */
  perUserLimit?: number;
  /** true pauses claiming, false resumes it (as coupons.setActive). */
  paused?: boolean;
}
