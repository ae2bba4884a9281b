/**
 * The merchant's workspace as compiled for WeChat, on the real functions: 我的 shows 商家工作台 to the owner
 * and to nobody else, and an owner ships a buyer's paid order from its page (express company + tracking
 * number), which the `admin` function records and uploads to WeChat as the order's shipping information.
 */
import { formatPrice, type Order } from '../../types';
import { createWeappHarness, tap, textOf, waitFor, type RenderedPage, type WeappHarness } from './harness';
import { MERCHANT as OWNER, startShopOnCloud, type ShopOnCloud } from './shop-on-cloud';

let harness: WeappHarness;
let cloud: ShopOnCloud;
let buyers = 0;

beforeAll(async () => {
  // The cloud names MERCHANT in SHOP_ADMIN_OPENIDS: the shop's owner.
  cloud = await startShopOnCloud();
  harness = createWeappHarness();
});
afterAll(() => cloud.stop());
beforeEach(() => harness.clearRecords());

const text = (page: RenderedPage, selector: string) => textOf(page.querySelector(selector)!);
/** The texts drawn on a canvas of the page so far. */
const drawn = (id: string) => harness.canvasDrawing(id)?.texts ?? [];

/** A new buyer's order of one T-shirt, paid in the cloud's payment sandbox. */
async function paidOrder(): Promise<{ buyer: string; order: Order }> {
  buyers += 1;
  const buyer = `weapp-merchant-buyer-${buyers}`;
  const address = await cloud.ok(buyer, 'address.add', {
    name: '赵发货',
    mobile: '13700001111',
    province: '广东省',
    city: '深圳市',
    district: '南山区',
    detail: '科技园 1 号',
    isDefault: true,
  });
  const items = [{ productId: 'p001', skuId: 'p001-s01', quantity: 1 }];
  const quote = await cloud.ok(buyer, 'checkout.quote', { items, addressId: address._id, couponId: null });
  const order = await cloud.ok(buyer, 'order.create', {
    items,
    addressId: address._id,
    couponId: null,
    requestId: `weapp-merchant-${buyers}-0000`,
    expectedPayable: quote.payable,
  });
  const payment = await cloud.ok(buyer, 'order.pay', { orderId: order._id });
  expect(await cloud.paymentSheet('pay', { ...payment.params }, buyer)).toBe(200);
  // As the page does after WeChat's sheet: ask the payment when its notice has not been applied yet.
  const paid = await cloud.ok(buyer, 'order.syncPayment', { orderId: order._id });
  expect(paid.state).toBe('PAID');
  return { buyer, order: paid };
}

test('我的 shows 商家工作台 to the owner only', async () => {
  harness.useCloud(cloud, 'weapp-plain-buyer');
  const buyerPage = await harness.renderPage('pages/me/index');
  await harness.idle();
  expect(harness.cloudCalls.map((call) => call.data.action)).toContain('staff.me');
  expect(buyerPage.querySelector('#me-workspace')).toBeFalsy();

  harness.useCloud(cloud, OWNER);
  // The answer is kept per WeChat user in storage; a new user in these tests means a fresh check.
  (globalThis as unknown as { wx: { removeStorageSync(key: string): void } }).wx.removeStorageSync(
    'shop.staffRole',
  );
  const ownerPage = await harness.renderPage('pages/me/index');
  await waitFor(() => ownerPage.querySelector('#me-workspace') !== null, 'the workspace entry');
  expect(text(ownerPage, '#me-workspace')).toContain('商家工作台');
  expect(text(ownerPage, '#me-workspace')).toContain('店主');
  await tap(ownerPage, '#me-workspace');
  expect(harness.navigations).toContain('/package-merchant/home/index');
});

test('the owner ships a paid order: express company and tracking number, uploaded to WeChat', async () => {
  const { buyer, order } = await paidOrder();
  harness.useCloud(cloud, OWNER);
  const page = await harness.renderPage('package-merchant/order/index', { id: order._id });
  await harness.idle();
  expect(text(page, '#ws-order-state')).toBe('待发货');
  expect(text(page, '#ws-order-payment')).toContain(String(order.payment?.transactionId));

  // Without a company, or with a malformed number, nothing is sent.
  await tap(page, '#ws-ship');
  expect(harness.toasts).toContain('请选择快递公司');
  await tap(page, '#ws-express-ZTO');
  page.querySelector('#ws-tracking-no')!.dispatchEvent('input', { detail: { value: '12' } });
  await tap(page, '#ws-ship');
  expect(harness.toasts).toContain('请填写正确的快递单号');
  expect(harness.cloudCalls.filter((call) => call.data.action === 'orders.ship')).toHaveLength(0);

  page.querySelector('#ws-tracking-no')!.dispatchEvent('input', { detail: { value: 'ZT7788990011' } });
  await tap(page, '#ws-ship');
  await waitFor(() => text(page, '#ws-order-state') === '已发货', 'the order to read 已发货');
  expect(harness.cloudCalls.filter((call) => call.data.action === 'orders.ship')).toEqual([
    {
      name: 'admin',
      data: { action: 'orders.ship', orderId: order._id, expressCompany: 'ZTO', trackingNo: 'ZT7788990011' },
    },
  ]);
  expect(text(page, '#ws-order-tracking')).toBe('ZT7788990011');
  expect(page.querySelector('#ws-ship-form')).toBeFalsy();

  const seen = await cloud.ok(buyer, 'order.detail', { orderId: order._id });
  expect(seen.state).toBe('SHIPPED');
  expect(seen.logistics).toMatchObject({ expressCompany: 'ZTO', trackingNo: 'ZT7788990011' });
  const uploads = await cloud.cloudCalls('wxaSecOrder.uploadShippingInfo');
  expect(uploads.filter((call) => JSON.stringify(call.args).includes('ZT7788990011'))).toHaveLength(1);
});

test('a buyer opening a workspace page is refused by the server', async () => {
  const { order } = await paidOrder();
  harness.useCloud(cloud, 'weapp-curious-buyer');
  const page = await harness.renderPage('package-merchant/order/index', { id: order._id });
  await harness.idle();
  expect(textOf(page.querySelector('.ws-empty')!)).toContain('没有权限');
  expect(page.querySelector('#ws-ship-form')).toBeFalsy();
});

test('工作台 shows today’s figures from the worker’s aggregates, the trend chart and the funnel', async () => {
  await paidOrder();
  // The worker keeps the daily figures the dashboard reads.
  await cloud.runWorker();
  harness.useCloud(cloud, OWNER);
  const page = await harness.renderPage('package-merchant/home/index');
  await waitFor(() => page.querySelector('#ws-dashboard') !== null, 'the dashboard');
  expect(harness.cloudCalls.filter((call) => call.data.action === 'dashboard.overview')).toHaveLength(1);
  const overview = (await cloud.call('admin', { action: 'dashboard.overview' }, OWNER)) as {
    data: {
      periods: {
        today: { sales: { paidOrders: number; paidAmount: number }; funnel: { paidOrders: number } };
      };
      waitingToShip: number;
      trend: { day: string }[];
    };
  };
  const today = overview.data.periods.today.sales;
  expect(today.paidOrders).toBeGreaterThanOrEqual(1);
  expect(text(page, '#ws-figure-paid-orders')).toBe(String(today.paidOrders));
  expect(text(page, '#ws-figure-paid-amount')).toBe(formatPrice(today.paidAmount));
  expect(text(page, '#ws-waiting-to-ship')).toBe(String(overview.data.waitingToShip));
  // 今日 draws the last 7 days with ECharts on the page's canvas; the chart reads out the latest day, today.
  expect(text(page, '#ws-trend-value')).toBe(formatPrice(today.paidAmount));
  const lastWeek = overview.data.trend.slice(-7).map((day) => day.day.slice(5));
  await waitFor(() => drawn('ws-trend-canvas').includes(lastWeek[6]), 'the trend chart drawn');
  expect(drawn('ws-trend-canvas')).toEqual(expect.arrayContaining(lastWeek));
  expect(harness.canvasDrawing('ws-trend-canvas')!.fills).toBeGreaterThan(0);
  // The funnel is a chart of its own, each step labelled with its count.
  const funnel = overview.data.periods.today.funnel;
  await waitFor(() => drawn('ws-funnel-canvas').length > 0, 'the funnel drawn');
  expect(drawn('ws-funnel-canvas')).toContain(`支付成功 ${funnel.paidOrders}`);
  expect(text(page, '#ws-funnel')).toContain('支付成功');
  // The owner's entries include 店员 and 操作日志.
  expect(page.querySelector('#ws-entry-staff')).toBeTruthy();
  expect(page.querySelector('#ws-entry-audit')).toBeTruthy();

  // 近30天 redraws the same canvas with 30 days: the first of them is now on the axis.
  await tap(page, '#ws-period-30d');
  const first = overview.data.trend[0].day.slice(5);
  await waitFor(() => drawn('ws-trend-canvas').includes(first), 'the 30-day trend drawn');
});
