/** The cart actions of the `shop` function: rules, bad input, and buyers kept apart. */
import type { CartView } from '../../types';
import { readSeed, startShopCloud, type ShopCloud } from './shop-cloud';

let shop: ShopCloud;
const seed = readSeed();
const buyable = seed.skus.filter(
  (s) => s.onSale && s.stock >= 10 && seed.products.find((p) => p._id === s.productId)?.onSale,
);
const [skuA, skuB] = [buyable[0], buyable.find((s) => s.productId !== buyable[0].productId)!];

beforeAll(async () => {
  shop = await startShopCloud();
});
afterAll(() => shop.close());

async function cartLines(openid: string) {
  const answer = await shop.db.collection('cart_lines').where({ openid }).get();
  return answer.data as unknown as { skuId: string; quantity: number; selected: boolean }[];
}

test('adding the same SKU twice merges into one line; the badge counts quantities', async () => {
  const buyer = shop.buyer('cart-merge');
  await buyer.ok('cart.add', { productId: skuA.productId, skuId: skuA._id, quantity: 2 });
  const { cart } = await buyer.ok('cart.add', { productId: skuA.productId, skuId: skuA._id, quantity: 3 });
  expect(cart.lines).toHaveLength(1);
  expect(cart.lines[0]).toMatchObject({ skuId: skuA._id, quantity: 5, price: skuA.price, selected: true });
  expect(cart.selectedTotal).toBe(skuA.price * 5);
  expect(await buyer.ok('cart.count', {})).toEqual({ badgeCount: 5 });
});

test('two buyers never see or change each other’s cart', async () => {
  const alice = shop.buyer('cart-alice');
  const bob = shop.buyer('cart-bob');
  const { cart } = await alice.ok('cart.add', { productId: skuA.productId, skuId: skuA._id, quantity: 1 });
  await bob.ok('cart.add', { productId: skuB.productId, skuId: skuB._id, quantity: 4 });
  expect((await bob.ok('cart.list', {})).lines.map((l) => l.skuId)).toEqual([skuB._id]);
  const aliceLine = cart.lines[0].lineId;
  expect(await bob.call('cart.setQuantity', { lineId: aliceLine, quantity: 9 })).toMatchObject({
    ok: false,
    code: 'CART_LINE_NOT_FOUND',
  });
  expect(await bob.call('cart.remove', { lineIds: [aliceLine] })).toMatchObject({
    ok: false,
    code: 'CART_LINE_NOT_FOUND',
  });
  expect(await cartLines('cart-alice')).toEqual([expect.objectContaining({ skuId: skuA._id, quantity: 1 })]);
});

test('concurrent adds of one SKU end in one line with the summed quantity', async () => {
  const buyer = shop.buyer('cart-racer');
  await Promise.all(
    Array.from({ length: 6 }, () =>
      buyer.ok('cart.add', { productId: skuA.productId, skuId: skuA._id, quantity: 1 }),
    ),
  );
  expect(await cartLines('cart-racer')).toEqual([expect.objectContaining({ skuId: skuA._id, quantity: 6 })]);
});

test('quantities outside 1..99 or above stock are refused and nothing changes', async () => {
  const buyer = shop.buyer('cart-bounds');
  const { cart } = await buyer.ok('cart.add', { productId: skuA.productId, skuId: skuA._id, quantity: 2 });
  const lineId = cart.lines[0].lineId;
  for (const quantity of [0, 100, -1, 1.5]) {
    expect(await buyer.call('cart.setQuantity', { lineId, quantity })).toMatchObject({
      ok: false,
      code: 'QUANTITY_OUT_OF_RANGE',
    });
  }
  const low = seed.skus.find(
    (s) => s.onSale && s.stock > 0 && s.stock < 5 && seed.products.find((p) => p._id === s.productId)?.onSale,
  )!;
  const added = await buyer.ok('cart.add', { productId: low.productId, skuId: low._id, quantity: 1 });
  const lowLine = added.cart.lines.find((l) => l.skuId === low._id)!.lineId;
  expect(await buyer.call('cart.setQuantity', { lineId: lowLine, quantity: low.stock + 1 })).toMatchObject({
    ok: false,
    code: 'OUT_OF_STOCK',
  });
  expect(
    await buyer.raw({ action: 'cart.add', productId: skuA.productId, skuId: skuA._id, quantity: '2' }),
  ).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
  });
  expect(await buyer.raw({ action: 'cart.add', productId: skuA.productId })).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
  });
  expect(await cartLines('cart-bounds')).toEqual(
    expect.arrayContaining([
      expect.objectContaining({ skuId: skuA._id, quantity: 2 }),
      expect.objectContaining({ skuId: low._id, quantity: 1 }),
    ]),
  );
});

test.each([
  ['an unknown product', { productId: 'p999', skuId: 'p999-s01', quantity: 1 }, 'PRODUCT_NOT_FOUND'],
  ['a SKU of another product', { productId: skuB.productId, skuId: skuA._id, quantity: 1 }, 'SKU_NOT_FOUND'],
  [
    'an off-sale product',
    {
      productId: seed.products.find((p) => !p.onSale)!._id,
      skuId: seed.skus.find((s) => s.productId === seed.products.find((p) => !p.onSale)!._id)!._id,
      quantity: 1,
    },
    'PRODUCT_OFF_SALE',
  ],
  [
    'a sold-out SKU',
    {
      productId: seed.skus.find((s) => s.stock === 0 && s.onSale)!.productId,
      skuId: seed.skus.find((s) => s.stock === 0 && s.onSale)!._id,
      quantity: 1,
    },
    'OUT_OF_STOCK',
  ],
  ['a malformed SKU id', { productId: skuA.productId, skuId: 'bad id!', quantity: 1 }, 'SKU_NOT_FOUND'],
  [
    'a quantity of 100',
    { productId: skuA.productId, skuId: skuA._id, quantity: 100 },
    'QUANTITY_OUT_OF_RANGE',
  ],
])('adding %s is refused with %s and the cart stays empty', async (_what, request, code) => {
  const openid = `cart-refused-${code}`;
  const answer = await shop.buyer(openid).call('cart.add', request);
  expect(answer).toMatchObject({ ok: false, code });
  expect(await cartLines(openid)).toEqual([]);
});

test('lines whose SKU went off sale, sold out or short of stock are marked invalid and leave the total', async () => {
  const buyer = shop.buyer('cart-invalid');
  const [first, second, third] = buyable.filter((s) => s.productId !== skuA.productId).slice(0, 3);
  for (const sku of [first, second, third])
    await buyer.ok('cart.add', { productId: sku.productId, skuId: sku._id, quantity: 3 });
  await shop.db
    .collection('skus')
    .doc(first._id)
    .update({ data: { onSale: false } });
  await shop.db
    .collection('skus')
    .doc(second._id)
    .update({ data: { stock: 0 } });
  await shop.db
    .collection('skus')
    .doc(third._id)
    .update({ data: { stock: 2 } });
  const cart: CartView = await buyer.ok('cart.list', {});
  const reason = (skuId: string) => cart.lines.find((l) => l.skuId === skuId)?.invalid;
  expect([reason(first._id), reason(second._id), reason(third._id)]).toEqual([
    'OFF_SALE',
    'OUT_OF_STOCK',
    'STOCK_SHORT',
  ]);
  expect(cart.selectedTotal).toBe(0);
  expect(cart.allSelected).toBe(false);
  // Lowering a short line to what is left makes it valid again.
  const fixed = await buyer.ok('cart.setQuantity', {
    lineId: cart.lines.find((l) => l.skuId === third._id)!.lineId,
    quantity: 2,
  });
  expect(fixed.selectedTotal).toBe(third.price * 2);
  await shop.db
    .collection('skus')
    .doc(first._id)
    .update({ data: { onSale: true } });
  await shop.db
    .collection('skus')
    .doc(second._id)
    .update({ data: { stock: first.stock } });
});

test('select, select all and remove change only the named lines', async () => {
  const buyer = shop.buyer('cart-select');
  await buyer.ok('cart.add', { productId: skuA.productId, skuId: skuA._id, quantity: 1 });
  const { cart } = await buyer.ok('cart.add', { productId: skuB.productId, skuId: skuB._id, quantity: 2 });
  const lineA = cart.lines.find((l) => l.skuId === skuA._id)!.lineId;
  const lineB = cart.lines.find((l) => l.skuId === skuB._id)!.lineId;
  const one = await buyer.ok('cart.select', { lineIds: [lineA], selected: false });
  expect(one.selectedTotal).toBe(skuB.price * 2);
  expect(one.allSelected).toBe(false);
  const none = await buyer.ok('cart.selectAll', { selected: false });
  expect(none.selectedTotal).toBe(0);
  const all = await buyer.ok('cart.selectAll', { selected: true });
  expect(all.selectedTotal).toBe(skuA.price + skuB.price * 2);
  expect(await buyer.call('cart.select', { lineIds: [lineA, 'clnotaline'], selected: false })).toMatchObject({
    ok: false,
    code: 'CART_LINE_NOT_FOUND',
  });
  expect((await buyer.ok('cart.list', {})).allSelected).toBe(true);
  const removed = await buyer.ok('cart.remove', { lineIds: [lineA] });
  expect(removed.lines.map((l) => l.lineId)).toEqual([lineB]);
  expect(removed.badgeCount).toBe(2);
});

test('cart actions need a WeChat user', async () => {
  const answer = await shop.buyer('').raw({ action: 'cart.list' });
  expect(answer).toMatchObject({ ok: false, code: 'UNAUTHENTICATED' });
});
