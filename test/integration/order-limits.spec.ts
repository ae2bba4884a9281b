/**
 * Reservations and per-buyer limits on the local cloud: a buyer's unpaid orders and the units of one SKU
 * they hold are capped by conditional writes that hold under 20 parallel calls, and the SKU document stays
 * the same size however many orders are unpaid.
 */
import { buyableProduct, buyerWithAddress, startShopCloud, type ShopCloud } from './shop-cloud';

const MAX_UNPAID_ORDERS = 3;
const MAX_UNITS_PER_SKU = 5;

let shop: ShopCloud;
const {
  product,
  skus: [skuA, skuB],
} = buyableProduct(2, 40);

beforeAll(async () => {
  shop = await startShopCloud({
    functionEnv: {
      SHOP_MAX_UNPAID_ORDERS: String(MAX_UNPAID_ORDERS),
      SHOP_MAX_UNPAID_UNITS_PER_SKU: String(MAX_UNITS_PER_SKU),
    },
  });
});
afterAll(() => shop.close());

async function skuDocument(skuId: string): Promise<Record<string, unknown>> {
  return (await shop.db.collection('skus').doc(skuId).get()).data as unknown as Record<string, unknown>;
}

async function orderInParallel(openid: string, skuId: string, quantity: number, count: number) {
  const { buyer, addressId } = await buyerWithAddress(shop, openid);
  const items = [{ productId: product._id, skuId, quantity }];
  const { payable } = await buyer.ok('checkout.quote', { items, addressId, couponId: null });
  const results = await Promise.all(
    Array.from({ length: count }, (_, i) =>
      buyer.call('order.create', {
        items,
        addressId,
        couponId: null,
        requestId: `${openid}-${String(i).padStart(4, '0')}`,
        expectedPayable: payable,
      }),
    ),
  );
  return { buyer, addressId, items, payable, results };
}

test('20 parallel orders of one buyer: exactly the unpaid-order limit is created, the rest UNPAID_ORDER_LIMIT', async () => {
  const before = (await skuDocument(skuA._id)).stock as number;
  const { buyer, addressId, items, payable, results } = await orderInParallel(
    'limit-orders',
    skuA._id,
    1,
    20,
  );
  const created = results.flatMap((r) => (r.ok ? [r.data] : []));
  expect(created).toHaveLength(MAX_UNPAID_ORDERS);
  expect([...new Set(results.flatMap((r) => (r.ok ? [] : [r.code])))]).toEqual(['UNPAID_ORDER_LIMIT']);
  expect((await skuDocument(skuA._id)).stock).toBe(before - MAX_UNPAID_ORDERS);
  // Cancelling one frees a place; the next order fits, the one after does not.
  await buyer.ok('order.cancel', { orderId: created[0]._id });
  const next = (requestId: string) =>
    buyer.call('order.create', { items, addressId, couponId: null, requestId, expectedPayable: payable });
  expect((await next('limit-orders-next-1')).ok).toBe(true);
  expect(await next('limit-orders-next-2')).toMatchObject({ ok: false, code: 'UNPAID_ORDER_LIMIT' });
  expect((await skuDocument(skuA._id)).stock).toBe(before - MAX_UNPAID_ORDERS);
});

test('20 parallel orders of 2 units: a buyer never holds more than the per-SKU limit in unpaid orders', async () => {
  const before = (await skuDocument(skuB._id)).stock as number;
  const { results } = await orderInParallel('limit-units', skuB._id, 2, 20);
  const created = results.filter((r) => r.ok);
  expect(created).toHaveLength(Math.floor(MAX_UNITS_PER_SKU / 2));
  expect([...new Set(results.flatMap((r) => (r.ok ? [] : [r.code])))]).toEqual(['SKU_PURCHASE_LIMIT']);
  expect((await skuDocument(skuB._id)).stock).toBe(before - 2 * created.length);
});

test('one order over the per-SKU limit is refused with SKU_PURCHASE_LIMIT and changes nothing', async () => {
  const before = (await skuDocument(skuB._id)).stock as number;
  const { results } = await orderInParallel('limit-one-big', skuB._id, MAX_UNITS_PER_SKU + 1, 1);
  expect(results[0]).toMatchObject({ ok: false, code: 'SKU_PURCHASE_LIMIT' });
  expect((await skuDocument(skuB._id)).stock).toBe(before);
  expect((await shop.db.collection('orders').where({ openid: 'limit-one-big' }).get()).data).toHaveLength(0);
});

test('unpaid orders leave the SKU document the same size: reservations are documents of their own', async () => {
  await shop.db.collection('skus').add({
    data: { ...skuA, _id: 'size-sku', stock: 1000, sold: 0, onSale: true },
  });
  // After a first order the SKU has every field it will ever have (an emptied list of marks included).
  expect((await orderInParallel('size-first', 'size-sku', 1, 1)).results[0].ok).toBe(true);
  const firstSize = JSON.stringify(await skuDocument('size-sku')).length;
  const buyers = await Promise.all(
    Array.from({ length: 12 }, (_, i) => orderInParallel(`size-buyer-${i}`, 'size-sku', 1, 2)),
  );
  expect(buyers.flatMap((b) => b.results).every((r) => r.ok)).toBe(true);
  const sku = await skuDocument('size-sku');
  expect(sku.pending ?? []).toEqual([]);
  expect(sku).not.toHaveProperty('holds');
  // Only the digits of stock and sold may change.
  expect(Math.abs(JSON.stringify(sku).length - firstSize)).toBeLessThanOrEqual(2);
  const reservations = (
    await shop.db
      .collection('stock_reservations')
      .where({ 'lines.skuId': 'size-sku', state: 'HELD' })
      .limit(100)
      .get()
  ).data;
  expect(reservations).toHaveLength(25);
});

test('a product detail answers no stock machinery: no pending marks, no holds, no other buyer', async () => {
  const detail = await shop.buyer('curious-buyer').ok('catalog.product', { productId: product._id });
  const text = JSON.stringify(detail);
  expect(text).not.toMatch(/pending|holds|attempt|openid|size-buyer/);
});

describe('retries of one request with a coupon', () => {
  async function withCoupon(openid: string) {
    const { buyer, addressId } = await buyerWithAddress(shop, openid);
    const coupon = await buyer.ok('coupon.claim', { templateId: 'ct-newcomer' });
    const items = [{ productId: product._id, skuId: skuA._id, quantity: 1 }];
    const { payable } = await buyer.ok('checkout.quote', { items, addressId, couponId: coupon._id });
    const create = () =>
      buyer.call('order.create', {
        items,
        addressId,
        couponId: coupon._id,
        requestId: `${openid}-request`,
        expectedPayable: payable,
      });
    return { buyer, coupon, create };
  }
  const quotaOf = async (openid: string) =>
    (await shop.db.collection('buyer_quotas').where({ openid }).get()).data[0] as unknown as
      { unpaid: number; orders: string[] } | undefined;

  test('20 parallel retries answer one order, which holds the coupon and is counted once', async () => {
    await Promise.all(Array.from({ length: 20 }, () => shop.buyer('warm-up').ok('address.list', {})));
    const before = (await skuDocument(skuA._id)).stock as number;
    const { buyer, coupon, create } = await withCoupon('retry-coupon-parallel');
    const results = await Promise.all(Array.from({ length: 20 }, create));
    expect(results.map((r) => (r.ok ? r.data._id : r.code))).toEqual(
      Array(20).fill(results[0].ok ? results[0].data._id : 'an order'),
    );
    const orderId = results[0].ok ? results[0].data._id : '';
    const held = (await buyer.ok('coupon.mine', {})).coupons.find((c) => c._id === coupon._id);
    expect(held?.state).toBe('LOCKED');
    expect(await quotaOf('retry-coupon-parallel')).toMatchObject({ unpaid: 1, orders: [orderId] });
    expect((await skuDocument(skuA._id)).stock).toBe(before - 1);
  });

  test('a retry after an attempt that died holding the coupon reuses it instead of COUPON_UNUSABLE', async () => {
    const { coupon, create } = await withCoupon('retry-coupon-dead');
    // What a dead attempt leaves: the coupon locked for this request's order, and no order.
    const first = await create();
    if (!first.ok) throw new Error(first.code);
    await shop.db.collection('orders').doc(first.data._id).remove();
    await shop.db.collection('buyer_quotas').where({ openid: 'retry-coupon-dead' }).remove();
    const retry = await create();
    expect(retry).toMatchObject({ ok: true, data: { _id: first.data._id, couponId: coupon._id } });
    const stored = (await shop.db.collection('user_coupons').doc(coupon._id).get()).data as unknown as {
      state: string;
      orderId: string;
    };
    expect(stored).toMatchObject({ state: 'LOCKED', orderId: first.data._id });
  });
});
