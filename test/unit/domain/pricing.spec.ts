import {
  orderItemsFromQuote,
  quoteCheckout,
  type QuoteInput,
} from '../../../cloudfunctions/common/domain/pricing';
import type { ShippingRule } from '../../../cloudfunctions/common/domain/shipping';
import type { AddressSnapshot, Product } from '../../../types/entities';
import { coupon, NOW, product, sku, tshirtSkus } from './fixtures';

const rule: ShippingRule = {
  baseFee: 1000,
  freeFrom: 9900,
  regionExtra: { 西藏自治区: 1500 },
  noDelivery: ['台湾省'],
};
const address: AddressSnapshot = {
  name: '张三',
  mobile: '13800138000',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  detail: '文三路1号',
};
const lipstick: Product = product({
  _id: 'p040',
  title: '丝绒哑光口红',
  categoryId: 'c0401',
  categoryPath: ['c04', 'c0401'],
  specs: [{ name: '色号', values: ['#999'] }],
  images: ['/assets/products/p040-1.svg'],
});
const products = new Map([
  ['p001', product()],
  ['p040', lipstick],
]);
const skus = new Map(
  [...tshirtSkus(), sku('p040-s01', ['#999'], { productId: 'p040', price: 3900, stock: 5 })].map((s) => [
    s._id,
    s,
  ]),
);

function quote(overrides: Partial<QuoteInput> = {}) {
  return quoteCheckout({
    items: [{ productId: 'p001', skuId: 'p001-s02', quantity: 1 }],
    products,
    skus,
    address,
    shippingRule: rule,
    now: NOW,
    ...overrides,
  });
}

describe('quoteCheckout', () => {
  it('prices from the catalog and adds shipping below the free threshold', () => {
    const q = quote();
    expect(q).toMatchObject({
      itemsTotal: 4900,
      shippingFee: 1000,
      discount: 0,
      payable: 5900,
      problems: [],
    });
    expect(q.lines[0]).toMatchObject({
      title: '纯棉圆领短袖T恤',
      specText: '颜色:红 尺码:M',
      price: 4900,
      lineTotal: 4900,
    });
  });

  it('ships free at exactly the threshold and applies a coupon met exactly', () => {
    const q = quote({
      items: [
        { productId: 'p001', skuId: 'p001-s02', quantity: 1 }, // 49.00
        { productId: 'p001', skuId: 'p001-s02', quantity: 1 }, // same SKU again: merged
        { productId: 'p040', skuId: 'p040-s01', quantity: 0 + 1 }, // 39.00 → 137.00
      ],
      coupon: coupon({ rule: { kind: 'AMOUNT_OFF', threshold: 13700, amount: 1000 } }),
    });
    expect(q.lines).toHaveLength(2);
    expect(q.lines[0].quantity).toBe(2);
    expect(q).toMatchObject({
      itemsTotal: 13700,
      shippingFee: 0,
      discount: 1000,
      payable: 12700,
      couponId: 'uc1',
      problems: [],
    });
  });

  it('adds the region extra', () => {
    const q = quote({ address: { ...address, province: '西藏自治区' } });
    expect(q.shippingFee).toBe(2500);
    expect(q.payable).toBe(7400);
  });

  it('applies a category-limited coupon only to the eligible part of a mixed order', () => {
    const beauty = coupon({
      rule: { kind: 'PERCENT_OFF', threshold: 0, percentOff: 10, cap: 2000 },
      categoryIds: ['c04'],
    });
    const q = quote({
      items: [
        { productId: 'p001', skuId: 'p001-s03', quantity: 2 }, // 118.00 of shirts
        { productId: 'p040', skuId: 'p040-s01', quantity: 1 }, // 39.00 of lipstick → 3.90 off
      ],
      coupon: beauty,
    });
    expect(q).toMatchObject({
      itemsTotal: 15700,
      shippingFee: 0,
      discount: 390,
      payable: 15310,
      problems: [],
    });
  });

  it('reports stock problems per line, with what is left, and does not charge those lines', () => {
    const q = quote({
      items: [
        { productId: 'p001', skuId: 'p001-s02', quantity: 1 },
        { productId: 'p001', skuId: 'p001-s04', quantity: 3 }, // stock 2
        { productId: 'p001', skuId: 'p001-s01', quantity: 1 }, // stock 0
      ],
    });
    expect(q.problems).toEqual([
      { code: 'OUT_OF_STOCK', productId: 'p001', skuId: 'p001-s04', detail: { available: 2 } },
      { code: 'OUT_OF_STOCK', productId: 'p001', skuId: 'p001-s01', detail: { available: 0 } },
    ]);
    expect(q.itemsTotal).toBe(4900);
    expect(orderItemsFromQuote(q).map((i) => i.skuId)).toEqual(['p001-s02']);
  });

  it('reports off-sale, missing and bad-quantity lines', () => {
    const q = quote({
      items: [
        { productId: 'p001', skuId: 'p001-s05', quantity: 1 }, // sku off sale
        { productId: 'p404', skuId: 'p404-s01', quantity: 1 },
        { productId: 'p001', skuId: 'p001-s99', quantity: 1 },
        { productId: 'p001', skuId: 'p001-s03', quantity: 100 },
      ],
    });
    expect(q.problems.map((p) => p.code)).toEqual([
      'PRODUCT_OFF_SALE',
      'PRODUCT_NOT_FOUND',
      'SKU_NOT_FOUND',
      'QUANTITY_OUT_OF_RANGE',
      'NOTHING_TO_BUY',
    ]);
    expect(q).toMatchObject({ itemsTotal: 0, shippingFee: 0, payable: 0 });
  });

  it('reports a product taken off sale even when its SKU is on sale', () => {
    const q = quote({ products: new Map([['p001', product({ onSale: false })]]) });
    expect(q.problems.map((p) => p.code)).toEqual(['PRODUCT_OFF_SALE', 'NOTHING_TO_BUY']);
  });

  it('requires an address but still quotes the base shipping fee', () => {
    const q = quote({ address: undefined });
    expect(q.problems).toEqual([{ code: 'ADDRESS_REQUIRED' }]);
    expect(q.shippingFee).toBe(1000);
  });

  it('refuses a destination the shop does not ship to', () => {
    const q = quote({ address: { ...address, province: '台湾省' } });
    expect(q.problems.map((p) => p.code)).toEqual(['SHIPPING_UNAVAILABLE']);
  });

  it('reports an unusable coupon with its reason and charges without it', () => {
    const q = quote({ coupon: coupon() }); // needs 99.00, order is 49.00
    expect(q.problems).toEqual([
      { code: 'COUPON_UNUSABLE', couponId: 'uc1', detail: { reason: 'BELOW_THRESHOLD', shortBy: 5000 } },
    ]);
    expect(q).toMatchObject({ discount: 0, payable: 5900 });
    expect(q.couponId).toBeUndefined();
    const expired = quote({
      coupon: coupon({ rule: { kind: 'AMOUNT_OFF', threshold: 0, amount: 100 }, validTo: NOW }),
    });
    expect(expired.problems).toEqual([
      { code: 'COUPON_UNUSABLE', couponId: 'uc1', detail: { reason: 'EXPIRED' } },
    ]);
  });

  it('never lets a coupon bring the payable below one fen', () => {
    const cheap = new Map([...skus, ['p001-s02', sku('p001-s02', ['红', 'M'], { price: 500 })]]);
    const big = coupon({ rule: { kind: 'AMOUNT_OFF', threshold: 0, amount: 1000 } });
    // 5.00 of goods + 10.00 shipping: the coupon takes 5.00, the most the eligible items allow.
    expect(quote({ skus: cheap, coupon: big })).toMatchObject({
      itemsTotal: 500,
      discount: 500,
      payable: 1000,
    });
    // With free shipping the whole order would be free; 1 fen remains.
    const freeShip = { ...rule, freeFrom: 0 };
    expect(quote({ skus: cheap, coupon: big, shippingRule: freeShip })).toMatchObject({
      discount: 499,
      payable: 1,
    });
  });

  it('flags a payable that changed since the buyer saw it', () => {
    expect(quote({ expectedPayable: 5900 }).problems).toEqual([]);
    expect(quote({ expectedPayable: 5800 }).problems).toEqual([
      { code: 'PRICE_CHANGED', detail: { expected: 5800, payable: 5900 } },
    ]);
  });

  it('refuses an empty order', () => {
    expect(quote({ items: [] }).problems).toEqual([{ code: 'NOTHING_TO_BUY' }]);
  });

  it('snapshots order items without quote-only fields', () => {
    expect(orderItemsFromQuote(quote())).toEqual([
      {
        productId: 'p001',
        skuId: 'p001-s02',
        title: '纯棉圆领短袖T恤',
        specText: '颜色:红 尺码:M',
        image: '/assets/products/p001-1.svg',
        price: 4900,
        quantity: 1,
      },
    ]);
  });
});
