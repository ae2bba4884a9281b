import {
  bestCoupon,
  couponState,
  couponWindow,
  DAY_MS,
  eligibleSubtotal,
  evaluateCoupon,
  planClaimCoupon,
  rankCoupons,
  ruleDiscount,
  type CouponItem,
} from '../../../cloudfunctions/common/domain/coupons';
import type { CouponTemplate } from '../../../types/entities';
import { coupon, NOW } from './fixtures';

const shirt = (price: number, quantity = 1): CouponItem => ({
  categoryPath: ['c01', 'c0101'],
  price,
  quantity,
});
const lipstick = (price: number, quantity = 1): CouponItem => ({
  categoryPath: ['c04', 'c0401'],
  price,
  quantity,
});

describe('ruleDiscount', () => {
  it('takes an amount off', () => {
    expect(ruleDiscount({ kind: 'AMOUNT_OFF', threshold: 0, amount: 500 }, 3000)).toBe(500);
  });

  it('rounds a percent discount down to the fen', () => {
    // 10% of 12.345 yuan would be 123.45 fen: the shop gives 123.
    expect(ruleDiscount({ kind: 'PERCENT_OFF', threshold: 0, percentOff: 10 }, 1234 + 1)).toBe(123);
    expect(ruleDiscount({ kind: 'PERCENT_OFF', threshold: 0, percentOff: 15 }, 999)).toBe(149);
  });

  it('caps a percent discount', () => {
    const rule = { kind: 'PERCENT_OFF', threshold: 0, percentOff: 10, cap: 2000 } as const;
    expect(ruleDiscount(rule, 19999)).toBe(1999);
    expect(ruleDiscount(rule, 20000)).toBe(2000);
    expect(ruleDiscount(rule, 50000)).toBe(2000);
  });

  it('never exceeds the eligible subtotal', () => {
    expect(ruleDiscount({ kind: 'AMOUNT_OFF', threshold: 0, amount: 1000 }, 300)).toBe(300);
    expect(ruleDiscount({ kind: 'AMOUNT_OFF', threshold: 0, amount: 1000 }, 0)).toBe(0);
  });
});

describe('eligibleSubtotal', () => {
  it('counts every item for an unlimited coupon', () => {
    expect(eligibleSubtotal(undefined, [shirt(5000, 2), lipstick(3000)])).toBe(13000);
    expect(eligibleSubtotal([], [shirt(5000)])).toBe(5000);
  });

  it('counts only items in the listed top or second-level categories', () => {
    expect(eligibleSubtotal(['c04'], [shirt(5000, 2), lipstick(3000)])).toBe(3000);
    expect(eligibleSubtotal(['c0101'], [shirt(5000, 2), lipstick(3000)])).toBe(10000);
    expect(eligibleSubtotal(['c02'], [shirt(5000)])).toBe(0);
  });
});

describe('evaluateCoupon', () => {
  it('is usable when the threshold is exactly met', () => {
    expect(evaluateCoupon(coupon(), [shirt(9900)], NOW)).toEqual({
      couponId: 'uc1',
      usable: true,
      eligibleSubtotal: 9900,
      discount: 1000,
    });
  });

  it('says how much is missing one fen below the threshold', () => {
    expect(evaluateCoupon(coupon(), [shirt(9899)], NOW)).toEqual({
      couponId: 'uc1',
      usable: false,
      reason: 'BELOW_THRESHOLD',
      eligibleSubtotal: 9899,
      shortBy: 1,
    });
  });

  it('applies a category-limited coupon to the eligible part of a mixed cart only', () => {
    const beauty = coupon({
      rule: { kind: 'PERCENT_OFF', threshold: 5000, percentOff: 10, cap: 2000 },
      categoryIds: ['c04'],
    });
    // 200 yuan of shirts do not help a beauty coupon reach its 50 yuan threshold.
    const short = evaluateCoupon(beauty, [shirt(20000), lipstick(4000)], NOW);
    expect(short).toMatchObject({
      usable: false,
      reason: 'BELOW_THRESHOLD',
      eligibleSubtotal: 4000,
      shortBy: 1000,
    });
    const ok = evaluateCoupon(beauty, [shirt(20000), lipstick(6999)], NOW);
    expect(ok).toMatchObject({ usable: true, eligibleSubtotal: 6999, discount: 699 });
    expect(evaluateCoupon(beauty, [shirt(20000)], NOW)).toMatchObject({
      usable: false,
      reason: 'NO_ELIGIBLE_ITEMS',
    });
  });

  it('treats the window as [validFrom, validTo)', () => {
    const c = coupon({ validFrom: NOW, validTo: NOW + 10 });
    expect(evaluateCoupon(c, [shirt(9900)], NOW - 1)).toMatchObject({ usable: false, reason: 'NOT_STARTED' });
    expect(evaluateCoupon(c, [shirt(9900)], NOW).usable).toBe(true);
    expect(evaluateCoupon(c, [shirt(9900)], NOW + 9).usable).toBe(true);
    expect(evaluateCoupon(c, [shirt(9900)], NOW + 10)).toMatchObject({ usable: false, reason: 'EXPIRED' });
  });

  it('refuses coupons locked, used or marked expired', () => {
    for (const state of ['LOCKED', 'USED'] as const) {
      expect(evaluateCoupon(coupon({ state }), [shirt(9900)], NOW)).toMatchObject({
        usable: false,
        reason: 'NOT_AVAILABLE',
      });
    }
    expect(evaluateCoupon(coupon({ state: 'EXPIRED' }), [shirt(9900)], NOW)).toMatchObject({
      reason: 'EXPIRED',
    });
  });

  it('reads an unused coupon past its window as expired', () => {
    expect(couponState(coupon({ validTo: NOW }), NOW)).toBe('EXPIRED');
    expect(couponState(coupon({ validTo: NOW + 1 }), NOW)).toBe('UNUSED');
    expect(couponState(coupon({ state: 'USED', validTo: NOW }), NOW)).toBe('USED');
  });
});

describe('rankCoupons and bestCoupon', () => {
  const tenOff = coupon({ _id: 'ten', validTo: NOW + 5 * DAY_MS });
  const thirtyOff = coupon({ _id: 'thirty', rule: { kind: 'AMOUNT_OFF', threshold: 19900, amount: 3000 } });
  const newcomer = coupon({
    _id: 'new',
    rule: { kind: 'AMOUNT_OFF', threshold: 0, amount: 1000 },
    validTo: NOW + DAY_MS,
  });
  const expired = coupon({ _id: 'old', validTo: NOW - 1 });

  it('suggests the largest discount', () => {
    expect(bestCoupon([tenOff, thirtyOff, newcomer], [shirt(20000)], NOW)?.couponId).toBe('thirty');
  });

  it('breaks ties by the coupon expiring first', () => {
    expect(bestCoupon([tenOff, newcomer], [shirt(10000)], NOW)?.couponId).toBe('new');
  });

  it('lists usable coupons first, then the rest', () => {
    const ranked = rankCoupons([expired, thirtyOff, tenOff, newcomer], [shirt(10000)], NOW);
    expect(ranked.map((r) => [r.couponId, r.usable])).toEqual([
      ['new', true],
      ['ten', true],
      ['old', false],
      ['thirty', false],
    ]);
  });

  it('suggests nothing when nothing applies', () => {
    expect(bestCoupon([thirtyOff, expired], [shirt(100)], NOW)).toBeUndefined();
    expect(bestCoupon([], [shirt(100)], NOW)).toBeUndefined();
  });
});

describe('claiming', () => {
  const template = (overrides: Partial<CouponTemplate> = {}): CouponTemplate => ({
    _id: 't1',
    title: '9折券',
    description: '限美妆类商品',
    rule: { kind: 'PERCENT_OFF', threshold: 0, percentOff: 10, cap: 2000 },
    categoryIds: ['c04'],
    totalLimit: 100,
    issued: 0,
    perUserLimit: 1,
    validity: { kind: 'DAYS_AFTER_CLAIM', days: 7 },
    newcomerOnly: false,
    active: true,
    createdAt: 0,
    ...overrides,
  });
  const ctx = { openid: 'o-buyer', now: NOW, newId: () => 'uc9', claimedByBuyer: 0, isNewcomer: false };

  it('gives a coupon valid N days from the claim, with the rule copied', () => {
    expect(planClaimCoupon(template(), ctx)).toEqual({
      ok: true,
      value: {
        _id: 'uc9',
        templateId: 't1',
        openid: 'o-buyer',
        title: '9折券',
        rule: { kind: 'PERCENT_OFF', threshold: 0, percentOff: 10, cap: 2000 },
        categoryIds: ['c04'],
        state: 'UNUSED',
        validFrom: NOW,
        validTo: NOW + 7 * DAY_MS,
        claimedAt: NOW,
      },
    });
  });

  it('uses a fixed window as is', () => {
    expect(couponWindow({ kind: 'FIXED', from: 1, to: 2 }, NOW)).toEqual({ validFrom: 1, validTo: 2 });
  });

  it.each<[string, Partial<CouponTemplate>, Partial<typeof ctx>, string]>([
    ['inactive', { active: false }, {}, 'COUPON_NOT_CLAIMABLE'],
    ['newcomer only', { newcomerOnly: true }, { isNewcomer: false }, 'COUPON_NOT_CLAIMABLE'],
    ['window over', { validity: { kind: 'FIXED', from: 0, to: NOW } }, {}, 'COUPON_NOT_CLAIMABLE'],
    ['all issued', { issued: 100 }, {}, 'COUPON_SOLD_OUT'],
    ['per-buyer limit', { perUserLimit: 2 }, { claimedByBuyer: 2 }, 'COUPON_LIMIT'],
  ])('refuses: %s', (_name, t, c, code) => {
    const result = planClaimCoupon(template(t), { ...ctx, ...c });
    expect(!result.ok && result.code).toBe(code);
  });

  it('lets a newcomer claim a newcomer coupon', () => {
    expect(planClaimCoupon(template({ newcomerOnly: true }), { ...ctx, isNewcomer: true }).ok).toBe(true);
  });
});
