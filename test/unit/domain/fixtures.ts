/** Small documents for the domain specs: a T-shirt in two colours and three sizes, and a coupon factory. */
import type { CartLine, Product, Sku, UserCoupon } from '../../../types/entities';

export const NOW = Date.UTC(2025, 5, 1, 4, 0, 0); // 2025-06-01 12:00 China time

export function product(overrides: Partial<Product> = {}): Product {
  return {
    _id: 'p001',
    title: '纯棉圆领短袖T恤',
    subtitle: '透气舒适',
    images: ['/assets/products/p001-1.svg', '/assets/products/p001-2.svg'],
    description: '100%新疆长绒棉',
    categoryId: 'c0101',
    categoryPath: ['c01', 'c0101'],
    tags: ['热卖'],
    onSale: true,
    specs: [
      { name: '颜色', values: ['红', '蓝'] },
      { name: '尺码', values: ['S', 'M', 'L'] },
    ],
    createdAt: NOW,
    sales: 0,
    minPrice: 4900,
    maxPrice: 5900,
    ...overrides,
  };
}

export function sku(id: string, specValues: string[], overrides: Partial<Sku> = {}): Sku {
  return {
    _id: id,
    productId: 'p001',
    specValues,
    price: 4900,
    originalPrice: 6900,
    stock: 10,
    sold: 0,
    onSale: true,
    ...overrides,
  };
}

/** 红/S out of stock, 蓝/M off sale, 蓝/L missing entirely. */
export function tshirtSkus(): Sku[] {
  return [
    sku('p001-s01', ['红', 'S'], { stock: 0 }),
    sku('p001-s02', ['红', 'M']),
    sku('p001-s03', ['红', 'L'], { price: 5900 }),
    sku('p001-s04', ['蓝', 'S'], { stock: 2 }),
    sku('p001-s05', ['蓝', 'M'], { onSale: false }),
  ];
}

export function cartLine(overrides: Partial<CartLine> = {}): CartLine {
  return {
    _id: 'l1',
    openid: 'o-buyer',
    productId: 'p001',
    skuId: 'p001-s02',
    quantity: 1,
    selected: true,
    addedAt: NOW - 1000,
    ...overrides,
  };
}

export function coupon(overrides: Partial<UserCoupon> = {}): UserCoupon {
  return {
    _id: 'uc1',
    templateId: 't1',
    openid: 'o-buyer',
    title: '满99减10',
    rule: { kind: 'AMOUNT_OFF', threshold: 9900, amount: 1000 },
    state: 'UNUSED',
    validFrom: NOW - 1000,
    validTo: NOW + 86_400_000,
    claimedAt: NOW - 1000,
    ...overrides,
  };
}
