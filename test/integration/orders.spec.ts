/** Checkout and orders on the local cloud: pricing on the server, stock reserved without overselling, idempotency. */
import {
  buyableProduct,
  buyerWithAddress,
  readSeed,
  startShopCloud,
  TEST_ADDRESS,
  type ShopCloud,
} from './shop-cloud';

let shop: ShopCloud;
const {
  product,
  skus: [skuA, skuB],
} = buyableProduct(2, 20);
const ADDRESS = TEST_ADDRESS;

beforeAll(async () => {
  shop = await startShopCloud();
});
afterAll(() => shop.close());

async function stockOf(skuId: string): Promise<number> {
  return ((await shop.db.collection('skus').doc(skuId).get()).data as unknown as { stock: number }).stock;
}

async function ordersOf(openid: string) {
  return (await shop.db.collection('orders').where({ openid }).get()).data as {
    _id: string;
    state: string;
  }[];
}

test('the quote prices on the server: items, shipping from the rule, and ignores prices sent by the client', async () => {
  const { buyer } = await buyerWithAddress(shop, 'quote-buyer');
  const quote = await buyer.ok('checkout.quote', {
    items: [{ productId: product._id, skuId: skuA._id, quantity: 1 }],
  });
  expect(quote.itemsTotal).toBe(skuA.price);
  expect(quote.shippingFee).toBe(skuA.price >= 9900 ? 0 : 1000);
  expect(quote.payable).toBe(quote.itemsTotal + quote.shippingFee - quote.discount);
  expect(quote.address?.name).toBe(ADDRESS.name);
  const tampered = await buyer.raw({
    action: 'checkout.quote',
    items: [{ productId: product._id, skuId: skuA._id, quantity: 1, price: 1 }],
    payable: 1,
  });
  expect(tampered).toMatchObject({ ok: true, data: { itemsTotal: skuA.price } });
});

test('an order reserves stock, snapshots the address and prices, and leaves the cart', async () => {
  const { buyer, addressId } = await buyerWithAddress(shop, 'order-buyer');
  await buyer.ok('cart.add', { productId: product._id, skuId: skuA._id, quantity: 2 });
  const before = await stockOf(skuA._id);
  const items = [{ productId: product._id, skuId: skuA._id, quantity: 2 }];
  const quote = await buyer.ok('checkout.quote', { items, addressId, couponId: null });
  const order = await buyer.ok('order.create', {
    items,
    addressId,
    couponId: null,
    requestId: 'order-buyer-0001',
    expectedPayable: quote.payable,
    fromCart: true,
  });
  expect(order).toMatchObject({
    state: 'TO_PAY',
    amounts: { payable: quote.payable },
    address: { name: ADDRESS.name, detail: ADDRESS.detail },
  });
  expect(order.orderNo).toMatch(/^[0-9A-Za-z_-]{1,32}$/);
  expect(order.expiresAt - order.createdAt).toBe(30 * 60 * 1000);
  expect(await stockOf(skuA._id)).toBe(before - 2);
  expect((await buyer.ok('cart.list', {})).lines).toEqual([]);
  // Editing the address book later does not rewrite the order.
  await buyer.ok('address.update', { ...ADDRESS, addressId, detail: '新地址 1 号' });
  expect((await buyer.ok('order.detail', { orderId: order._id })).address.detail).toBe(ADDRESS.detail);
});

test('an order of 25 distinct SKUs is priced and placed whole (more rows than an aggregate answers unlimited)', async () => {
  const seed = readSeed();
  const onSale = new Set(seed.products.filter((p) => p.onSale).map((p) => p._id));
  // Not the product the other tests of this file buy, so their stock figures stay theirs.
  const skus = seed.skus
    .filter((s) => s.onSale && s.stock > 5 && onSale.has(s.productId) && s.productId !== product._id)
    .slice(0, 25);
  expect(skus).toHaveLength(25);
  const stockBefore = await Promise.all(skus.map((s) => stockOf(s._id)));
  const { buyer, addressId } = await buyerWithAddress(shop, 'many-skus-buyer');
  const items = skus.map((s) => ({ productId: s.productId, skuId: s._id, quantity: 1 }));
  const quote = await buyer.ok('checkout.quote', { items, addressId, couponId: null });
  expect(quote.itemsTotal).toBe(skus.reduce((sum, s) => sum + s.price, 0));
  const order = await buyer.ok('order.create', {
    items,
    addressId,
    couponId: null,
    requestId: 'many-skus-order-01',
    expectedPayable: quote.payable,
  });
  expect(order.items.map((item) => item.skuId).sort()).toEqual(skus.map((s) => s._id).sort());
  expect(order.amounts.payable).toBe(quote.payable);
  const stockAfter = await Promise.all(skus.map((s) => stockOf(s._id)));
  expect(stockAfter).toEqual(stockBefore.map((stock) => stock - 1));
});

test('200 buyers race for a SKU with stock 20: exactly 20 orders, stock 0, everyone else OUT_OF_STOCK', async () => {
  await shop.db.collection('skus').add({
    data: {
      _id: 'flash-sku',
      productId: product._id,
      specValues: skuA.specValues,
      price: 990,
      originalPrice: 1990,
      stock: 20,
      sold: 0,
      onSale: true,
    },
  });
  const buyers = await Promise.all(
    Array.from({ length: 200 }, (_, i) => buyerWithAddress(shop, `flash-${i}`)),
  );
  const items = [{ productId: product._id, skuId: 'flash-sku', quantity: 1 }];
  const payable = 990 + 1000;
  const results = await Promise.all(
    buyers.map(({ buyer, addressId }, i) =>
      buyer.call('order.create', {
        items,
        addressId,
        couponId: null,
        requestId: `flash-request-${i}`,
        expectedPayable: payable,
      }),
    ),
  );
  const won = results.filter((r) => r.ok);
  const codes = new Set(results.filter((r) => !r.ok).map((r) => (r.ok ? '' : r.code)));
  expect(won).toHaveLength(20);
  expect([...codes]).toEqual(['OUT_OF_STOCK']);
  expect(await stockOf('flash-sku')).toBe(0);
  const orders = (await shop.db.collection('orders').where({ 'items.skuId': 'flash-sku' }).limit(1000).get())
    .data;
  expect(orders).toHaveLength(20);
});

test('one request id sent 10 times at once creates one order and reserves stock once', async () => {
  const { buyer, addressId } = await buyerWithAddress(shop, 'retry-buyer');
  const before = await stockOf(skuB._id);
  const items = [{ productId: product._id, skuId: skuB._id, quantity: 3 }];
  const { payable } = await buyer.ok('checkout.quote', { items, addressId, couponId: null });
  const results = await Promise.all(
    Array.from({ length: 10 }, () =>
      buyer.call('order.create', {
        items,
        addressId,
        couponId: null,
        requestId: 'retry-0000001',
        expectedPayable: payable,
      }),
    ),
  );
  const ids = new Set(results.map((r) => (r.ok ? r.data._id : `failed:${r.code}`)));
  expect([...ids]).toHaveLength(1);
  expect([...ids][0]).not.toMatch(/^failed/);
  expect(await ordersOf('retry-buyer')).toHaveLength(1);
  expect(await stockOf(skuB._id)).toBe(before - 3);
  // A later retry still answers the same order.
  const again = await buyer.ok('order.create', {
    items,
    addressId,
    couponId: null,
    requestId: 'retry-0000001',
    expectedPayable: payable,
  });
  expect(again._id).toBe([...ids][0]);
});

test('cancelling an unpaid order gives back stock and coupon; a second cancel is refused', async () => {
  const { buyer, addressId } = await buyerWithAddress(shop, 'cancel-buyer');
  const coupon = await buyer.ok('coupon.claim', { templateId: 'ct-newcomer' });
  const items = [{ productId: product._id, skuId: skuA._id, quantity: 1 }];
  const quote = await buyer.ok('checkout.quote', { items, addressId });
  expect(quote.couponId).toBe(coupon._id);
  expect(quote.discount).toBe(500);
  const before = await stockOf(skuA._id);
  const order = await buyer.ok('order.create', {
    items,
    addressId,
    couponId: coupon._id,
    requestId: 'cancel-0000001',
    expectedPayable: quote.payable,
  });
  expect(order.amounts.discount).toBe(500);
  const locked = (await buyer.ok('coupon.mine', {})).coupons.find((c) => c._id === coupon._id);
  expect(locked?.state).toBe('LOCKED');
  const cancelled = await buyer.ok('order.cancel', { orderId: order._id });
  expect(cancelled.state).toBe('CANCELLED');
  expect(cancelled.timeline.map((t) => t.state)).toEqual(['TO_PAY', 'CANCELLED']);
  expect(await stockOf(skuA._id)).toBe(before);
  expect((await buyer.ok('coupon.mine', {})).coupons.find((c) => c._id === coupon._id)?.state).toBe('UNUSED');
  expect(await buyer.call('order.cancel', { orderId: order._id })).toMatchObject({
    ok: false,
    code: 'ORDER_STATE_CONFLICT',
  });
  expect(await stockOf(skuA._id)).toBe(before);
});

test('refusals name their cause and change nothing', async () => {
  const { buyer, addressId } = await buyerWithAddress(shop, 'refused-buyer');
  const items = [{ productId: product._id, skuId: skuA._id, quantity: 1 }];
  const { payable } = await buyer.ok('checkout.quote', { items, addressId, couponId: null });
  const before = await stockOf(skuA._id);
  const attempts = [
    [
      { items, addressId, couponId: null, requestId: 'refused-0001', expectedPayable: payable + 1 },
      'PRICE_CHANGED',
    ],
    [
      {
        items,
        addressId: 'no-such-address',
        couponId: null,
        requestId: 'refused-0002',
        expectedPayable: payable,
      },
      'ADDRESS_NOT_FOUND',
    ],
    [
      { items, addressId, couponId: 'no-such-coupon', requestId: 'refused-0003', expectedPayable: payable },
      'COUPON_UNUSABLE',
    ],
    [
      {
        items: [{ ...items[0], quantity: 5000 }],
        addressId,
        couponId: null,
        requestId: 'refused-0004',
        expectedPayable: payable,
      },
      'QUANTITY_OUT_OF_RANGE',
    ],
    [
      { items: [], addressId, couponId: null, requestId: 'refused-0005', expectedPayable: payable },
      'NOTHING_TO_BUY',
    ],
    [
      {
        items: [{ productId: 'p009', skuId: 'p009-s01', quantity: 1 }],
        addressId,
        couponId: null,
        requestId: 'refused-0006',
        expectedPayable: payable,
      },
      'PRODUCT_OFF_SALE',
    ],
    [{ items, addressId, couponId: null, requestId: 'x', expectedPayable: payable }, 'INVALID_INPUT'],
  ] as const;
  for (const [request, code] of attempts) {
    expect({ code, answer: await buyer.raw({ action: 'order.create', ...request }) }).toMatchObject({
      code,
      answer: { ok: false, code },
    });
  }
  expect(await stockOf(skuA._id)).toBe(before);
  expect(await ordersOf('refused-buyer')).toEqual([]);
});

test('an unknown SKU is refused as SKU_NOT_FOUND, naming it, not as a missing address', async () => {
  const { buyer, addressId } = await buyerWithAddress(shop, 'unknown-sku-buyer');
  const answer = await buyer.call('order.create', {
    items: [{ productId: product._id, skuId: 'no-such-sku', quantity: 1 }],
    addressId,
    couponId: null,
    requestId: 'unknown-sku-0001',
    expectedPayable: 1000,
  });
  expect(answer).toMatchObject({ ok: false, code: 'SKU_NOT_FOUND' });
  expect(answer.ok ? '' : answer.message).toContain('no-such-sku');
  expect(await ordersOf('unknown-sku-buyer')).toEqual([]);
});

test('a buyer sees only their own orders, listed by status tab', async () => {
  const { buyer, addressId } = await buyerWithAddress(shop, 'lister');
  const items = [{ productId: product._id, skuId: skuA._id, quantity: 1 }];
  const { payable } = await buyer.ok('checkout.quote', { items, addressId, couponId: null });
  const first = await buyer.ok('order.create', {
    items,
    addressId,
    couponId: null,
    requestId: 'lister-0001',
    expectedPayable: payable,
  });
  await buyer.ok('order.create', {
    items,
    addressId,
    couponId: null,
    requestId: 'lister-0002',
    expectedPayable: payable,
  });
  await buyer.ok('order.cancel', { orderId: first._id });
  const all = await buyer.ok('order.list', {});
  expect(all.items).toHaveLength(2);
  expect((await buyer.ok('order.list', { tab: 'TO_PAY' })).items).toHaveLength(1);
  expect((await buyer.ok('order.list', { tab: 'TO_SHIP' })).items).toHaveLength(0);
  const stranger = shop.buyer('stranger');
  expect((await stranger.ok('order.list', {})).items).toEqual([]);
  expect(await stranger.call('order.detail', { orderId: first._id })).toMatchObject({
    ok: false,
    code: 'ORDER_NOT_FOUND',
  });
  expect(await stranger.call('order.cancel', { orderId: all.items[0]._id })).toMatchObject({
    ok: false,
    code: 'ORDER_NOT_FOUND',
  });
});

test('address book: validation, one default, limits', async () => {
  const buyer = shop.buyer('address-owner');
  expect(await buyer.raw({ action: 'address.add', ...ADDRESS, mobile: '12345' })).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
  });
  expect(await buyer.raw({ action: 'address.add', ...ADDRESS, name: '' })).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
  });
  const first = await buyer.ok('address.add', { ...ADDRESS, isDefault: false });
  expect(first.isDefault).toBe(true);
  const second = await buyer.ok('address.add', { ...ADDRESS, detail: '第二个地址 2 号', isDefault: true });
  const book = await buyer.ok('address.list', {});
  expect(book.addresses.filter((a) => a.isDefault).map((a) => a._id)).toEqual([second._id]);
  const afterRemove = await buyer.ok('address.remove', { addressId: second._id });
  expect(afterRemove.addresses.map((a) => [a._id, a.isDefault])).toEqual([[first._id, true]]);
  expect(await shop.buyer('other').call('address.remove', { addressId: first._id })).toMatchObject({
    ok: false,
    code: 'ADDRESS_NOT_FOUND',
  });
});
