/**
 * 猜你喜欢: 'catalog.recommend' records a buyer's view once a day and answers the lists the worker's
 * `refreshRecommendations` computes from paid orders and views. Payment is staged in the database (as the
 * notification would leave it), since only the paid state matters here.
 */
import type { ProductCard } from '../../types';
import { buyerWithAddress, placeOrder, readSeed, startShopCloud, type ShopCloud } from './shop-cloud';

let shop: ShopCloud;

beforeAll(async () => {
  shop = await startShopCloud();
});
afterAll(() => shop.close());

/** On-sale products of the seed with an on-sale SKU of ample stock: what the orders below buy. */
function buyable(): { productId: string; skuId: string }[] {
  const seed = readSeed();
  return seed.products
    .filter((p) => p.onSale)
    .flatMap((p) => {
      const sku = seed.skus.find((s) => s.productId === p._id && s.onSale && s.stock > 20);
      return sku ? [{ productId: p._id, skuId: sku._id }] : [];
    });
}

const [A, B, C, X, NEVER_BOUGHT] = buyable().slice(-5);

/** An order of one piece of each item, paid. */
async function paidOrder(openid: string, items: { productId: string; skuId: string }[]): Promise<void> {
  const { buyer, addressId } = await buyerWithAddress(shop, openid);
  const lines = items.map((item) => ({ ...item, quantity: 1 }));
  const { payable } = await buyer.ok('checkout.quote', { items: lines, addressId, couponId: null });
  const order = await buyer.ok('order.create', {
    items: lines,
    addressId,
    couponId: null,
    requestId: `${openid}-0001`,
    expectedPayable: payable,
  });
  await shop.db
    .collection('orders')
    .doc(order._id)
    .update({ data: { state: 'PAID', paidAt: shop.now() } });
}

interface WorkerReport {
  jobs: Record<string, { ok: boolean; result?: unknown; error?: string }>;
}

async function runRefresh(): Promise<unknown> {
  const report = (await shop.invokeAsSystem('worker')) as WorkerReport;
  expect(report.jobs.refreshRecommendations).toMatchObject({ ok: true });
  return report.jobs.refreshRecommendations.result;
}

/** Lets the next worker run recompute at once instead of waiting out its 10 minutes. */
async function forgetLastRefresh(): Promise<void> {
  await shop.db.collection('recommendations').where({ _id: '_state' }).remove();
}

const ids = (items: ProductCard[]) => items.map((item) => item._id);

test('a view is recorded once per buyer, product and day, when the detail is opened', async () => {
  const buyer = shop.buyer('rec-viewer');
  await buyer.ok('history.record', { productId: A.productId });
  await buyer.ok('history.record', { productId: A.productId });
  // 猜你喜欢 under the detail reads the lists only: the view is already there.
  await buyer.ok('catalog.recommend', { productId: A.productId });
  await shop.buyer('rec-other-viewer').ok('history.record', { productId: A.productId });
  const mine = await shop.db.collection('product_views').where({ openid: 'rec-viewer' }).get();
  expect(mine.data).toHaveLength(1);
  expect(mine.data[0]).toMatchObject({ openid: 'rec-viewer', productId: A.productId });
  expect(mine.data[0].day).toMatch(/^\d{4}-\d{2}-\d{2}$/);
  const all = await shop.db.collection('product_views').where({ productId: A.productId }).get();
  expect(all.data).toHaveLength(2);
});

test('views are recorded only for products that exist: made-up ids leave nothing behind', async () => {
  const buyer = shop.buyer('rec-prankster');
  for (const productId of ['no-such-product-1', 'no-such-product-2', 'constructor']) {
    expect(await buyer.call('history.record', { productId })).toMatchObject({ code: 'PRODUCT_NOT_FOUND' });
    await buyer.ok('catalog.recommend', { productId });
  }
  const stored = await shop.db.collection('product_views').where({ openid: 'rec-prankster' }).get();
  expect(stored.data).toEqual([]);
});

test('without a view of their own, buyers get the shop-wide list; a product without a list too', async () => {
  await forgetLastRefresh();
  await runRefresh();
  const top = await shop.db.collection('recommendations').doc('_top').get();
  const topIds = ids((top.data as unknown as { cards: ProductCard[] }).cards);
  expect(topIds.length).toBeGreaterThan(0);
  const { items } = await shop.buyer('rec-newcomer').ok('catalog.recommend', {});
  expect(ids(items)).toEqual(topIds.slice(0, 10));
});

test('after several buyers order A with B, recommend(A) lists B first; never A itself or an off-sale product', async () => {
  await paidOrder('rec-b1', [A, B]);
  await paidOrder('rec-b2', [A, B]);
  await paidOrder('rec-b3', [A, B, X]);
  await paidOrder('rec-b4', [A, C]);
  await shop.db
    .collection('products')
    .doc(X.productId)
    .update({ data: { onSale: false } });

  await forgetLastRefresh();
  expect(await runRefresh()).toMatchObject({ skipped: false, orders: 4 });

  const { items } = await shop.buyer('rec-shopper').ok('catalog.recommend', { productId: A.productId });
  expect(items[0]._id).toBe(B.productId);
  expect(ids(items)).toContain(C.productId);
  expect(ids(items)).not.toContain(A.productId);
  expect(ids(items)).not.toContain(X.productId);
  expect(items.length).toBeLessThanOrEqual(10);
  expect(items[0]).toMatchObject({ title: expect.any(String), minPrice: expect.any(Number) });

  const fromB = await shop.buyer('rec-shopper').ok('catalog.recommend', { productId: B.productId });
  expect(fromB.items[0]._id).toBe(A.productId);
  expect(ids(fromB.items)).not.toContain(X.productId);
});

test('a product nobody bought with anything lists products of its own department first, then the best sellers, never itself', async () => {
  const seed = readSeed();
  // The seed's departments are small (its own category's other product is X, now off sale).
  const departmentOf = (id: string) => seed.products.find((p) => p._id === id)?.categoryPath[0];
  const { items } = await shop
    .buyer('rec-shopper')
    .ok('catalog.recommend', { productId: NEVER_BOUGHT.productId });
  // Content similarity: the worker gave it a list from its category's pool.
  expect(departmentOf(items[0]._id)).toBe(departmentOf(NEVER_BOUGHT.productId));
  expect(ids(items)).not.toContain(NEVER_BOUGHT.productId);
  expect(ids(items)).not.toContain(X.productId);
  expect(items).toHaveLength(10);
});

test('a product put on sale after the last run gets products like it at once, in at most 4 database requests', async () => {
  const seed = readSeed();
  const model = seed.products.find((p) => p._id === NEVER_BOUGHT.productId);
  if (!model) throw new Error('seed product missing');
  const { _id: _ignored, ...fields } = model;
  const fresh = { ...fields, _id: 'rec-fresh-product', sales: 0, createdAt: shop.now() };
  await shop.db.collection('products').add({ data: fresh });
  expect(await shop.db.collection('recommendations').where({ _id: fresh._id }).count()).toMatchObject({
    total: 0,
  });

  await shop.stats(true);
  const { items } = await shop.buyer('rec-fresh').ok('catalog.recommend', { productId: fresh._id });
  // The product it was copied from is the most alike of all.
  expect(items[0]._id).toBe(NEVER_BOUGHT.productId);
  expect(ids(items)).not.toContain(fresh._id);
  const { calls } = (await shop.stats()) as unknown as {
    calls: Record<string, { invocations: number; maxDbRequests: number }>;
  };
  expect(calls['shop.catalog.recommend'].maxDbRequests).toBeLessThanOrEqual(4);
});

test('the cart page’s list follows the buyer’s last viewed product', async () => {
  const buyer = shop.buyer('rec-cart-buyer');
  await buyer.ok('history.record', { productId: B.productId });
  const { items } = await buyer.ok('catalog.recommend', {});
  expect(items[0]._id).toBe(A.productId);
  expect(ids(items)).not.toContain(B.productId);
});

test('the worker recomputes at most every 10 minutes', async () => {
  expect(await runRefresh()).toEqual({ skipped: true });
});

async function maxRecommendCost(
  calls: () => Promise<void>,
): Promise<{ invocations: number; maxDbRequests: number }> {
  await shop.stats(true);
  await calls();
  const stats = (await shop.stats()) as unknown as {
    calls: Record<string, { invocations: number; maxDbRequests: number }>;
  };
  const { invocations, maxDbRequests } = stats.calls['shop.catalog.recommend'];
  return { invocations, maxDbRequests };
}

test("'catalog.recommend' costs 2 database requests with a product that has its list, 3 without a product", async () => {
  // Its list and the shop-wide one in one read, then the candidates' live sale state.
  expect(
    await maxRecommendCost(async () => {
      await shop.buyer('rec-cost').ok('catalog.recommend', { productId: A.productId });
      await shop.buyer('').ok('catalog.recommend', { productId: A.productId });
    }),
  ).toEqual({ invocations: 2, maxDbRequests: 2 });
  // The buyer's last viewed product first (none here), then the same two reads.
  expect(
    await maxRecommendCost(async () => {
      await shop.buyer('rec-cost').ok('catalog.recommend', {});
    }),
  ).toEqual({ invocations: 1, maxDbRequests: 3 });
});

test('without a worker run, a card whose last unit sold reads 已售罄 and a product taken off sale leaves the list', async () => {
  const seed = readSeed();
  const before = await shop.buyer('rec-live').ok('catalog.recommend', { productId: A.productId });
  const [first, second] = before.items;
  expect(first.soldOut).toBeUndefined();
  expect(second.soldOut).toBeUndefined();

  // The first card's product keeps one piece of one SKU; a buyer orders it (the shop keeps its flag).
  const skus = seed.skus.filter((sku) => sku.productId === first._id);
  for (const sku of skus)
    await shop.db
      .collection('skus')
      .doc(sku._id)
      .update({ data: { stock: sku._id === skus[0]._id ? 1 : 0, onSale: sku._id === skus[0]._id } });
  await placeOrder(shop, 'rec-last-unit', { productId: first._id, skuId: skus[0]._id }, 'rec-last-unit-0001');
  // The second card's product is taken off sale.
  await shop.db
    .collection('products')
    .doc(second._id)
    .update({ data: { onSale: false } });

  const after = await shop.buyer('rec-live').ok('catalog.recommend', { productId: A.productId });
  expect(after.items.find((card) => card._id === first._id)?.soldOut).toBe(true);
  expect(ids(after.items)).not.toContain(second._id);
  // The others keep their order (a further candidate may fill the place); the stored copies were not touched.
  expect(ids(after.items).slice(0, before.items.length - 1)).toEqual(
    ids(before.items).filter((id) => id !== second._id),
  );
  const stored = await shop.db.collection('recommendations').doc(A.productId).get();
  const copies = (stored.data as unknown as { cards: ProductCard[] }).cards;
  expect(copies.find((card) => card._id === first._id)?.soldOut).toBeUndefined();
  expect(ids(copies)).toContain(second._id);
});
