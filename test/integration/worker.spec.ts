/**
 * The timer-triggered worker repairs what an interrupted flow left behind and moves orders past their
 * deadlines. Interruptions are staged directly in the database, as a function that died would leave them;
 * deadlines are reached by moving the local cloud's clock, which fires the worker's timer trigger.
 */
import { ORDER_DEADLINES } from '../../cloudfunctions/common/domain/order-transitions';
import { buyableProduct, placeOrder, startShopCloud, type ShopCloud } from './shop-cloud';

let shop: ShopCloud;
const {
  product,
  skus: [skuA, skuB],
} = buyableProduct(2, 20);
const MINUTE = 60 * 1000;
const LONG_AGO = () => shop.now() - 10 * MINUTE;

interface SkuDoc {
  stock: number;
  sold: number;
  pending?: { op: string; quantity: number; at: number }[];
}

interface ReservationDoc {
  _id: string;
  state: string;
  checkAt: number;
  lines: { skuId: string; quantity: number }[];
}

async function reservationsOf(orderId: string): Promise<ReservationDoc[]> {
  return (await shop.db.collection('stock_reservations').where({ orderId }).get())
    .data as unknown as ReservationDoc[];
}

async function reservationState(id: string): Promise<string> {
  return ((await shop.db.collection('stock_reservations').doc(id).get()).data as unknown as ReservationDoc)
    .state;
}

beforeAll(async () => {
  // The worker's timer fires whenever a test moves the clock past a minute.
  shop = await startShopCloud({ timers: true });
});
afterAll(() => shop.close());

async function sku(skuId: string): Promise<SkuDoc> {
  return (await shop.db.collection('skus').doc(skuId).get()).data as unknown as SkuDoc;
}

async function runWorker(): Promise<{
  ok: boolean;
  jobs: Record<string, { ok: boolean; result?: unknown; error?: string }>;
}> {
  const report = (await shop.invokeAsSystem('worker')) as {
    ok: boolean;
    jobs: Record<string, { ok: boolean; error?: string }>;
  };
  expect(Object.entries(report.jobs).filter(([, job]) => !job.ok)).toEqual([]);
  return report;
}

test('a buyer cannot drive the worker', async () => {
  const direct = await fetch(`${shop.cloud.url}/functions/worker`, {
    method: 'POST',
    headers: { 'x-wx-openid': 'curious-buyer' },
    body: '{}',
  });
  expect(await direct.json()).toMatchObject({ ok: false, code: 'FORBIDDEN' });
});

test('stock taken by an attempt that died before recording its reservation is given back, once', async () => {
  const before = await sku(skuA._id);
  const _ = shop.db.command;
  // The take's write landed (stock down, mark left) and the function died before the reservation document.
  await shop.db
    .collection('skus')
    .doc(skuA._id)
    .update({
      data: {
        stock: _.inc(-2),
        sold: _.inc(2),
        pending: _.push([{ op: 'r:rsdied-before-record', quantity: 2, at: LONG_AGO() }]),
      },
    });
  await runWorker();
  const after = await sku(skuA._id);
  expect([after.stock, after.sold]).toEqual([before.stock, before.sold]);
  expect(after.pending ?? []).toEqual([]);
  await runWorker();
  expect((await sku(skuA._id)).stock).toBe(before.stock);
});

test('an attempt that died after its reservation but before its order gives back its stock once', async () => {
  const buyer = 'worker-died-after-record';
  const _ = shop.db.command;
  const before = await sku(skuA._id);
  await shop.db
    .collection('skus')
    .doc(skuA._id)
    .update({ data: { stock: _.inc(-3), sold: _.inc(3) } });
  await shop.db.collection('stock_reservations').add({
    data: {
      _id: 'rsdied-after-record',
      attempt: 'died-after-record',
      orderId: 'o-never-written-2',
      openid: buyer,
      lines: [{ skuId: skuA._id, quantity: 3 }],
      state: 'HELD',
      at: LONG_AGO(),
      checkAt: LONG_AGO(),
    },
  });
  await runWorker();
  await runWorker();
  expect((await sku(skuA._id)).stock).toBe(before.stock);
  expect(await reservationState('rsdied-after-record')).toBe('RELEASED');
});

test('a live unpaid order keeps its reservation and is looked at again only after its expiry', async () => {
  const { order } = await placeOrder(
    shop,
    'worker-live',
    { productId: product._id, skuId: skuB._id },
    'worker-live-0001',
  );
  const reserved = await sku(skuB._id);
  expect(reserved.pending ?? []).toEqual([]);
  const [reservation] = await reservationsOf(order._id);
  expect(reservation).toMatchObject({ state: 'HELD', lines: [{ skuId: skuB._id, quantity: 1 }] });
  await shop.db
    .collection('stock_reservations')
    .doc(reservation._id)
    .update({ data: { checkAt: LONG_AGO() } });
  await runWorker();
  expect((await sku(skuB._id)).stock).toBe(reserved.stock);
  const [kept] = await reservationsOf(order._id);
  expect(kept.state).toBe('HELD');
  expect(kept.checkAt).toBeGreaterThan(order.expiresAt);
  // The order was cancelled but the function died before giving the stock back: once due, it goes back.
  await shop.db
    .collection('orders')
    .doc(order._id)
    .update({ data: { state: 'CANCELLED' } });
  await shop.db
    .collection('stock_reservations')
    .doc(reservation._id)
    .update({ data: { checkAt: LONG_AGO() } });
  await runWorker();
  await runWorker();
  expect((await sku(skuB._id)).stock).toBe(reserved.stock + 1);
  expect(await reservationState(reservation._id)).toBe('RELEASED');
});

test('a release cut short after returning the stock is finished without returning it twice', async () => {
  const { order, buyer } = await placeOrder(
    shop,
    'worker-release-cut',
    { productId: product._id, skuId: skuA._id },
    'worker-release-cut-01',
  );
  const reserved = await sku(skuA._id);
  const [reservation] = await reservationsOf(order._id);
  const _ = shop.db.command;
  // The release claimed the reservation and returned the stock under its mark, then died.
  await shop.db
    .collection('orders')
    .doc(order._id)
    .update({ data: { state: 'CANCELLED' } });
  await shop.db
    .collection('stock_reservations')
    .doc(reservation._id)
    .update({ data: { state: 'RELEASING', checkAt: LONG_AGO() } });
  await shop.db
    .collection('skus')
    .doc(skuA._id)
    .update({
      data: {
        stock: _.inc(1),
        sold: _.inc(-1),
        pending: _.push([{ op: `u:${reservation._id}`, quantity: 1, at: LONG_AGO() }]),
      },
    });
  await runWorker();
  await runWorker();
  const after = await sku(skuA._id);
  expect(after.stock).toBe(reserved.stock + 1);
  expect(after.pending ?? []).toEqual([]);
  expect(await reservationState(reservation._id)).toBe('RELEASED');
  // The buyer's count of unpaid orders went with it: the same buyer may order again.
  expect((await buyer.ok('order.detail', { orderId: order._id })).state).toBe('CANCELLED');
});

test('a coupon locked by an order that never appeared is unlocked', async () => {
  const buyer = shop.buyer('worker-coupon');
  const coupon = await buyer.ok('coupon.claim', { templateId: 'ct-newcomer' });
  await shop.db
    .collection('user_coupons')
    .doc(coupon._id)
    .update({ data: { state: 'LOCKED', orderId: 'o-never-written', lockedAt: LONG_AGO() } });
  await runWorker();
  expect((await buyer.ok('coupon.mine', {})).coupons.find((c) => c._id === coupon._id)?.state).toBe('UNUSED');
});

test('an unpaid order past its expiry is closed, with stock and coupon given back', async () => {
  const buyer = shop.buyer('worker-expiry');
  const coupon = await buyer.ok('coupon.claim', { templateId: 'ct-newcomer' });
  const before = await sku(skuA._id);
  const { order } = await placeOrder(
    shop,
    'worker-expiry',
    { productId: product._id, skuId: skuA._id },
    'worker-expiry-001',
    coupon._id,
  );
  expect((await sku(skuA._id)).stock).toBe(before.stock - 1);
  await shop.advanceClock(ORDER_DEADLINES.payWithin - MINUTE);
  expect((await buyer.ok('order.detail', { orderId: order._id })).state).toBe('TO_PAY');
  await shop.advanceClock(2 * MINUTE);
  const closed = await buyer.ok('order.detail', { orderId: order._id });
  expect(closed.state).toBe('CLOSED');
  expect(closed.timeline.map((t) => t.state)).toEqual(['TO_PAY', 'CLOSED']);
  expect((await sku(skuA._id)).stock).toBe(before.stock);
  expect((await buyer.ok('coupon.mine', {})).coupons.find((c) => c._id === coupon._id)?.state).toBe('UNUSED');
});

test('shipped orders are received and received orders completed after their deadlines', async () => {
  const { buyer, order } = await placeOrder(
    shop,
    'worker-deadlines',
    { productId: product._id, skuId: skuA._id },
    'worker-deadline-1',
  );
  const stateNow = async () => (await buyer.ok('order.detail', { orderId: order._id })).state;
  // Shipped now (staged: the merchant's shipping has its own tests).
  await shop.db
    .collection('orders')
    .doc(order._id)
    .update({ data: { state: 'SHIPPED', shippedAt: shop.now() } });
  await shop.advanceClock(ORDER_DEADLINES.autoReceiveAfter - MINUTE);
  expect(await stateNow()).toBe('SHIPPED');
  await shop.advanceClock(2 * MINUTE);
  expect(await stateNow()).toBe('RECEIVED');
  await shop.advanceClock(ORDER_DEADLINES.completeAfter - 2 * MINUTE);
  expect(await stateNow()).toBe('RECEIVED');
  await shop.advanceClock(2 * MINUTE);
  expect(await stateNow()).toBe('COMPLETED');
});

/** What a payment leaves when its function dies right after moving the order to PAID (staged). */
async function paidButCutShort(openid: string, requestId: string, couponId: string | null = null) {
  const { buyer, order } = await placeOrder(
    shop,
    openid,
    { productId: product._id, skuId: skuB._id },
    requestId,
    couponId,
  );
  await shop.db
    .collection('orders')
    .doc(order._id)
    .update({ data: { state: 'PAID', paidAt: shop.now() } });
  return { buyer, order };
}

async function quotaOrders(openid: string): Promise<string[]> {
  const rows = (await shop.db.collection('buyer_quotas').where({ openid }).get()).data as unknown as {
    orders: string[];
  }[];
  return rows[0]?.orders ?? [];
}

test('the settle repair: a paid order whose reservation was left HELD is settled once its check is due, the stock staying sold', async () => {
  const { order } = await paidButCutShort('worker-settle', 'worker-settle-0001');
  const afterPaid = await sku(skuB._id);
  const [reservation] = await reservationsOf(order._id);
  expect(reservation.state).toBe('HELD');
  expect(await quotaOrders('worker-settle')).toEqual([order._id]);
  // Not yet due: the worker leaves it alone.
  await runWorker();
  expect(await reservationState(reservation._id)).toBe('HELD');
  // Moving the clock past the check fires the worker's timer.
  await shop.advanceClock(3 * MINUTE);
  expect(await reservationState(reservation._id)).toBe('SETTLED');
  expect(await quotaOrders('worker-settle')).toEqual([]);
  await runWorker();
  const after = await sku(skuB._id);
  expect([after.stock, after.sold]).toEqual([afterPaid.stock, afterPaid.sold]);
  expect(await reservationState(reservation._id)).toBe('SETTLED');
});

test('the spent repair: a coupon still LOCKED by a paid order is spent once its lock is stale; a live order keeps its lock', async () => {
  const payer = shop.buyer('worker-spent');
  const coupon = await payer.ok('coupon.claim', { templateId: 'ct-newcomer' });
  const { order } = await paidButCutShort('worker-spent', 'worker-spent-0001', coupon._id);
  const waiter = shop.buyer('worker-spent-unpaid');
  const kept = await waiter.ok('coupon.claim', { templateId: 'ct-newcomer' });
  await placeOrder(
    shop,
    'worker-spent-unpaid',
    { productId: product._id, skuId: skuB._id },
    'worker-spent-0002',
    kept._id,
  );
  const state = async (buyer: typeof payer, id: string) =>
    (await buyer.ok('coupon.mine', {})).coupons.find((c) => c._id === id)?.state;
  await runWorker();
  expect(await state(payer, coupon._id)).toBe('LOCKED');
  await shop.advanceClock(3 * MINUTE);
  expect(await state(payer, coupon._id)).toBe('USED');
  const stored = (await shop.db.collection('user_coupons').doc(coupon._id).get()).data as unknown as {
    orderId: string;
    usedAt: number;
  };
  expect(stored.orderId).toBe(order._id);
  expect(stored.usedAt).toBeGreaterThan(0);
  expect(await state(waiter, kept._id)).toBe('LOCKED');
  await runWorker();
  expect(await state(payer, coupon._id)).toBe('USED');
});
