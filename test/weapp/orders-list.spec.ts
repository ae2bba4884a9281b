/** 我的订单: the status tabs, cards with state, 实付 and the allowed buttons, a tab switch, paging and empty tabs. */
import { formatPrice, ORDER_TABS } from '../../types';
import { createWeappHarness, settle, textOf, type RenderedPage, type WeappHarness } from './harness';
import { callsOf, ShopFixtures } from './orders-fixtures';

let harness: WeappHarness;
let shop: ShopFixtures;

beforeAll(() => {
  harness = createWeappHarness();
});

beforeEach(() => {
  shop = new ShopFixtures();
  harness.setCloudResponder(shop.answer);
  harness.cloudCalls.length = 0;
  harness.navigations.length = 0;
});

async function tap(page: RenderedPage, selector: string): Promise<void> {
  const node = page.querySelector(selector);
  if (!node) throw new Error(`nothing matches ${selector}`);
  node.dispatchEvent('tap');
  await settle();
}

test('shows the tabs and every order with its state, 实付 and the buttons its state allows', async () => {
  const paid = shop.makeOrder('PAID');
  const toPay = shop.makeOrder('TO_PAY');
  const page = await harness.renderPage('package-order/list/index');

  const tabs = ORDER_TABS.map((tab) => textOf(page.querySelector(`#order-tab-${tab.key}`)!));
  expect(tabs).toEqual(['全部', '待付款', '待发货', '待收货', '已完成', '售后']);
  expect(callsOf(harness.cloudCalls, 'order.list')).toEqual([{ action: 'order.list', tab: 'ALL', page: 1 }]);
  const toPayCard = textOf(page.querySelector(`#order-card-${toPay._id}`)!);
  expect(toPayCard).toContain('待付款');
  expect(toPayCard).toContain(`需付款${formatPrice(toPay.amounts.payable)}`);
  expect(toPayCard).toContain('共 2 件');
  expect(page.querySelector(`#order-cancel-${toPay._id}`)).toBeTruthy();
  expect(page.querySelector(`#order-pay-${toPay._id}`)).toBeTruthy();
  const paidCard = textOf(page.querySelector(`#order-card-${paid._id}`)!);
  expect(paidCard).toContain('待发货');
  expect(paidCard).toContain('申请售后');
  expect(page.querySelector(`#order-pay-${paid._id}`)).toBeFalsy();
});

test('opens on the tab of the query, and switching a tab asks order.list for that tab', async () => {
  shop.makeOrder('TO_PAY');
  const page = await harness.renderPage('package-order/list/index', { tab: 'TO_PAY' });
  expect(callsOf(harness.cloudCalls, 'order.list')).toEqual([
    { action: 'order.list', tab: 'TO_PAY', page: 1 },
  ]);
  expect(page.querySelector('#order-tab-TO_PAY')!.dom!.className).toContain('order-tabs__tab--active');

  await tap(page, '#order-tab-TO_SHIP');
  expect(callsOf(harness.cloudCalls, 'order.list').at(-1)).toEqual({
    action: 'order.list',
    tab: 'TO_SHIP',
    page: 1,
  });
  expect(page.querySelector('#order-tab-TO_SHIP')!.dom!.className).toContain('order-tabs__tab--active');
  expect(textOf(page)).toContain('没有待发货的订单');
});

test('scrolling to the bottom loads the next page and appends it', async () => {
  for (let i = 0; i < 13; i += 1) shop.makeOrder('TO_PAY');
  const page = await harness.renderPage('package-order/list/index');
  expect(page.querySelectorAll('.order-card')).toHaveLength(10);
  expect(textOf(page.querySelector('#load-more')!)).toBe('上拉加载更多');

  (page.instance as unknown as { onReachBottom: () => void }).onReachBottom();
  await settle();
  expect(callsOf(harness.cloudCalls, 'order.list').at(-1)).toEqual({
    action: 'order.list',
    tab: 'ALL',
    page: 2,
  });
  expect(page.querySelectorAll('.order-card')).toHaveLength(13);
  expect(textOf(page.querySelector('#load-more')!)).toBe('没有更多了');
});

test('取消订单 on a card confirms, cancels on the server and shows the card as 已取消', async () => {
  const order = shop.makeOrder('TO_PAY');
  const page = await harness.renderPage('package-order/list/index');
  await tap(page, `#order-cancel-${order._id}`);
  expect(callsOf(harness.cloudCalls, 'order.cancel')).toEqual([
    { action: 'order.cancel', orderId: order._id },
  ]);
  expect(textOf(page.querySelector(`#order-card-${order._id}`)!)).toContain('已取消');
  // The button does not also open the order.
  expect(harness.navigations).toEqual([]);
});

test('a failed load says why and 重试 loads again', async () => {
  harness.setCloudResponder(() => ({ ok: false, code: 'INTERNAL', message: 'down' }));
  const page = await harness.renderPage('package-order/list/index');
  expect(textOf(page)).toContain('服务开小差了，请稍后重试');
  harness.setCloudResponder(shop.answer);
  await tap(page, '.empty-state__action');
  expect(textOf(page)).toContain('还没有订单');
});
