/** The 已售罄 rule: when a product is sold out, which products a stock change rechecks, and the live overlay. */
import type { ProductCard } from '../../../types/api';
import {
  productsToRecheckAfterGiveBack,
  productsToRecheckAfterTake,
  soldOutOf,
  withLiveSaleState,
} from '../../../cloudfunctions/common/domain/sold-out';

const sku = (productId: string, onSale: boolean, stock: number) => ({ productId, onSale, stock });

test('a product is sold out when no SKU is on sale with stock, and with no SKUs at all', () => {
  expect(soldOutOf([sku('p', true, 1)])).toBe(false);
  expect(soldOutOf([sku('p', true, 0), sku('p', false, 5)])).toBe(true);
  expect(soldOutOf([])).toBe(true);
});

test('after a take only products with a SKU emptied are rechecked, each once', () => {
  const read = [sku('a', true, 0), sku('a', true, 0), sku('b', true, 3), sku('c', true, 0)];
  expect(productsToRecheckAfterTake(read)).toEqual(['a', 'c']);
});

test('after a give-back only products with a SKU now buyable are rechecked', () => {
  const read = [sku('a', true, 2), sku('b', false, 2), sku('c', true, 0), sku('a', true, 1)];
  expect(productsToRecheckAfterGiveBack(read)).toEqual(['a']);
});

const card = (id: string, soldOut?: boolean): ProductCard => ({
  _id: id,
  title: id,
  subtitle: '',
  image: '',
  minPrice: 100,
  maxPrice: 100,
  sales: 0,
  tags: [],
  ...(soldOut ? { soldOut } : {}),
});

test('copied cards take the live flag, lose a stale one, and leave when off sale or gone; order kept', () => {
  const copies = [card('a'), card('b', true), card('c'), card('gone'), card('d')];
  const live = [
    { _id: 'd', onSale: true },
    { _id: 'a', onSale: true, soldOut: true },
    { _id: 'b', onSale: true, soldOut: false },
    { _id: 'c', onSale: false },
  ];
  expect(withLiveSaleState(copies, live)).toEqual([card('a', true), card('b'), card('d')]);
});
