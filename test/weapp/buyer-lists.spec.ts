/**
 * 我的 with its order badges and 收藏 count, 我的收藏 (已售罄 / 已下架 marked, 取消收藏), 浏览记录 (清空), and the
 * order cards' deadlines: 剩余 mm:ss from the time left the server counted, closed when it runs out, and a
 * shipped order's auto-receipt date; all against the real functions on the local cloud.
 */
import { propertyOf, settle, textOf, waitFor, type RenderedPage, tap, text } from './harness';
import { callsOf } from './orders-on-cloud';
import { shopWithBuyerPerTest } from './shop-per-file';

const { cloud, harness, buyer, shop } = shopWithBuyerPerTest('weapp-lists-buyer');

async function titlesOf(productIds: string[]): Promise<string[]> {
  const titles = [];
  for (const productId of productIds)
    titles.push((await cloud.ok(buyer(), 'catalog.product', { productId })).product.title);
  return titles;
}

/** The titles of the rows as drawn, top to bottom. */
async function rowTitles(page: RenderedPage): Promise<string[]> {
  return page.querySelectorAll('.kept-row__title').map((title) => textOf(title));
}

test('我的 sends one call on show and draws from it the nickname, the avatar, a badge on each order shortcut with orders in it, and the number of favorites', async () => {
  await shop.inState('TO_PAY');
  await shop.inState('TO_PAY');
  await shop.inState('SHIPPED');
  await cloud.ok(buyer(), 'favorite.add', { productId: 'p002' });
  const { fileID } = await cloud.upload(
    'avatars/lists-buyer.png',
    Buffer.from('89504e470d0a1a0a0000000d49484452', 'hex'),
    buyer(),
  );
  await cloud.ok(buyer(), 'profile.update', { nickname: '收藏达人', avatar: fileID! });

  const page = await harness.renderPage('pages/me/index');
  await harness.idle();
  // The only call to the shop function; the staff check (admin) is cached between shows.
  expect(harness.cloudCalls.filter((call) => call.name === 'shop').map((call) => call.data.action)).toEqual([
    'me.overview',
  ]);
  expect(text(page, '#me-nickname')).toBe('收藏达人');
  expect(textOf(page)).not.toContain('微信用户');
  expect(propertyOf(page, 'me-avatar', 'src')).toBe(fileID);
  expect(text(page, '#me-badge-toPay')).toBe('2');
  expect(text(page, '#me-badge-toReceive')).toBe('1');
  expect(page.querySelector('#me-badge-toShip')).toBeFalsy();
  expect(page.querySelector('#me-badge-toReview')).toBeFalsy();
  expect(text(page, '#me-orders-DONE')).toContain('待评价');
  expect(text(page, '#me-favorites-count')).toBe('1');

  // Shown again, with the staff answer still fresh: one call in all, and nothing else.
  harness.clearRecords();
  await harness.renderPage('pages/me/index');
  await harness.idle();
  expect(harness.cloudCalls.map((call) => `${call.name}:${String(call.data.action)}`)).toEqual([
    'shop:me.overview',
  ]);

  await tap(page, '#me-favorites');
  await tap(page, '#me-history');
  expect(harness.navigations).toEqual(['/package-user/favorites/index', '/package-user/history/index']);
});

test('我的收藏 lists kept products newest first, marks 已售罄, and 取消收藏 takes one off', async () => {
  // p042 is sold out in the sample shop.
  for (const productId of ['p001', 'p042', 'p002']) await cloud.ok(buyer(), 'favorite.add', { productId });
  const page = await harness.renderPage('package-user/favorites/index');
  expect(await rowTitles(page)).toEqual(await titlesOf(['p002', 'p042', 'p001']));
  expect(text(page, '#kept-status-p042')).toBe('已售罄');
  expect(page.querySelector('#kept-status-p001')).toBeFalsy();

  await tap(page, '#unfavorite-p042');
  expect(page.querySelector('#kept-p042')).toBeFalsy();
  expect(harness.toasts).toContain('已取消收藏');
  const { items } = await cloud.ok(buyer(), 'favorite.list', {});
  expect(items.map((item) => item.product._id)).toEqual(['p002', 'p001']);

  // A row opens its product.
  await tap(page, '#kept-p001 .kept-row__main');
  expect(harness.navigations).toContain('/package-goods/detail/index?id=p001');
});

test('我的收藏 with nothing kept says so', async () => {
  const page = await harness.renderPage('package-user/favorites/index');
  expect(textOf(page)).toContain('还没有收藏的商品');
});

test('浏览记录 lists the opened products, the latest first, and 清空 empties it', async () => {
  for (const productId of ['p001', 'p002', 'p001']) {
    await cloud.ok(buyer(), 'history.record', { productId });
    await cloud.advanceClock(1000);
  }
  const page = await harness.renderPage('package-user/history/index');
  expect(await rowTitles(page)).toEqual(await titlesOf(['p001', 'p002']));
  expect(textOf(page)).toContain('今天');

  await tap(page, '#history-clear');
  expect(harness.cloudCalls.map((call) => call.data.action)).toContain('history.clear');
  expect(textOf(page)).toContain('暂无浏览记录');
  expect(await cloud.ok(buyer(), 'history.list', {})).toEqual({ items: [] });
});

test('an unpaid card counts down from the server’s time left, not the phone’s clock, and is closed when it runs out', async () => {
  const order = await shop.inState('TO_PAY');
  const stockOf = async () =>
    (await cloud.ok(buyer(), 'catalog.product', { productId: order.items[0].productId })).skus.find(
      (sku) => sku._id === order.items[0].skuId,
    )!.stock;
  const held = await stockOf();
  // Half a minute left on the server's clock (which keeps running); the phone's clock is a day behind and held
  // still by the test: by its own idea a whole day is left.
  await cloud.advanceClock(order.expiresAt - (await cloud.now()) - 30_000);
  let pageNow = order.expiresAt - 24 * 3600 * 1000;
  const clock = jest.spyOn(Date, 'now').mockImplementation(() => pageNow);
  try {
    const page = await harness.renderPage('package-order/list/index', { tab: 'TO_PAY' });
    expect(text(page, `#order-countdown-${order._id}`)).toMatch(/^剩余 00:[0-3]\d 自动关闭$/);
    expect(page.querySelector(`#order-pay-${order._id}`)).toBeTruthy();
    expect(callsOf(harness.cloudCalls, 'order.closeExpired')).toEqual([]);

    // Meanwhile the deadline passes on the server; the worker does not run.
    await cloud.advanceClock(60_000);
    pageNow += 30_000;
    await waitFor(
      () => callsOf(harness.cloudCalls, 'order.closeExpired').length > 0,
      'the card to ask for its close',
    );
    await settle();
    // Closed by that one call, it leaves 待付款, and its stock is back.
    expect(page.querySelector(`#order-card-${order._id}`)).toBeFalsy();
    expect(callsOf(harness.cloudCalls, 'order.closeExpired')).toEqual([
      { action: 'order.closeExpired', orderId: order._id },
    ]);
    expect((await cloud.ok(buyer(), 'order.detail', { orderId: order._id })).state).toBe('CLOSED');
    expect(await stockOf()).toBe(held + order.items[0].quantity);
  } finally {
    clock.mockRestore();
  }
});

test('under 全部, an unpaid order read after its deadline is closed at once: 已关闭 and no 去支付, one call', async () => {
  const order = await shop.inState('TO_PAY');
  const paid = await shop.inState('PAID');
  // Past the deadline on the server, and the worker has not run yet.
  await cloud.advanceClock(order.expiresAt - (await cloud.now()) + 5_000);
  const page = await harness.renderPage('package-order/list/index', { tab: 'ALL' });
  await waitFor(
    () => textOf(page.querySelector(`#order-card-${order._id}`)!).includes('已关闭'),
    'the card to read 已关闭',
  );
  expect(page.querySelector(`#order-pay-${order._id}`)).toBeFalsy();
  expect(page.querySelector(`#order-countdown-${order._id}`)).toBeFalsy();
  expect(textOf(page.querySelector(`#order-card-${paid._id}`)!)).toContain('待发货');
  // One call for the one card whose time ran out, none for the others.
  expect(callsOf(harness.cloudCalls, 'order.closeExpired')).toEqual([
    { action: 'order.closeExpired', orderId: order._id },
  ]);
});

test('a shipped order shows when it will be received by itself, on its card and its detail', async () => {
  const order = await shop.inState('SHIPPED');
  expect(order.autoReceiveAt).toBe(order.shippedAt! + 10 * 24 * 3600 * 1000);
  const date = new Date(order.autoReceiveAt!);
  const expected = `${date.getMonth() + 1}月${date.getDate()}日`;
  const list = await harness.renderPage('package-order/list/index', { tab: 'TO_RECEIVE' });
  expect(text(list, `#order-auto-receive-${order._id}`)).toContain(`${expected} `);
  expect(text(list, `#order-auto-receive-${order._id}`)).toContain('自动确认收货');
  const detail = await harness.renderPage('package-order/detail/index', { id: order._id });
  expect(text(detail, '#order-auto-receive')).toContain(`${expected} `);
});
