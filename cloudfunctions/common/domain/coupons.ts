/**
 * Coupon rules: claiming one from a template, whether a claimed coupon applies to the items being bought,
 * how much it takes off, and which coupon to suggest.
 */
import type {
  CouponRule,
  CouponTemplate,
  CouponValidity,
  EpochMs,
  Fen,
  UserCoupon,
  UserCouponState,
} from '../../../types/entities';
import { lineTotal, sumFen } from './money';
import { allow, refuse, type RuleResult } from './rule-result';

export const DAY_MS = 24 * 60 * 60 * 1000;

/** What a coupon needs to know of an item being bought. */
export interface CouponItem {
  /** [topCategoryId, categoryId] of the product. */
  categoryPath: readonly string[];
  price: Fen;
  quantity: number;
}

export type CouponUnusableReason =
  /** LOCKED by another order, or USED. */
  'NOT_AVAILABLE' | 'NOT_STARTED' | 'EXPIRED' | 'NO_ELIGIBLE_ITEMS' | 'BELOW_THRESHOLD';

export type CouponEvaluation =
  | { couponId: string; usable: true; eligibleSubtotal: Fen; discount: Fen }
  | {
      couponId: string;
      usable: false;
      reason: CouponUnusableReason;
      eligibleSubtotal: Fen;
      /** BELOW_THRESHOLD only: how much more of eligible items reaches the threshold (还差¥x). */
      shortBy?: Fen;
    };

export type UsableCoupon = Extract<CouponEvaluation, { usable: true }>;

/** The stored state, except that an UNUSED coupon past its window reads as EXPIRED before a job marks it. */
export function couponState(coupon: UserCoupon, now: EpochMs): UserCouponState {
  return coupon.state === 'UNUSED' && now >= coupon.validTo ? 'EXPIRED' : coupon.state;
}

/** Items the coupon covers: all, or those whose top or second-level category is listed. */
export function eligibleSubtotal(
  categoryIds: readonly string[] | undefined,
  items: readonly CouponItem[],
): Fen {
  const covered =
    !categoryIds || categoryIds.length === 0
      ? items
      : items.filter((item) => item.categoryPath.some((id) => categoryIds.includes(id)));
  return sumFen(covered.map((item) => lineTotal(item.price, item.quantity)));
}

/**
 * The discount of a rule on an eligible subtotal that meets its threshold. Percent discounts round down to
 * the fen (the shop never gives away a fraction); no discount ever exceeds the eligible subtotal.
 */
export function ruleDiscount(rule: CouponRule, eligible: Fen): Fen {
  if (eligible <= 0) return 0;
  let discount: Fen;
  if (rule.kind === 'AMOUNT_OFF') {
    discount = rule.amount;
  } else {
    const raw = eligible * rule.percentOff;
    discount = (raw - (raw % 100)) / 100;
    if (rule.cap !== undefined) discount = Math.min(discount, rule.cap);
  }
  return Math.max(0, Math.min(discount, eligible));
}

export function evaluateCoupon(
  coupon: UserCoupon,
  items: readonly CouponItem[],
  now: EpochMs,
): CouponEvaluation {
  const eligible = eligibleSubtotal(coupon.categoryIds, items);
  const unusable = (reason: CouponUnusableReason, shortBy?: Fen): CouponEvaluation =>
    shortBy === undefined
      ? { couponId: coupon._id, usable: false, reason, eligibleSubtotal: eligible }
      : { couponId: coupon._id, usable: false, reason, eligibleSubtotal: eligible, shortBy };

  const state = couponState(coupon, now);
  if (state === 'EXPIRED') return unusable('EXPIRED');
  if (state !== 'UNUSED') return unusable('NOT_AVAILABLE');
  if (now < coupon.validFrom) return unusable('NOT_STARTED');
  if (eligible <= 0) return unusable('NO_ELIGIBLE_ITEMS');
  if (eligible < coupon.rule.threshold) return unusable('BELOW_THRESHOLD', coupon.rule.threshold - eligible);
  return {
    couponId: coupon._id,
    usable: true,
    eligibleSubtotal: eligible,
    discount: ruleDiscount(coupon.rule, eligible),
  };
}

/**
 * The coupon picker's order: usable ones by discount (largest first), ties broken by the one expiring
 * soonest so the buyer loses least; then the unusable ones, soonest expiring first.
 */
export function rankCoupons(
  coupons: readonly UserCoupon[],
  items: readonly CouponItem[],
  now: EpochMs,
): CouponEvaluation[] {
  const validTo = new Map(coupons.map((c) => [c._id, c.validTo]));
  const byExpiry = (a: CouponEvaluation, b: CouponEvaluation): number =>
    (validTo.get(a.couponId) ?? 0) - (validTo.get(b.couponId) ?? 0) || (a.couponId < b.couponId ? -1 : 1);
  const evaluations = coupons.map((c) => evaluateCoupon(c, items, now));
  const usable = evaluations.filter((e): e is UsableCoupon => e.usable);
  const unusable = evaluations.filter((e) => !e.usable);
  usable.sort((a, b) => b.discount - a.discount || byExpiry(a, b));
  unusable.sort(byExpiry);
  return [...usable, ...unusable];
}

/** The coupon checkout pre-selects: the best usable one, if any. */
export function bestCoupon(
  coupons: readonly UserCoupon[],
  items: readonly CouponItem[],
  now: EpochMs,
): UsableCoupon | undefined {
  const first = rankCoupons(coupons, items, now)[0];
  return first?.usable ? first : undefined;
}

/** When a coupon claimed at `claimedAt` can be used: [validFrom, validTo). */
export function couponWindow(
  validity: CouponValidity,
  claimedAt: EpochMs,
): { validFrom: EpochMs; validTo: EpochMs } {
  return validity.kind === 'FIXED'
    ? { validFrom: validity.from, validTo: validity.to }
    : { validFrom: claimedAt, validTo: claimedAt + validity.days * DAY_MS };
}

export interface ClaimContext {
  openid: string;
  now: EpochMs;
  newId: () => string;
  /** Coupons of this template the buyer already holds, in any state. */
  claimedByBuyer: number;
  /** The buyer has never paid an order. */
  isNewcomer: boolean;
}

export type ClaimCode = 'COUPON_NOT_CLAIMABLE' | 'COUPON_SOLD_OUT' | 'COUPON_LIMIT';

/**
 * The coupon a buyer gets from a template. The repository must still increment `issued` conditionally
 * (issued < totalLimit), since two buyers may claim the last one at once.
 */
export function planClaimCoupon(
  template: CouponTemplate,
  ctx: ClaimContext,
): RuleResult<UserCoupon, ClaimCode> {
  if (!template.active) return refuse('COUPON_NOT_CLAIMABLE');
  if (template.newcomerOnly && !ctx.isNewcomer)
    return refuse('COUPON_NOT_CLAIMABLE', { reason: 'NEWCOMER_ONLY' });
  const window = couponWindow(template.validity, ctx.now);
  // A fixed window already over would hand out a dead coupon.
  if (ctx.now >= window.validTo) return refuse('COUPON_NOT_CLAIMABLE', { reason: 'EXPIRED' });
  if (template.issued >= template.totalLimit) return refuse('COUPON_SOLD_OUT');
  if (ctx.claimedByBuyer >= template.perUserLimit)
    return refuse('COUPON_LIMIT', { max: template.perUserLimit });
  const coupon: UserCoupon = {
    _id: ctx.newId(),
    templateId: template._id,
    openid: ctx.openid,
    title: template.title,
    rule: template.rule,
    state: 'UNUSED',
    ...window,
    claimedAt: ctx.now,
  };
  return allow(template.categoryIds?.length ? { ...coupon, categoryIds: [...template.categoryIds] } : coupon);
}
