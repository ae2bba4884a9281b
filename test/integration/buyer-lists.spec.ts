/**
 * 收藏, 浏览记录, the 我的 badges and the cancel reason on the local cloud: one favorite per buyer and product
 * however many adds arrive at once, never more than the limit, kept products shown with their state now
 * (已售罄, 已下架); the history read from the recorded views, one entry per product, cleared in one write;
 * counts from count queries; a reason from the list stored by the cancelling write, anything else refused.
 */
import { FAVORITES_LIMIT, type KeptProduct, type Order } from '../../types';
import { favoriteId } from '../../cloudfunctions/common/repositories/favorite-repository';
import { productViewId } from '../../cloudfunctions/common/repositories/product-view-repository';
import { buyableProduct, placeOrder, readSeed, startShopCloud, type ShopCloud } from './shop-cloud';

let shop: ShopCloud;

beforeAll(async () => {
  shop = await startShopCloud();
});
afterAll(() => shop.close());

const DAY = 24 * 3600 * 1000;
const ids = (items: KeptProduct[]) => items.map((item) => item.product._id);

async function favoritesOf(openid: string) {
  const { total } = (await shop.db.collection('favorites').where({ openid }).count()) as { total: number };
  return total;
}

test('20 adds of one product at once keep one favorite; the detail says so; removing it twice is harmless', async () => {
  const buyer = shop.buyer('fav-twenty');
  const answers = await Promise.all(
    Array.from({ length: 20 }, () => buyer.call('favorite.add', { productId: 'p001' })),
  );
  expect(answers.every((answer) => answer.ok)).toBe(true);
  expect(await favoritesOf('fav-twenty')).toBe(1);
  // The detail page learns it when it records the opening.
  expect(await buyer.ok('history.record', { productId: 'p001' })).toEqual({
    productId: 'p001',
    favorited: true,
  });
  expect(await buyer.ok('history.record', { productId: 'p002' })).toEqual({
    productId: 'p002',
    favorited: false,
  });

  expect(await buyer.ok('favorite.remove', { productId: 'p001' })).toEqual({
    productId: 'p001',
    favorited: false,
  });
  expect(await buyer.ok('favorite.remove', { productId: 'p001' })).toEqual({
    productId: 'p001',
    favorited: false,
  });
  expect(await favoritesOf('fav-twenty')).toBe(0);
});

test('unknown, malformed or off-sale products are refused with nothing stored; one buyer cannot remove another’s', async () => {
  const buyer = shop.buyer('fav-refused');
  expect(await buyer.call('favorite.add', { productId: 'nope-404' })).toMatchObject({
    ok: false,
    code: 'PRODUCT_NOT_FOUND',
  });
  expect(await buyer.call('favorite.add', { productId: 'bad id!' })).toMatchObject({
    ok: false,
    code: 'PRODUCT_NOT_FOUND',
  });
  expect(await buyer.call('favorite.add', { productId: 'p009' })).toMatchObject({
    ok: false,
    code: 'PRODUCT_OFF_SALE',
  });
  expect(await buyer.raw({ action: 'favorite.list', page: 0 })).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
  });
  expect(await favoritesOf('fav-refused')).toBe(0);

  await shop.buyer('fav-owner').ok('favorite.add', { productId: 'p003' });
  await buyer.ok('favorite.remove', { productId: 'p003' });
  expect(await favoritesOf('fav-owner')).toBe(1);
});

test('the list is newest first, paged by 20, each product with its state now (已售罄, 已下架)', async () => {
  const buyer = shop.buyer('fav-lister');
  // p042 is sold out in the sample shop; p050 is taken off sale after it was kept.
  const kept = ['p002', 'p042', 'p050'];
  for (const productId of kept) await buyer.ok('favorite.add', { productId });
  await shop.db
    .collection('products')
    .where({ _id: 'p050' })
    .update({ data: { onSale: false } });
  try {
    const { items, hasMore } = await buyer.ok('favorite.list', {});
    expect(hasMore).toBe(false);
    expect(ids(items)).toEqual(['p050', 'p042', 'p002']);
    expect(items.map((item) => item.status)).toEqual(['OFF_SALE', 'SOLD_OUT', 'ON_SALE']);
    expect(items[1].product.soldOut).toBe(true);
  } finally {
    await shop.db
      .collection('products')
      .where({ _id: 'p050' })
      .update({ data: { onSale: true } });
  }

  // 22 favorites: a first page of 20 and a second of 2, none twice.
  const more = ['p004', 'p005', 'p006', 'p007', 'p008', 'p010', 'p011', 'p012', 'p013', 'p014'];
  const evenMore = ['p015', 'p016', 'p017', 'p018', 'p019', 'p020', 'p021', 'p022', 'p023'];
  for (const productId of [...more, ...evenMore]) await buyer.ok('favorite.add', { productId });
  const first = await buyer.ok('favorite.list', { page: 1 });
  const second = await buyer.ok('favorite.list', { page: 2 });
  expect(first).toMatchObject({ page: 1, hasMore: true });
  expect(first.items).toHaveLength(20);
  expect(second).toMatchObject({ page: 2, hasMore: false });
  expect(new Set([...ids(first.items), ...ids(second.items)]).size).toBe(22);
  expect(ids(first.items)[0]).toBe('p023');
});

test(`a buyer keeps at most ${FAVORITES_LIMIT}: 20 adds of new products at once at the edge never pass it`, async () => {
  const openid = 'fav-full';
  const filler = Array.from({ length: FAVORITES_LIMIT - 1 }, (_, i) => {
    const productId = `gone-${String(i).padStart(3, '0')}`;
    return { _id: favoriteId(openid, productId), openid, productId, createdAt: shop.now() - DAY };
  });
  await Promise.all(filler.map((doc) => shop.db.collection('favorites').add({ data: doc })));
  const buyer = shop.buyer(openid);
  const onSale = readSeed()
    .products.filter((product) => product.onSale && product._id >= 'p024')
    .map((product) => product._id);
  const products = onSale.slice(0, 20);
  const [spare, oneMore] = onSale.slice(20);
  const answers = await Promise.all(products.map((productId) => buyer.call('favorite.add', { productId })));
  for (const answer of answers) {
    if (!answer.ok) expect(answer.code).toBe('FAVORITES_FULL');
  }
  const added = answers.filter((answer) => answer.ok).length;
  expect(await favoritesOf(openid)).toBe(FAVORITES_LIMIT - 1 + added);
  expect(added).toBeLessThanOrEqual(1);

  // Full: one more is refused and leaves nothing behind.
  if (added === 0) await buyer.ok('favorite.add', { productId: spare });
  expect(await buyer.call('favorite.add', { productId: oneMore })).toMatchObject({
    ok: false,
    code: 'FAVORITES_FULL',
  });
  expect(await favoritesOf(openid)).toBe(FAVORITES_LIMIT);
});

test('浏览记录: opened products newest first, one entry per product whatever the days, cleared in one write', async () => {
  const buyer = shop.buyer('history-viewer');
  // A view from three days ago of a product opened again today, and of one not opened since.
  const earlier = shop.now() - 3 * DAY;
  for (const productId of ['p003', 'p006']) {
    const day = new Date(earlier + 8 * 3600 * 1000).toISOString().slice(0, 10);
    await shop.db.collection('product_views').add({
      data: {
        _id: productViewId('history-viewer', productId, day),
        openid: 'history-viewer',
        productId,
        day,
        at: earlier,
      },
    });
  }
  for (const productId of ['p001', 'p003', 'p002']) {
    await buyer.ok('history.record', { productId });
    await shop.advanceClock(1000);
  }
  expect(await buyer.call('history.record', { productId: 'no-such-product' })).toMatchObject({
    ok: false,
    code: 'PRODUCT_NOT_FOUND',
  });
  const { items } = await buyer.ok('history.list', {});
  expect(ids(items)).toEqual(['p002', 'p003', 'p001', 'p006']);
  expect(items[0].at).toBeGreaterThan(items[1].at);

  await shop.stats(true);
  await buyer.ok('history.record', { productId: 'p002' });
  await buyer.ok('history.list', {});
  await buyer.ok('history.clear', {});
  const { calls } = (await shop.stats()) as unknown as {
    calls: Record<string, { maxDbRequests: number }>;
  };
  expect(calls['shop.history.list'].maxDbRequests).toBeLessThanOrEqual(4);
  expect(calls['shop.history.clear'].maxDbRequests).toBe(1);
  expect(calls['shop.history.record'].maxDbRequests).toBe(3);

  expect(await buyer.ok('history.list', {})).toEqual({ items: [] });
  // The views stay for recommendations; only what the buyer opens afterwards is listed.
  const { total } = (await shop.db
    .collection('product_views')
    .where({ openid: 'history-viewer' })
    .count()) as {
    total: number;
  };
  expect(total).toBe(5);
  await shop.advanceClock(1000);
  await buyer.ok('history.record', { productId: 'p001' });
  expect(ids((await buyer.ok('history.list', {})).items)).toEqual(['p001']);
  // Another buyer's history is their own.
  expect(await shop.buyer('history-stranger').ok('history.list', {})).toEqual({ items: [] });
});

test('我的: the profile, the order badges (售后: orders in refund and open after-sales requests) and the favorites count, in one request of count queries and a profile read', async () => {
  const openid = 'overview-buyer';
  const { product, skus } = buyableProduct(1, 40);
  const item = { productId: product._id, skuId: skus[0]._id };
  const orders: Order[] = [];
  for (let i = 0; i < 6; i++) orders.push((await placeOrder(shop, openid, item, `overview-${i}`)).order);
  const buyer = shop.buyer(openid);
  await buyer.ok('favorite.add', { productId: product._id });
  const put = (index: number, data: object) =>
    shop.db.collection('orders').where({ _id: orders[index]._id }).update({ data });
  await put(1, { state: 'PAID' });
  await put(2, { state: 'SHIPPED', shippedAt: shop.now() });
  await put(3, { state: 'RECEIVED' });
  await put(4, { state: 'RECEIVED', reviewedAt: shop.now() });
  await put(5, { state: 'REFUNDING' });
  // After-sales requests after receipt: every open state counts under 售后, a finished one does not.
  const states = ['REQUESTED', 'APPROVED', 'RETURNED', 'REFUNDING', 'REFUNDED', 'REJECTED', 'WITHDRAWN'];
  for (const [index, state] of states.entries()) {
    await shop.db.collection('after_sales').add({
      data: { _id: `overview-as-${index}`, openid, orderId: orders[3]._id, state, createdAt: shop.now() },
    });
  }
  await shop.db.collection('after_sales').add({
    data: {
      _id: 'overview-as-other',
      openid: 'overview-other',
      orderId: 'x',
      state: 'REQUESTED',
      createdAt: 1,
    },
  });

  await buyer.ok('profile.update', { nickname: '概览买家' });

  await shop.stats(true);
  expect(await buyer.ok('me.overview', {})).toEqual({
    profile: { nickname: '概览买家' },
    orders: { toPay: 1, toShip: 1, toReceive: 1, toReview: 1, afterSale: 1 + 4 },
    favorites: 1,
  });
  const { calls } = (await shop.stats()) as unknown as { calls: Record<string, { maxDbRequests: number }> };
  // Seven count queries (five order states, the open after-sales requests, the favorites) and the profile by _id.
  expect(calls['shop.me.overview'].maxDbRequests).toBe(8);
  expect(await shop.buyer('overview-nobody').ok('me.overview', {})).toEqual({
    profile: { nickname: '' },
    orders: { toPay: 0, toShip: 0, toReceive: 0, toReview: 0, afterSale: 0 },
    favorites: 0,
  });

  // Reviewing the last item of a received order takes it off 待评价.
  await buyer.ok('review.create', {
    orderId: orders[3]._id,
    skuId: item.skuId,
    rating: 5,
    content: '很好很满意',
  });
  expect((await buyer.ok('me.overview', {})).orders.toReview).toBe(0);
});

test('a shipped order carries the server’s auto-receipt moment, in the list and the detail', async () => {
  const { product, skus } = buyableProduct(1, 40);
  const { buyer, order } = await placeOrder(
    shop,
    'receipt-buyer',
    { productId: product._id, skuId: skus[0]._id },
    'receipt-1',
  );
  expect(order.autoReceiveAt).toBeUndefined();
  const shippedAt = shop.now();
  await shop.db
    .collection('orders')
    .where({ _id: order._id })
    .update({ data: { state: 'SHIPPED', shippedAt } });
  expect((await buyer.ok('order.detail', { orderId: order._id })).autoReceiveAt).toBe(shippedAt + 10 * DAY);
  const { items } = await buyer.ok('order.list', { tab: 'TO_RECEIVE' });
  expect(items[0]).toMatchObject({ _id: order._id, autoReceiveAt: shippedAt + 10 * DAY });
});

test('a cancel reason from the list is stored by the cancelling write; anything else is refused unchanged', async () => {
  const { product, skus } = buyableProduct(1, 40);
  const { buyer, order } = await placeOrder(
    shop,
    'cancel-buyer',
    { productId: product._id, skuId: skus[0]._id },
    'cancel-1',
  );
  const refused = await buyer.raw({ action: 'order.cancel', orderId: order._id, reason: '就是不想要' });
  expect(refused).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  expect((await buyer.ok('order.detail', { orderId: order._id })).state).toBe('TO_PAY');

  const reasons = ['不想要了', '地址填错了', '商品选错了', '重复下单', '其他'] as const;
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      buyer.call('order.cancel', { orderId: order._id, reason: reasons[i % reasons.length] }),
    ),
  );
  const won = answers.filter((answer) => answer.ok);
  expect(won).toHaveLength(1);
  for (const answer of answers) if (!answer.ok) expect(answer.code).toBe('ORDER_STATE_CONFLICT');
  const cancelled = await buyer.ok('order.detail', { orderId: order._id });
  expect(cancelled.state).toBe('CANCELLED');
  expect(cancelled.cancelReason).toBe(won[0].ok ? won[0].data.cancelReason : undefined);
  expect(cancelled.timeline.at(-1)?.note).toBe(`买家取消订单：${cancelled.cancelReason}`);
});
