/** 订单详情: the state with a live countdown while unpaid, address, items and amounts, 取消订单 and 去支付. */
import { formatPrice } from '../../types';
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
  harness.toasts.length = 0;
});

async function tap(page: RenderedPage, selector: string): Promise<void> {
  const node = page.querySelector(selector);
  if (!node) throw new Error(`nothing matches ${selector}`);
  node.dispatchEvent('tap');
  await settle();
}

const text = (page: RenderedPage, selector: string) => textOf(page.querySelector(selector)!);

function secondsOf(countdown: string): number {
  const match = /剩余 (\d{2}):(\d{2}) 自动关闭/.exec(countdown);
  if (!match) throw new Error(`no countdown in ${countdown}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

test('an unpaid order shows 待付款 and a countdown to its expiry that ticks', async () => {
  const order = shop.makeOrder('TO_PAY', { expiresAt: Date.now() + 10 * 60 * 1000 + 500 });
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  expect(callsOf(harness.cloudCalls, 'order.detail')).toEqual([
    { action: 'order.detail', orderId: order._id },
  ]);
  expect(text(page, '#order-state')).toBe('待付款');
  const first = secondsOf(text(page, '#order-countdown'));
  expect(first).toBeGreaterThanOrEqual(9 * 60 + 58);
  expect(first).toBeLessThanOrEqual(10 * 60);
  await settle(120); // > 1 s
  expect(secondsOf(text(page, '#order-countdown'))).toBeLessThan(first);

  expect(text(page, '#address-card')).toContain('王小明');
  expect(text(page, '#order-items')).toContain(shop.catalog.product('p001').title);
  expect(text(page, '#order-amounts')).toContain(formatPrice(order.amounts.itemsTotal));
  expect(text(page, '#order-payable')).toBe(formatPrice(order.amounts.payable));
  expect(text(page, '#order-info')).toContain(order.orderNo);
  expect(text(page, '#order-timeline')).toContain('提交订单');
});

test('取消订单 asks, calls order.cancel and shows the order as cancelled, without a countdown', async () => {
  const order = shop.makeOrder('TO_PAY');
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  await tap(page, `#order-cancel-${order._id}`);
  expect(callsOf(harness.cloudCalls, 'order.cancel')).toEqual([
    { action: 'order.cancel', orderId: order._id },
  ]);
  expect(text(page, '#order-state')).toBe('已取消');
  expect(page.querySelector('#order-countdown')).toBeFalsy();
  expect(text(page, '#order-timeline')).toContain('订单已取消');
  expect(harness.toasts).toContain('订单已取消');
});

test('去支付 goes through payOrder, which for now says payment is coming', async () => {
  const order = shop.makeOrder('TO_PAY');
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  await tap(page, `#order-pay-${order._id}`);
  expect(harness.toasts).toContain('支付功能即将开放');
  expect(callsOf(harness.cloudCalls, 'order.cancel')).toHaveLength(0);
});

test('a shipped order shows its logistics, the discount, and no countdown', async () => {
  const order = shop.makeOrder('SHIPPED', {
    logistics: {
      company: '顺丰速运',
      trackingNo: 'SF1234567890',
      traces: [
        { at: Date.now() - 3600_000, text: '快件已揽收' },
        { at: Date.now() - 600_000, text: '快件已到达杭州转运中心' },
      ],
    },
  });
  order.amounts = { ...order.amounts, discount: 500, payable: order.amounts.payable - 500 };
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  expect(text(page, '#order-state')).toBe('待收货');
  expect(page.querySelector('#order-countdown')).toBeFalsy();
  const logistics = text(page, '#order-logistics');
  expect(logistics).toContain('顺丰速运 SF1234567890');
  expect(logistics.indexOf('杭州转运中心')).toBeLessThan(logistics.indexOf('已揽收'));
  expect(text(page, '#order-amounts')).toContain('-¥5.00');
});

test('an order of someone else (or none) reads 订单不存在', async () => {
  const page = await harness.renderPage('package-order/detail/index', { id: 'order-nope' });
  expect(textOf(page)).toContain('订单不存在');
});
