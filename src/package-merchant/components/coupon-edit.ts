/**
 * Editing a coupon template: what the merchant may still change once buyers hold its coupons (title, limits,
 * how long it stays usable), and the coupons.update request of only the fields that changed.
 */
import type { CouponTemplateUpdate, EpochMs, MerchantCouponTemplate } from '@shop/types';
import { dayStart, DAY_MS, shopDayOf } from '@shop/domain/shop-day';

export interface CouponEditDraft {
  title: string;
  totalLimit: string;
  perUserLimit: string;
  /** DAYS_AFTER_CLAIM: days a coupon claimed from now on stays usable. */
  days: string;
  /** FIXED: the last China day it can be used, 'YYYY-MM-DD'. */
  lastDay: string;
}

export function editDraftOf(template: MerchantCouponTemplate): CouponEditDraft {
  const validity = template.validity;
  return {
    title: template.title,
    totalLimit: String(template.totalLimit),
    perUserLimit: String(template.perUserLimit),
    days: validity.kind === 'DAYS_AFTER_CLAIM' ? String(validity.days) : '',
    // A FIXED validity ends just before midnight of its last day.
    lastDay: validity.kind === 'FIXED' ? shopDayOf(validity.to - 1) : '',
  };
}

/** The end of a FIXED validity whose last day is `day`: midnight after it, China time. */
export function endOfShopDay(day: string): EpochMs {
  return dayStart(day) + DAY_MS;
}

const whole = (text: string) => (/^\d+$/.test(text.trim()) ? Number(text.trim()) : NaN);

export type CouponEditCheck =
  { ok: true; update: CouponTemplateUpdate | null } | { ok: false; problem: string };

/** The update to send (null: nothing changed), or what is wrong with the draft, in the form's words. */
export function couponUpdateOf(template: MerchantCouponTemplate, draft: CouponEditDraft): CouponEditCheck {
  const title = draft.title.trim();
  if (title.length < 1 || title.length > 20) return { ok: false, problem: '名称需 1-20 个字' };
  const totalLimit = whole(draft.totalLimit);
  if (!(totalLimit >= 1 && totalLimit <= 1_000_000)) return { ok: false, problem: '发放总量需为 1-1000000' };
  if (totalLimit < template.claimed)
    return { ok: false, problem: `发放总量不能少于已领的 ${template.claimed} 张` };
  const perUserLimit = whole(draft.perUserLimit);
  if (!(perUserLimit >= 1 && perUserLimit <= 100)) return { ok: false, problem: '每人限领需为 1-100' };
  if (perUserLimit > totalLimit) return { ok: false, problem: '每人限领不能多于发放总量' };

  const update: CouponTemplateUpdate = { templateId: template._id };
  if (title !== template.title) update.title = title;
  if (totalLimit !== template.totalLimit) update.totalLimit = totalLimit;
  if (perUserLimit !== template.perUserLimit) update.perUserLimit = perUserLimit;
  const validity = template.validity;
  if (validity.kind === 'DAYS_AFTER_CLAIM') {
    const days = whole(draft.days);
    if (!(days >= 1 && days <= 365)) return { ok: false, problem: '有效天数需为 1-365' };
    if (days !== validity.days) update.validDays = days;
  } else {
    const validTo = endOfShopDay(draft.lastDay);
    if (!(validTo > validity.from)) return { ok: false, problem: '结束日期需晚于开始日期' };
    if (validTo !== validity.to) update.validTo = validTo;
  }
  return { ok: true, update: Object.keys(update).length > 1 ? update : null };
}
