/**
 * 我的订单: the status tabs, cards with state, 实付 and the allowed buttons (去支付, 确认收货, 申请售后 among
 * them), a tab switch, paging and empty tabs; and 售后, the refunds with their reason, state and amount.
 */
import { formatPrice, ORDER_TABS } from '../../types';
import { settle, textOf, tap } from './harness';
import { callsOf } from './orders-on-cloud';
import { shopWithBuyerPerTest } from './shop-per-file';

// Each test is a buyer of its own, with no orders yet.
const { cloud, harness, buyer, shop } = shopWithBuyerPerTest('weapp-orders-list-buyer');

test('shows the tabs and every order with its state, 实付 and the buttons its state allows', async () => {
  const paid = await shop.inState('PAID');
  const toPay = await shop.inState('TO_PAY');
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
  await shop.inState('TO_PAY');
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
  // A buyer may hold 10 unpaid orders at most: most of the 13 are paid.
  for (let i = 0; i < 13; i += 1) await shop.inState(i < 10 ? 'PAID' : 'TO_PAY');
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

test('取消订单 on a card asks why, cancels on the server and shows the card as 已取消', async () => {
  harness.setActionSheetChoice('商品选错了');
  const order = await shop.inState('TO_PAY');
  const page = await harness.renderPage('package-order/list/index');
  await tap(page, `#order-cancel-${order._id}`);
  expect(harness.actionSheets).toEqual([['不想要了', '地址填错了', '商品选错了', '重复下单', '其他']]);
  expect(callsOf(harness.cloudCalls, 'order.cancel')).toEqual([
    { action: 'order.cancel', orderId: order._id, reason: '商品选错了' },
  ]);
  expect(textOf(page.querySelector(`#order-card-${order._id}`)!)).toContain('已取消');
  // The button does not also open the order.
  expect(harness.navigations).toEqual([]);
});

test("去支付 on a card pays through WeChat's sheet and the card shows 待发货, without opening the order", async () => {
  const order = await shop.inState('TO_PAY');
  const page = await harness.renderPage('package-order/list/index');
  await tap(page, `#order-pay-${order._id}`);
  expect(callsOf(harness.cloudCalls, 'order.pay')).toEqual([{ action: 'order.pay', orderId: order._id }]);
  expect(harness.payments).toHaveLength(1);
  const card = textOf(page.querySelector(`#order-card-${order._id}`)!);
  expect(card).toContain('待发货');
  expect(card).toContain('申请售后');
  expect(harness.toasts).toContain('支付成功');
  expect(harness.navigations).toEqual([]);
});

test('确认收货 on a card confirms, calls order.receive and the card shows 已收货', async () => {
  const order = await shop.inState('SHIPPED');
  const page = await harness.renderPage('package-order/list/index');
  await tap(page, `#order-receive-${order._id}`);
  expect(callsOf(harness.cloudCalls, 'order.receive')).toEqual([
    { action: 'order.receive', orderId: order._id },
  ]);
  expect(textOf(page.querySelector(`#order-card-${order._id}`)!)).toContain('已收货');
});

test('申请售后 on a card: the sheet sends order.requestRefund with the chosen reason; the card shows 退款中', async () => {
  const order = await shop.inState('PAID');
  const page = await harness.renderPage('package-order/list/index');
  await tap(page, `#order-request-refund-${order._id}`);
  expect(harness.navigations).toEqual([]);
  await tap(page, '#refund-reason-0');
  await tap(page, '#refund-submit');
  expect(callsOf(harness.cloudCalls, 'order.requestRefund')).toEqual([
    { action: 'order.requestRefund', orderId: order._id, reason: '不想要了' },
  ]);
  expect(page.querySelector('#refund-sheet')).toBeFalsy();
  expect(textOf(page.querySelector(`#order-card-${order._id}`)!)).toContain('退款中');
});

test('closing the refund sheet sends nothing', async () => {
  const order = await shop.inState('SHIPPED');
  const page = await harness.renderPage('package-order/list/index');
  await tap(page, `#order-request-refund-${order._id}`);
  await tap(page, '#refund-reason-0');
  await tap(page, '#refund-sheet .bottom-sheet__mask');
  expect(page.querySelector('#refund-sheet')).toBeFalsy();
  expect(callsOf(harness.cloudCalls, 'order.requestRefund')).toHaveLength(0);
  expect(textOf(page.querySelector(`#order-card-${order._id}`)!)).toContain('待收货');
});

test("售后 lists the orders in refund with each refund's reason, state and amount", async () => {
  await shop.inState('PAID'); // not in after-sales
  const refunded = await shop.inState('REFUNDED', { refundReason: '不想要了', refundAfterShipping: true });
  const refunding = await shop.inState('REFUNDING', { refundReason: '拍错了/多拍了' });
  const page = await harness.renderPage('package-user/after-sales/index');
  expect(callsOf(harness.cloudCalls, 'order.list')).toEqual([
    { action: 'order.list', tab: 'AFTER_SALE', page: 1 },
  ]);
  expect(page.querySelectorAll('.order-card')).toHaveLength(2);
  const open = textOf(page.querySelector(`#refund-summary-${refunding._id}`)!);
  expect(open).toContain('退款状态退款中');
  expect(open).toContain('退款原因拍错了/多拍了');
  expect(open).toContain(`退款金额${formatPrice(refunding.amounts.payable)}`);
  expect(open).toContain('申请时间');
  const done = textOf(page.querySelector(`#refund-summary-${refunded._id}`)!);
  expect(done).toContain('退款状态已退款');
  expect(done).toContain('退款原因不想要了');
  expect(done).toContain('退款时间');
});

test('a failed load says why and 重试 loads again', async () => {
  // The function fails as a whole (as when it crashes): what wx.cloud answers then.
  harness.setCloudResponder(() => ({ ok: false, code: 'INTERNAL', message: 'down' }));
  const page = await harness.renderPage('package-order/list/index');
  expect(textOf(page)).toContain('服务开小差了，请稍后重试');
  harness.useCloud(cloud, buyer());
  await tap(page, '.empty-state__action');
  expect(textOf(page)).toContain('还没有订单');
});
