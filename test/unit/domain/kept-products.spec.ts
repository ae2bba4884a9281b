/** 收藏 and 浏览记录 as shown: each product's state now, and the history's one entry per product. */
import {
  keptProducts,
  keptStatus,
  recentProducts,
} from '../../../cloudfunctions/common/domain/kept-products';
import type { ProductCard } from '../../../types';

const card = (id: string): ProductCard => ({
  _id: id,
  title: id,
  subtitle: '',
  image: '',
  minPrice: 100,
  maxPrice: 100,
  sales: 0,
  tags: [],
});

test('a product is on sale, sold out (on sale without stock) or off sale whatever its stock', () => {
  expect(keptStatus(true, true)).toBe('ON_SALE');
  expect(keptStatus(true, false)).toBe('SOLD_OUT');
  expect(keptStatus(false, true)).toBe('OFF_SALE');
  expect(keptStatus(false, false)).toBe('OFF_SALE');
});

test('kept products keep the rows’ order, mark sold-out cards, and leave out products no longer in the catalog', () => {
  const rows = [
    { productId: 'a', at: 3 },
    { productId: 'gone', at: 2 },
    { productId: 'b', at: 1 },
    { productId: 'c', at: 0 },
  ];
  const cards = [
    { card: card('c'), onSale: false },
    { card: card('b'), onSale: true },
    { card: card('a'), onSale: true },
  ];
  const shown = keptProducts(rows, cards, new Set(['a', 'c']));
  expect(shown.map((item) => [item.product._id, item.status, item.at])).toEqual([
    ['a', 'ON_SALE', 3],
    ['b', 'SOLD_OUT', 1],
    ['c', 'OFF_SALE', 0],
  ]);
  expect(shown[1].product.soldOut).toBe(true);
  expect(shown[0].product.soldOut).toBeUndefined();
});

test('the history holds each product once at its latest view, newest first, after the last clear, up to the limit', () => {
  const views = [
    { productId: 'a', at: 50 },
    { productId: 'b', at: 40 },
    { productId: 'a', at: 30 },
    { productId: 'c', at: 20 },
    { productId: 'd', at: 10 },
  ];
  expect(recentProducts(views, 0, 10)).toEqual([
    { productId: 'a', at: 50 },
    { productId: 'b', at: 40 },
    { productId: 'c', at: 20 },
    { productId: 'd', at: 10 },
  ]);
  expect(recentProducts(views, 20, 10).map((row) => row.productId)).toEqual(['a', 'b']);
  expect(recentProducts(views, 0, 2).map((row) => row.productId)).toEqual(['a', 'b']);
  // Views arrive newest first from the database, but the rule does not count on it.
  expect(recentProducts([...views].reverse(), 0, 1)).toEqual([{ productId: 'a', at: 50 }]);
});
