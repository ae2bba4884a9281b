/** How coupons read: the face value, the threshold, the window, and why one cannot be used or claimed. */
import dayjs from 'dayjs';
import {
  formatPrice,
  type ClaimableCoupon,
  type CouponRule,
  type CouponTemplate,
  type Fen,
  type UserCoupon,
} from '@shop/types';

/** '¥5' for whole yuan (the face of a coupon), '¥5.50' otherwise. */
function faceAmount(fen: Fen): string {
  return formatPrice(fen).replace(/\.00$/, '');
}

/** The big text on the left of a coupon: '¥10' or '9折'. */
export function faceText(rule: CouponRule): string {
  if (rule.kind === 'AMOUNT_OFF') return faceAmount(rule.amount);
  // percentOff is what comes off: 10 → 9折, 15 → 8.5折.
  return `${(100 - rule.percentOff) / 10}折`;
}

/** The small text under the face: '无门槛', '满¥99可用', and a percent coupon's cap. */
export function conditionText(rule: CouponRule): string {
  const threshold = rule.threshold > 0 ? `满${faceAmount(rule.threshold)}可用` : '无门槛';
  if (rule.kind === 'PERCENT_OFF' && rule.cap !== undefined)
    return `${threshold} 最高减${faceAmount(rule.cap)}`;
  return threshold;
}

export function scopeText(categoryIds: readonly string[] | undefined): string {
  return categoryIds && categoryIds.length > 0 ? '限指定品类商品' : '全场通用';
}

const DAY = 'YYYY.MM.DD';

export function windowText(coupon: Pick<UserCoupon, 'validFrom' | 'validTo'>): string {
  // validTo is the first moment it no longer works: the last day shown is the day before at midnight.
  return `${dayjs(coupon.validFrom).format(DAY)} - ${dayjs(coupon.validTo - 1).format(DAY)}`;
}

export function templateWindowText(template: CouponTemplate): string {
  const validity = template.validity;
  if (validity.kind === 'DAYS_AFTER_CLAIM') return `领取后 ${validity.days} 天内有效`;
  return `${dayjs(validity.from).format(DAY)} - ${dayjs(validity.to - 1).format(DAY)}`;
}

/** Why a coupon of the wallet does not apply to this checkout (CouponChoice.reason from the server). */
export function unusableText(reason: string | undefined, coupon: UserCoupon): string {
  switch (reason) {
    case 'BELOW_THRESHOLD':
      return coupon.categoryIds?.length
        ? `适用商品未满${faceAmount(coupon.rule.threshold)}`
        : `订单商品未满${faceAmount(coupon.rule.threshold)}`;
    case 'NO_ELIGIBLE_ITEMS':
      return '订单中没有适用的商品';
    case 'NOT_STARTED':
      return '还未到可用时间';
    case 'EXPIRED':
      return '优惠券已过期';
    case 'NOT_AVAILABLE':
      return '已被其他订单占用';
    default:
      return '本单不可用';
  }
}

/** The button of 领券中心. */
export function claimButtonText(coupon: ClaimableCoupon): string {
  if (coupon.claimable) return '立即领取';
  switch (coupon.reason) {
    case 'COUPON_LIMIT':
      return '已领取';
    case 'COUPON_SOLD_OUT':
      return '已抢光';
    default:
      return coupon.template.newcomerOnly ? '仅限新人' : '暂不可领';
  }
}
