/**
 * A change that lands on a past day reaches that day's dashboard figures: 20 refunds WeChat Pay settled on a
 * day three days back, applied by several workers running at once, leave that day (and the 30-day totals)
 * exact after the next run, and no recount mark behind. Also: a long gap of missing days is filled a few days
 * per run, never all in one. Time moves by the cloud's clock, never by sleeping.
 */
import type { DashboardOverview, DayFigures, Order } from '../../types';
import { buyableProduct, payInSandbox, placeOrder, startShopCloud, type ShopCloud } from './shop-cloud';

const OWNER = 'recount-owner';
const {
  product,
  skus: [sku],
} = buyableProduct(1, 80);
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
const chinaDay = (at: number) => new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 10);
let shop: ShopCloud;

beforeAll(async () => {
  shop = await startShopCloud({ functionEnv: { SHOP_ADMIN_OPENIDS: OWNER } });
  // 10:00 in China: the day does not turn while a step runs.
  const sinceMidnight = (shop.now() + CHINA_OFFSET_MS) % DAY_MS;
  await shop.advanceClock((10 * 60 * 60 * 1000 - sinceMidnight + DAY_MS) % DAY_MS);
});
afterAll(() => shop.close());

async function paidOrder(openid: string, requestId: string): Promise<Order> {
  const { buyer, order } = await placeOrder(
    shop,
    openid,
    { productId: product._id, skuId: sku._id },
    requestId,
  );
  return payInSandbox(shop, buyer, order);
}

async function overview(): Promise<DashboardOverview> {
  const answer = await shop.admin(OWNER, 'dashboard.overview', {});
  if (!answer.ok) throw new Error(answer.code);
  return answer.data;
}

const dayOf = (figures: DashboardOverview, day: string): DayFigures | undefined =>
  figures.trend.find((entry) => entry.day === day);

interface WorkerRun {
  jobs: Record<string, { ok: boolean; result?: { days: string[]; owed: number } }>;
}

test('20 refunds settled on a day three days back, applied by workers at once: that day is exact afterwards', async () => {
  const day = chinaDay(shop.now());
  const orders: Order[] = [];
  for (let i = 0; i < 20; i++) orders.push(await paidOrder(`recount-buyer-${i}`, `recount-${i}`));
  const paidTotal = orders.reduce((sum, order) => sum + order.amounts.payable, 0);
  await shop.invokeAsSystem('worker');
  expect(dayOf(await overview(), day)).toMatchObject({
    paidOrders: 20,
    paidAmount: paidTotal,
    refundOrders: 0,
  });

  // The merchant approves the 20 refunds that day; WeChat Pay settles them a second later, still that day.
  await Promise.all(
    orders.map((order) =>
      shop.buyer(order.openid).ok('order.requestRefund', { orderId: order._id, reason: '不想要了' }),
    ),
  );
  const approved = await Promise.all(
    orders.map((order) => shop.admin(OWNER, 'refunds.approve', { orderId: order._id })),
  );
  expect(approved.filter((answer) => !answer.ok)).toEqual([]);

  // Nobody follows them up for three days; then four workers at once apply the 20 settled refunds (each
  // stamped with WeChat Pay's time, on the old day) while computing the dashboard.
  await shop.advanceClock(3 * DAY_MS);
  expect(dayOf(await overview(), day)).toMatchObject({ refundOrders: 0 });
  await Promise.all(Array.from({ length: 4 }, () => shop.invokeAsSystem('worker')));
  await shop.invokeAsSystem('worker');

  const after = await overview();
  expect(dayOf(after, day)).toMatchObject({
    paidOrders: 20,
    paidAmount: paidTotal,
    refundOrders: 20,
    refundAmount: paidTotal,
  });
  expect(after.periods.today.sales.refundOrders).toBe(0);
  expect(after.periods['30d'].sales).toMatchObject({
    paidOrders: 20,
    refundOrders: 20,
    refundAmount: paidTotal,
  });
  for (const order of orders)
    expect((await shop.buyer(order.openid).ok('order.detail', { orderId: order._id })).state).toBe(
      'REFUNDED',
    );
  const marks = await shop.db
    .collection('dashboard')
    .where({ _id: `recount-${day}` })
    .get();
  expect(marks.data).toEqual([]);
}, 300_000);

test('a gap of missing days is filled a few days per run; a run answers what it still owes', async () => {
  // 40 days on with no worker run (an outage): none of the last 30 days is computed yet.
  await shop.advanceClock(40 * DAY_MS);
  const runs: Array<{ days: string[]; owed: number }> = [];
  for (let run = 0; run < 10; run++) {
    const report = (await shop.invokeAsSystem('worker', { jobs: ['refreshDashboard'] })) as WorkerRun;
    const result = report.jobs.refreshDashboard.result;
    if (!result) throw new Error(JSON.stringify(report));
    runs.push(result);
    if (result.owed === 0) break;
  }
  expect(
    Object.keys(((await shop.invokeAsSystem('worker', { jobs: ['refreshDashboard'] })) as WorkerRun).jobs),
  ).toEqual(['refreshDashboard']);
  expect(runs.length).toBeGreaterThan(1);
  for (const run of runs) expect(run.days.length).toBeLessThanOrEqual(2 + 5);
  expect(runs[runs.length - 1].owed).toBe(0);
  expect(runs[0]).toMatchObject({ owed: 28 - 5 });
  const trend = (await overview()).trend;
  const stored = await shop.db
    .collection('dashboard')
    .where({ _id: shop.db.command.in(trend.map((entry) => `day-${entry.day}`)) })
    .get();
  expect(stored.data).toHaveLength(30);
});
