/** The seed shop's coupon templates: two shop-wide thresholds, a category coupon and a newcomer coupon. */
import type { CouponTemplate } from '../../types/entities';

export function couponTemplates(createdAt: number): CouponTemplate[] {
  // A window far enough ahead that a freshly seeded shop never shows the fixed-window coupon as expired.
  const from = createdAt;
  const to = Date.UTC(2030, 11, 31, 16, 0, 0); // 2031-01-01 00:00 China time
  return [
    {
      _id: 'ct-newcomer',
      title: '新人专享券',
      description: '无门槛立减5元，新用户专享',
      rule: { kind: 'AMOUNT_OFF', threshold: 0, amount: 500 },
      totalLimit: 100000,
      issued: 0,
      perUserLimit: 1,
      validity: { kind: 'DAYS_AFTER_CLAIM', days: 7 },
      newcomerOnly: true,
      active: true,
      createdAt,
    },
    {
      _id: 'ct-99-10',
      title: '满99减10',
      description: '全场通用',
      rule: { kind: 'AMOUNT_OFF', threshold: 9900, amount: 1000 },
      totalLimit: 100000,
      issued: 0,
      perUserLimit: 3,
      validity: { kind: 'DAYS_AFTER_CLAIM', days: 30 },
      newcomerOnly: false,
      active: true,
      createdAt,
    },
    {
      _id: 'ct-199-30',
      title: '满199减30',
      description: '全场通用',
      rule: { kind: 'AMOUNT_OFF', threshold: 19900, amount: 3000 },
      totalLimit: 50000,
      issued: 0,
      perUserLimit: 1,
      validity: { kind: 'FIXED', from, to },
      newcomerOnly: false,
      active: true,
      createdAt,
    },
    {
      _id: 'ct-beauty-90',
      title: '美妆9折券',
      description: '限美妆类商品，最高减20元',
      rule: { kind: 'PERCENT_OFF', threshold: 0, percentOff: 10, cap: 2000 },
      categoryIds: ['c04'],
      totalLimit: 20000,
      issued: 0,
      perUserLimit: 1,
      validity: { kind: 'DAYS_AFTER_CLAIM', days: 14 },
      newcomerOnly: false,
      active: true,
      createdAt,
    },
  ];
}
