/**
 * The dashboard's refund figures count the partial refunds of after-sales requests (some units of one line,
 * refunded through WeChat Pay without touching the order's own refund), on the day WeChat Pay settled them:
 * today's when followed up at once, and a past day's when the worker only learns of it days later.
 */
import type { AfterSaleView, DashboardOverview, DayFigures, Order } from '../../types';
import { buyableProduct, buyerWithAddress, payInSandbox, startShopCloud, type ShopCloud } from './shop-cloud';

const OWNER = 'as-dashboard-owner';
const {
  product,
  skus: [sku],
} = buyableProduct(1, 80);
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const chinaDay = (at: number) => new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 10);
let shop: ShopCloud;

beforeAll(async () => {
  shop = await startShopCloud({
    functionEnv: {
      SHOP_ADMIN_OPENIDS: OWNER,
      SHOP_AFTER_SALES: JSON.stringify({
        windowDays: 7,
        returnAddress: { name: '小店售后', mobile: '13800000000', address: '浙江省杭州市西湖区文三路 1 号' },
      }),
    },
  });
  // 10:00 in China: the day does not turn while a step runs.
  const sinceMidnight = (shop.now() + CHINA_OFFSET_MS) % DAY_MS;
  await shop.advanceClock((10 * 60 * 60 * 1000 - sinceMidnight + DAY_MS) % DAY_MS);
});
afterAll(() => shop.close());

async function adminOk<T>(action: string, request: object): Promise<T> {
  const answer = await shop.admin(OWNER, action as never, request as never);
  if (!answer.ok) throw new Error(`${action}: ${answer.code} ${answer.message}`);
  return answer.data as T;
}

/** Two units of one SKU, paid, shipped and received: what an after-sales request needs. */
async function receivedOrder(openid: string): Promise<Order> {
  const { buyer, addressId } = await buyerWithAddress(shop, openid);
  const items = [{ productId: product._id, skuId: sku._id, quantity: 2 }];
  const { payable } = await buyer.ok('checkout.quote', { items, addressId, couponId: null });
  const order = await buyer.ok('order.create', {
    items,
    addressId,
    couponId: null,
    requestId: `${openid}-order`,
    expectedPayable: payable,
  });
  await payInSandbox(shop, buyer, order);
  await adminOk('orders.ship', { orderId: order._id, expressCompany: 'SF', trackingNo: 'SF1234567890' });
  return buyer.ok('order.receive', { orderId: order._id });
}

/** A refund-only request for one of the two units, approved (the refund is sent at once). */
async function partialRefund(order: Order): Promise<AfterSaleView> {
  const request = await shop.buyer(order.openid).ok('afterSale.create', {
    orderId: order._id,
    lineIndex: 0,
    quantity: 1,
    type: 'REFUND_ONLY',
    reason: '商品质量问题',
  });
  return adminOk<AfterSaleView>('afterSales.approve', { afterSaleId: request._id });
}

async function overview(): Promise<DashboardOverview> {
  return adminOk<DashboardOverview>('dashboard.overview', {});
}

const dayOf = (figures: DashboardOverview, day: string): DayFigures | undefined =>
  figures.trend.find((entry) => entry.day === day);

test('a partial after-sales refund settled today counts in today’s refunds; the order’s paid figures stay', async () => {
  const day = chinaDay(shop.now());
  const order = await receivedOrder('as-dashboard-today');
  const approved = await partialRefund(order);
  expect(approved.amount).toBeLessThan(order.amounts.payable);
  // The sandbox settles a moment after accepting; the worker follows the refund, then computes the figures.
  await shop.advanceClock(5_000);
  await shop.invokeAsSystem('worker');
  const refunded = await adminOk<AfterSaleView>('afterSales.detail', { afterSaleId: approved._id });
  expect(refunded.state).toBe('REFUNDED');
  await shop.invokeAsSystem('worker', { jobs: ['refreshDashboard'] });

  const figures = await overview();
  expect(dayOf(figures, day)).toMatchObject({
    paidOrders: 1,
    paidAmount: order.amounts.payable,
    refundOrders: 1,
    refundAmount: approved.amount,
  });
  expect(figures.periods.today.sales).toMatchObject({ refundOrders: 1, refundAmount: approved.amount });
  // Computing again counts it once.
  await shop.invokeAsSystem('worker', { jobs: ['refreshDashboard'] });
  expect((await overview()).periods.today.sales).toMatchObject({
    refundOrders: 1,
    refundAmount: approved.amount,
  });
}, 180_000);

test('a partial refund WeChat Pay settled on a past day, followed up days later, lands on that day', async () => {
  const day = chinaDay(shop.now());
  const before = dayOf(await overview(), day);
  const order = await receivedOrder('as-dashboard-late');
  const approved = await partialRefund(order);
  // Nobody follows the refund up for three days; then the worker learns it settled that day.
  await shop.advanceClock(3 * DAY_MS);
  await shop.invokeAsSystem('worker');
  await shop.invokeAsSystem('worker', { jobs: ['refreshDashboard'] });

  const figures = await overview();
  expect(dayOf(figures, day)).toMatchObject({
    refundOrders: (before?.refundOrders ?? 0) + 1,
    refundAmount: (before?.refundAmount ?? 0) + approved.amount,
  });
  expect(figures.periods.today.sales.refundOrders).toBe(0);
  const marks = await shop.db
    .collection('dashboard')
    .where({ _id: `recount-${day}` })
    .get();
  expect(marks.data).toEqual([]);
}, 180_000);
