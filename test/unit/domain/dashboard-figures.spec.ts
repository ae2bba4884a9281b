/** The dashboard's arithmetic and the shop's China-time calendar, without a database. */
import {
  dayFigures,
  periodSales,
  productOrderCounts,
  topProducts,
} from '../../../cloudfunctions/common/domain/dashboard-figures';
import {
  dayStart,
  daysEndingWith,
  isShopDay,
  pastDaysOf,
  shopDayOf,
} from '../../../cloudfunctions/common/domain/shop-day';
import { listingPrices, productFormProblem } from '../../../cloudfunctions/common/domain/product-rules';

describe('the shop calendar is China time', () => {
  test('23:59 in China is still that day; 00:00 is the next, whatever UTC says', () => {
    expect(shopDayOf(Date.parse('2026-11-29T15:59:59.999Z'))).toBe('2026-11-29');
    expect(shopDayOf(Date.parse('2026-11-29T16:00:00.000Z'))).toBe('2026-11-30');
    expect(dayStart('2026-11-30')).toBe(Date.parse('2026-11-29T16:00:00.000Z'));
  });

  test('the last n days, oldest first, across a month end; real dates only', () => {
    expect(daysEndingWith('2026-12-01', 3)).toEqual(['2026-11-29', '2026-11-30', '2026-12-01']);
    expect(isShopDay('2026-02-28')).toBe(true);
    expect(isShopDay('2026-02-30')).toBe(false);
    expect(isShopDay('2026-2-3')).toBe(false);
  });

  test('the past days a change touched, each once, in China time; today and absent stamps are left out', () => {
    const now = Date.parse('2026-11-30T02:00:00.000Z'); // 10:00 on 2026-11-30 in China
    const settled = Date.parse('2026-11-26T03:00:00.000Z');
    const lateEvening = Date.parse('2026-11-29T15:30:00.000Z'); // 23:30 on 2026-11-29 in China
    const earlyToday = Date.parse('2026-11-29T16:30:00.000Z'); // 00:30 on 2026-11-30 in China
    expect(pastDaysOf([settled, undefined, settled, lateEvening, earlyToday, now], now)).toEqual([
      '2026-11-26',
      '2026-11-29',
    ]);
    expect(pastDaysOf([undefined, now], now)).toEqual([]);
  });
});

describe('daily and period figures', () => {
  const paid = [
    { openid: 'a', amount: 1000, items: [{ productId: 'p1', quantity: 2, price: 500 }] },
    { openid: 'a', amount: 300, items: [{ productId: 'p2', quantity: 1, price: 300 }] },
    { openid: 'b', amount: 700, items: [{ productId: 'p1', quantity: 1, price: 700 }] },
  ];

  test('a day: buyers are distinct, returning ones are those who paid before, AOV is rounded', () => {
    const day = dayFigures({
      day: '2026-11-29',
      paid,
      refunds: [{ amount: 300 }],
      createdOrders: 5,
      returningOpenids: new Set(['b', 'someone-else']),
      views: 40,
      cartAdds: 9,
    });
    expect(day).toEqual({
      day: '2026-11-29',
      paidAmount: 2000,
      paidOrders: 3,
      buyers: 2,
      averageOrderValue: 667,
      refundAmount: 300,
      refundOrders: 1,
      newBuyers: 1,
      returningBuyers: 1,
      funnel: { views: 40, cartAdds: 9, orders: 5, paidOrders: 3 },
    });
  });

  test('per product: an order counts once per product, amounts are line totals', () => {
    const counts = productOrderCounts([{ items: [{ productId: 'p1' }, { productId: 'p1' }] }], paid);
    expect(counts.get('p1')).toEqual({ orders: 1, paidOrders: 2, paidQuantity: 3, paidAmount: 1700 });
    expect(counts.get('p2')).toEqual({ orders: 0, paidOrders: 1, paidQuantity: 1, paidAmount: 300 });
  });

  test('a period adds days up but takes distinct buyers from the caller', () => {
    const day = (paidAmount: number, newBuyers: number) => ({
      ...dayFigures({
        day: 'x',
        paid: [],
        refunds: [],
        createdOrders: 0,
        returningOpenids: new Set<string>(),
        views: 0,
        cartAdds: 0,
      }),
      paidAmount,
      paidOrders: 1,
      newBuyers,
    });
    expect(periodSales([day(100, 1), day(200, 1)], 3)).toMatchObject({
      paidAmount: 300,
      paidOrders: 2,
      averageOrderValue: 150,
      buyers: 3,
      newBuyers: 2,
      returningBuyers: 1,
    });
  });

  test('top products by paid amount, then views, at most 10', () => {
    const rows = Array.from({ length: 12 }, (_, i) => ({
      productId: `p${i}`,
      views: i,
      cartAdds: 0,
      orders: 0,
      paidOrders: 0,
      paidQuantity: 0,
      paidAmount: i === 3 ? 100 : 0,
    }));
    const top = topProducts(rows, (id) => ({ title: id, image: '' }));
    expect(top).toHaveLength(10);
    expect(top.slice(0, 3).map((p) => p.productId)).toEqual(['p3', 'p11', 'p10']);
  });
});

describe('the product form', () => {
  const specs = [{ name: '规格', values: ['小', '大'] }];
  const sku = (values: string[], price = 100, originalPrice = 100) => ({
    specValues: values,
    price,
    originalPrice,
    stock: 1,
    onSale: true,
  });

  test('one SKU per combination, values of their specs, original price not below price', () => {
    expect(productFormProblem(specs, [sku(['小']), sku(['大'])])).toBeUndefined();
    expect(productFormProblem(specs, [sku(['小']), sku(['小'])])).toMatch(/two SKUs/);
    expect(productFormProblem(specs, [sku(['中'])])).toMatch(/does not have/);
    expect(productFormProblem(specs, [sku([])])).toMatch(/one value per spec/);
    expect(productFormProblem(specs, [sku(['小'], 200, 100)])).toMatch(/original price/);
    expect(productFormProblem([{ name: '色', values: ['红', '红'] }], [sku(['红'])])).toMatch(/repeats/);
  });

  test('listing prices over on-sale SKUs, or over all when none is on sale', () => {
    expect(
      listingPrices([
        { price: 100, onSale: false },
        { price: 300, onSale: true },
      ]),
    ).toEqual({
      minPrice: 300,
      maxPrice: 300,
    });
    expect(
      listingPrices([
        { price: 100, onSale: false },
        { price: 300, onSale: false },
      ]),
    ).toEqual({
      minPrice: 100,
      maxPrice: 300,
    });
  });
});
