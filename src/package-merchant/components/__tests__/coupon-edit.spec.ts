/** The coupon edit form sends only what changed, and refuses what the server would refuse before asking it. */
import type { MerchantCouponTemplate } from '@shop/types';
import { dayStart } from '@shop/domain/shop-day';
import { couponUpdateOf, editDraftOf, endOfShopDay } from '../coupon-edit';

const template: MerchantCouponTemplate = {
  _id: 't1',
  title: '满99减10',
  description: '全场通用',
  rule: { kind: 'AMOUNT_OFF', amount: 1000, threshold: 9900 },
  totalLimit: 100,
  perUserLimit: 1,
  issued: 30,
  validity: { kind: 'DAYS_AFTER_CLAIM', days: 7 },
  newcomerOnly: false,
  active: true,
  createdAt: 0,
  claimed: 30,
  used: 4,
} as MerchantCouponTemplate;

test('an unchanged form sends nothing; a changed one sends only its changed fields', () => {
  expect(couponUpdateOf(template, editDraftOf(template))).toEqual({ ok: true, update: null });
  const draft = { ...editDraftOf(template), totalLimit: '500', days: '14' };
  expect(couponUpdateOf(template, draft)).toEqual({
    ok: true,
    update: { templateId: 't1', totalLimit: 500, validDays: 14 },
  });
});

test('limits below what buyers already claimed, or out of range, are refused in the form', () => {
  const draft = editDraftOf(template);
  expect(couponUpdateOf(template, { ...draft, totalLimit: '29' })).toEqual({
    ok: false,
    problem: '发放总量不能少于已领的 30 张',
  });
  expect(couponUpdateOf(template, { ...draft, perUserLimit: '101' })).toMatchObject({ ok: false });
  expect(couponUpdateOf(template, { ...draft, days: '0' })).toMatchObject({ ok: false });
  expect(couponUpdateOf(template, { ...draft, title: ' ' })).toMatchObject({ ok: false });
});

test('a FIXED validity is edited by its last China day, which ends at the next midnight', () => {
  const fixed = {
    ...template,
    validity: { kind: 'FIXED', from: dayStart('2026-11-01'), to: endOfShopDay('2026-11-30') },
  } as MerchantCouponTemplate;
  const draft = editDraftOf(fixed);
  expect(draft.lastDay).toBe('2026-11-30');
  expect(couponUpdateOf(fixed, { ...draft, lastDay: '2026-12-31' })).toEqual({
    ok: true,
    update: { templateId: 't1', validTo: dayStart('2027-01-01') },
  });
  expect(couponUpdateOf(fixed, { ...draft, lastDay: '2026-10-01' })).toMatchObject({ ok: false });
});
