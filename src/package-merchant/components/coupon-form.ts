/** The coupon form's rules: what the merchant types (yuan, 折, days) becomes the CouponTemplateInput the server takes. */
import type { CouponTemplateInput } from '@shop/types';
import { yuanToFen } from './product-form';

export interface CouponDraft {
  title: string;
  description: string;
  kind: 'AMOUNT_OFF' | 'PERCENT_OFF';
  /** Yuan; '' or 0 = no threshold. */
  threshold: string;
  /** AMOUNT_OFF: yuan off. */
  amount: string;
  /** PERCENT_OFF: the 折 a buyer pays, e.g. '8.5' = 15% off. */
  discount: string;
  totalLimit: string;
  perUserLimit: string;
  /** Days a claimed coupon stays usable. */
  days: string;
  newcomerOnly: boolean;
}

export function emptyCouponDraft(): CouponDraft {
  return {
    title: '',
    description: '全场通用',
    kind: 'AMOUNT_OFF',
    threshold: '',
    amount: '',
    discount: '',
    totalLimit: '1000',
    perUserLimit: '1',
    days: '7',
    newcomerOnly: false,
  };
}

function wholeNumber(text: string, min: number, max: number): number | undefined {
  if (!/^\d{1,7}$/.test(text.trim())) return undefined;
  const value = Number(text.trim());
  return value >= min && value <= max ? value : undefined;
}

export function couponInputOf(
  draft: CouponDraft,
): { ok: true; input: CouponTemplateInput } | { ok: false; problem: string } {
  const title = draft.title.trim();
  if (!title || title.length > 20) return { ok: false, problem: '请填写优惠券名称（20 字以内）' };
  if (draft.description.trim().length > 40) return { ok: false, problem: '说明请在 40 字以内' };
  const threshold = draft.threshold.trim() ? yuanToFen(draft.threshold) : 0;
  if (threshold === undefined) return { ok: false, problem: '请填写正确的使用门槛' };
  let rule: CouponTemplateInput['rule'];
  if (draft.kind === 'AMOUNT_OFF') {
    const amount = yuanToFen(draft.amount);
    if (!amount) return { ok: false, problem: '请填写减免金额' };
    if (threshold > 0 && amount >= threshold) return { ok: false, problem: '减免金额须低于使用门槛' };
    rule = { kind: 'AMOUNT_OFF', threshold, amount };
  } else {
    // 8.5折 takes 15% off; whole percents only, as the server keeps them.
    const match = /^(\d)(?:\.(\d))?$/.exec(draft.discount.trim());
    const tenths = match ? Number(match[1]) * 10 + Number(match[2] ?? '0') : 0;
    if (tenths < 1 || tenths > 99) return { ok: false, problem: '请填写 0.1 到 9.9 之间的折扣' };
    rule = { kind: 'PERCENT_OFF', threshold, percentOff: 100 - tenths };
  }
  const totalLimit = wholeNumber(draft.totalLimit, 1, 1_000_000);
  if (totalLimit === undefined) return { ok: false, problem: '发放总量须在 1 到 1000000 之间' };
  const perUserLimit = wholeNumber(draft.perUserLimit, 1, 100);
  if (perUserLimit === undefined) return { ok: false, problem: '每人限领须在 1 到 100 之间' };
  const days = wholeNumber(draft.days, 1, 365);
  if (days === undefined) return { ok: false, problem: '有效天数须在 1 到 365 之间' };
  return {
    ok: true,
    input: {
      title,
      description: draft.description.trim(),
      rule,
      totalLimit,
      perUserLimit,
      validity: { kind: 'DAYS_AFTER_CLAIM', days },
      newcomerOnly: draft.newcomerOnly,
    },
  };
}
