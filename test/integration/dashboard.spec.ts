/**
 * The dashboard on the local cloud: views and cart adds counted by the shop function (20 at once count 20),
 * the worker's daily figures (paid amount, orders, buyers, new vs returning, funnel, top products, queues)
 * recomputed idempotently, China-time day boundaries with the injected clock, and a first screen that costs
 * the same 2 database requests (the caller's staff record, the overview) whatever the history.
 */
import type { DashboardOverview, Order } from '../../types';
import { buyableProduct, payInSandbox, placeOrder, startShopCloud, type ShopCloud } from './shop-cloud';

const OWNER = 'dashboard-owner';
const {
  product,
  skus: [sku],
} = buyableProduct(1, 80);
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const DAY_MS = 24 * 60 * 60 * 1000;
let shop: ShopCloud;
let requests = 0;

beforeAll(async () => {
  shop = await startShopCloud({ functionEnv: { SHOP_ADMIN_OPENIDS: OWNER } });
  // Start at 10:00 in China, so the day does not turn while the test runs.
  const now = shop.now();
  const sinceMidnight = (now + CHINA_OFFSET_MS) % DAY_MS;
  const tenOClock = 10 * 60 * 60 * 1000;
  await shop.advanceClock((tenOClock - sinceMidnight + DAY_MS) % DAY_MS);
});
afterAll(() => shop.close());

const chinaDay = (at: number) => new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 10);

async function order(openid: string): Promise<Order> {
  requests += 1;
  const placed = await placeOrder(
    shop,
    openid,
    { productId: product._id, skuId: sku._id },
    `dashboard-${requests}`,
  );
  return placed.order;
}

async function paidOrder(openid: string): Promise<Order> {
  const placed = await order(openid);
  const buyer = shop.buyer(openid);
  return payInSandbox(shop, buyer, placed);
}

async function overview(): Promise<DashboardOverview> {
  const answer = await shop.admin(OWNER, 'dashboard.overview', {});
  if (!answer.ok) throw new Error(answer.code);
  return answer.data;
}

test('before the worker has run the first screen is all zeros for the last 30 days', async () => {
  const first = await overview();
  expect(first.today).toBe(chinaDay(shop.now()));
  expect(first.trend).toHaveLength(30);
  expect(first.periods.today.sales.paidOrders).toBe(0);
  expect(first.computedAt).toBeUndefined();
});

test('a day of views, cart adds, orders and payments adds up; running the worker twice changes nothing', async () => {
  const alice = shop.buyer('dash-alice');
  // Alice opens the product twice, Dave once: views count buyers per product and day, so 2.
  await alice.ok('history.record', { productId: product._id });
  await alice.ok('history.record', { productId: product._id });
  await shop.buyer('dash-dave').ok('history.record', { productId: product._id });
  // 20 buyers add to their carts at once: each add counts once.
  await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      shop.buyer(`dash-cart-${i}`).ok('cart.add', { productId: product._id, skuId: sku._id, quantity: 1 }),
    ),
  );
  const paid = await paidOrder('dash-alice');
  await order('dash-bob');

  await shop.invokeAsSystem('worker');
  const figures = await overview();
  const today = figures.periods.today;
  expect(today.sales).toEqual({
    paidAmount: paid.amounts.payable,
    paidOrders: 1,
    buyers: 1,
    averageOrderValue: paid.amounts.payable,
    refundAmount: 0,
    refundOrders: 0,
    newBuyers: 1,
    returningBuyers: 0,
  });
  expect(today.funnel).toEqual({ views: 2, cartAdds: 20, orders: 2, paidOrders: 1 });
  expect(today.topProducts[0]).toMatchObject({
    productId: product._id,
    title: product.title,
    paidQuantity: 1,
    funnel: { views: 2, cartAdds: 20, orders: 2, paidOrders: 1 },
  });
  expect(figures.trend[29]).toMatchObject({ day: chinaDay(shop.now()), paidOrders: 1 });
  expect(figures.waitingToShip).toBe(1);
  expect(figures.refundsWaiting).toBe(0);
  expect(figures.periods['30d'].sales).toEqual(today.sales);

  await shop.invokeAsSystem('worker');
  const again = await overview();
  expect({ ...again, computedAt: 0 }).toEqual({ ...figures, computedAt: 0 });

  const trend = await shop.admin(OWNER, 'dashboard.product', { productId: product._id });
  expect(trend.ok && trend.data.days[29]).toMatchObject({
    day: chinaDay(shop.now()),
    paidQuantity: 1,
    funnel: { views: 2, cartAdds: 20, orders: 2, paidOrders: 1 },
  });
});

test('the next China day starts from zero; a buyer paying again is returning; 7 days count them once', async () => {
  const before = await overview();
  // To 00:01 the next day in China.
  const sinceMidnight = (shop.now() + CHINA_OFFSET_MS) % DAY_MS;
  await shop.advanceClock(DAY_MS - sinceMidnight + 60_000);
  await shop.invokeAsSystem('worker');
  const nextDay = await overview();
  expect(nextDay.today).toBe(chinaDay(shop.now()));
  expect(nextDay.periods.today.sales.paidOrders).toBe(0);
  expect(nextDay.trend[28]).toEqual(before.trend[29]);

  await paidOrder('dash-alice');
  await paidOrder('dash-carol');
  await shop.invokeAsSystem('worker');
  const later = await overview();
  expect(later.periods.today.sales).toMatchObject({
    paidOrders: 2,
    buyers: 2,
    newBuyers: 1,
    returningBuyers: 1,
  });
  expect(later.periods['7d'].sales).toMatchObject({
    paidOrders: 3,
    buyers: 2,
    newBuyers: 2,
    returningBuyers: 0,
  });
});

test('the first screen costs 2 database requests: the caller’s staff record and the overview', async () => {
  await shop.stats(true);
  await overview();
  expect((await shop.stats()).functions.admin.dbRequests).toBe(2);
});
