/**
 * order.closeExpired: the buyer's page asks for the close of an unpaid order whose countdown ran out, and the
 * order closes then (stock and coupon back) through the worker's own close, against the real functions on the
 * local cloud with the WeChat Pay sandbox; time is moved with the cloud's test clock, never slept. Proves: one
 * close for 20 calls and a worker run at once, the paid path when WeChat Pay reports a payment, a payment
 * racing the close ending one consistent way, the backoff when WeChat Pay cannot be asked, and refusals that
 * change nothing (before the deadline, another buyer, bad input).
 */
import { ORDER_DEADLINES } from '../../cloudfunctions/common/domain/order-transitions';
import type { Order } from '../../types';
import { buyableProduct, placeOrder, startShopCloud, type Buyer, type ShopCloud } from './shop-cloud';

const MINUTE = 60 * 1000;
const {
  product,
  skus: [sku],
} = buyableProduct(1, 60);

let shop: ShopCloud;
beforeAll(async () => {
  // No timers: the worker runs only where a test starts it, so a close seen here is the buyer's.
  shop = await startShopCloud({ paymentMode: 'sandbox', timers: false });
});
afterAll(() => shop.close());

const sandbox = () => shop.cloud.cloud.paySandbox;

interface StoredOrderView extends Order {
  closeRetry?: { attempts: number; nextAt: number; lastError: string };
}

async function stored(orderId: string): Promise<StoredOrderView> {
  return (await shop.db.collection('orders').doc(orderId).get()).data as unknown as StoredOrderView;
}

async function stockOf(skuId: string): Promise<number> {
  return ((await shop.db.collection('skus').doc(skuId).get()).data as unknown as { stock: number }).stock;
}

async function couponOf(couponId: string): Promise<{ state: string; orderId?: string }> {
  return (await shop.db.collection('user_coupons').doc(couponId).get()).data as unknown as {
    state: string;
    orderId?: string;
  };
}

/** An unpaid order of one piece, prepaid at the sandbox (so closing it asks WeChat Pay), optionally with a coupon. */
async function prepaidOrder(openid: string, withCoupon = false): Promise<{ buyer: Buyer; order: Order }> {
  const couponId = withCoupon
    ? (await shop.buyer(openid).ok('coupon.claim', { templateId: 'ct-newcomer' }))._id
    : null;
  const { buyer, order } = await placeOrder(
    shop,
    openid,
    { productId: product._id, skuId: sku._id },
    `${openid}-0001`,
    couponId,
  );
  await buyer.ok('order.pay', { orderId: order._id });
  return { buyer, order };
}

const pastDeadline = () => shop.advanceClock(ORDER_DEADLINES.payWithin + 1000);

test('before its deadline the close is refused and nothing changes; only its buyer may ask; bad input is refused', async () => {
  const { buyer, order } = await prepaidOrder('close-early', true);
  const stock = await stockOf(sku._id);
  await shop.advanceClock(ORDER_DEADLINES.payWithin - MINUTE);
  expect(await buyer.call('order.closeExpired', { orderId: order._id })).toMatchObject({
    ok: false,
    code: 'ORDER_NOT_EXPIRED',
  });
  await pastDeadline();
  expect(await shop.buyer('close-stranger').call('order.closeExpired', { orderId: order._id })).toMatchObject(
    { ok: false, code: 'ORDER_NOT_FOUND' },
  );
  for (const bad of [{ orderId: 42 }, { orderId: order._id, openid: 'close-early' }, {}])
    expect(await buyer.raw({ action: 'order.closeExpired', ...bad })).toMatchObject({
      ok: false,
      code: expect.stringMatching(/^(INVALID_INPUT|ORDER_NOT_FOUND)$/),
    });
  const untouched = await stored(order._id);
  expect(untouched.state).toBe('TO_PAY');
  expect(untouched.timeline).toHaveLength(1);
  expect(untouched.closeRetry).toBeUndefined();
  expect(await stockOf(sku._id)).toBe(stock);
  expect((await couponOf(untouched.couponId!)).state).toBe('LOCKED');
  expect(sandbox().transaction(order.orderNo)?.state).toBe('NOTPAY');
});

test('20 close calls and a worker run at once close the order once: stock back once, coupon unlocked once', async () => {
  // Orders earlier tests left past their deadline are closed first, so the stock counted here is this order's.
  await shop.invokeAsSystem('worker');
  const stockBefore = await stockOf(sku._id);
  const { buyer, order } = await prepaidOrder('close-storm', true);
  expect(await stockOf(sku._id)).toBe(stockBefore - 1);
  expect((await couponOf(order.couponId!)).state).toBe('LOCKED');
  await pastDeadline();

  const [worker, ...answers] = await Promise.all([
    shop.invokeAsSystem('worker', { jobs: ['closeExpiredOrders'] }),
    ...Array.from({ length: 20 }, () => buyer.call('order.closeExpired', { orderId: order._id })),
  ]);
  expect(worker).toMatchObject({ ok: true });
  for (const answer of answers) expect(answer).toMatchObject({ ok: true, data: { state: 'CLOSED' } });

  const closed = await stored(order._id);
  expect(closed.state).toBe('CLOSED');
  expect(closed.timeline.map((entry) => entry.state)).toEqual(['TO_PAY', 'CLOSED']);
  expect(await stockOf(sku._id)).toBe(stockBefore);
  expect(await couponOf(order.couponId!)).toEqual(expect.objectContaining({ state: 'UNUSED' }));
  expect((await couponOf(order.couponId!)).orderId).toBeUndefined();
  expect(sandbox().transaction(order.orderNo)?.state).toBe('CLOSED');
  // The buyer's wallet has the coupon usable again, once.
  const wallet = await buyer.ok('coupon.mine', {});
  expect(wallet.coupons.filter((c) => c._id === order.couponId && c.state === 'UNUSED')).toHaveLength(1);
  // Asked again (a page reopened), it answers the closed order and gives nothing back twice.
  expect((await buyer.ok('order.closeExpired', { orderId: order._id })).state).toBe('CLOSED');
  await shop.invokeAsSystem('worker');
  expect(await stockOf(sku._id)).toBe(stockBefore);
});

test('an order without a payment started closes without asking WeChat Pay, and paying it afterwards is refused', async () => {
  const stockBefore = await stockOf(sku._id);
  const { buyer, order } = await placeOrder(
    shop,
    'close-unstarted',
    { productId: product._id, skuId: sku._id },
    'close-unstarted-0001',
  );
  await pastDeadline();
  // Past the deadline the server refuses to sign a payment, before and after the close.
  expect(await buyer.call('order.pay', { orderId: order._id })).toMatchObject({
    ok: false,
    code: 'ORDER_EXPIRED',
  });
  const closed = await buyer.ok('order.closeExpired', { orderId: order._id });
  expect(closed).toMatchObject({ state: 'CLOSED' });
  expect(closed).not.toHaveProperty('payRemainingMs');
  expect(sandbox().transaction(order.orderNo)).toBeUndefined();
  expect(await stockOf(sku._id)).toBe(stockBefore);
  expect(await buyer.call('order.pay', { orderId: order._id })).toMatchObject({
    ok: false,
    code: 'ORDER_STATE_CONFLICT',
  });
});

test('paid at WeChat Pay with the notice lost: the close applies the payment as the worker would, never closes', async () => {
  const stockBefore = await stockOf(sku._id);
  const { buyer, order } = await prepaidOrder('close-paid-lost');
  expect((await sandbox().pay(order.orderNo, buyer.openid)).ok).toBe(true);
  await sandbox().flushNotifications();
  await shop.db.collection('payment_inbox').where({ outTradeNo: order.orderNo }).remove();
  await pastDeadline();

  const answer = await buyer.ok('order.closeExpired', { orderId: order._id });
  expect(answer.state).toBe('PAID');
  expect(answer).not.toHaveProperty('payRemainingMs');
  expect(answer.payment?.transactionId).toBe(sandbox().transaction(order.orderNo)?.transactionId);
  expect(answer.timeline.map((entry) => entry.state)).toEqual(['TO_PAY', 'PAID']);
  expect(await stockOf(sku._id)).toBe(stockBefore - 1);
  expect(sandbox().transaction(order.orderNo)?.state).toBe('SUCCESS');
});

test('a payment notice racing the close calls: the order ends paid, once, and nothing is given back or refunded', async () => {
  const stockBefore = await stockOf(sku._id);
  const { buyer, order } = await prepaidOrder('close-notice-race', true);
  // Paid a moment before the deadline; the notification is on its way when the countdown ends.
  expect((await sandbox().pay(order.orderNo, buyer.openid)).ok).toBe(true);
  await pastDeadline();
  const [, ...answers] = await Promise.all([
    sandbox().flushNotifications(),
    ...Array.from({ length: 10 }, () => buyer.call('order.closeExpired', { orderId: order._id })),
  ]);
  for (const answer of answers) expect(answer.ok).toBe(true);
  await sandbox().notificationSettled(order.orderNo);
  await shop.invokeAsSystem('worker');

  const after = await stored(order._id);
  expect(after.state).toBe('PAID');
  expect(after.timeline.map((entry) => entry.state)).toEqual(['TO_PAY', 'PAID']);
  expect(after.latePayment).toBeUndefined();
  expect(await stockOf(sku._id)).toBe(stockBefore - 1);
  expect((await couponOf(order.couponId!)).state).toBe('USED');
  const inbox = (await shop.db.collection('payment_inbox').where({ outTradeNo: order.orderNo }).get())
    .data as unknown as { state: string }[];
  expect(inbox.map((item) => item.state)).toEqual(['APPLIED']);
  expect(sandbox().transaction(order.orderNo)?.refundedFen ?? 0).toBe(0);
});

test('the buyer paying at WeChat Pay while the close runs: paid, or closed there first and never charged', async () => {
  const stockBefore = await stockOf(sku._id);
  const { buyer, order } = await prepaidOrder('close-pay-race');
  // Past the deadline here, while WeChat Pay's own time limit still lets the sheet pay.
  await shop.db
    .collection('orders')
    .doc(order._id)
    .update({ data: { expiresAt: shop.now() - 1 } });
  const [payment, ...answers] = await Promise.all([
    sandbox().pay(order.orderNo, buyer.openid),
    ...Array.from({ length: 5 }, () => buyer.call('order.closeExpired', { orderId: order._id })),
  ]);
  for (const answer of answers) expect(answer.ok).toBe(true);
  if (payment.ok) await sandbox().notificationSettled(order.orderNo);
  await shop.invokeAsSystem('worker');
  const after = await stored(order._id);
  const states = after.timeline.map((entry) => entry.state);
  if (payment.ok) {
    // Charged: the order is paid (stock stays sold), or it closed first and the money went back.
    expect(
      (after.state === 'PAID' && (await stockOf(sku._id)) === stockBefore - 1) ||
        (after.state === 'CLOSED' && after.latePayment?.amount === order.amounts.payable),
    ).toBe(true);
  } else {
    expect({ state: after.state, stock: await stockOf(sku._id) }).toEqual({
      state: 'CLOSED',
      stock: stockBefore,
    });
  }
  expect(states).toHaveLength(2);
});

test('WeChat Pay cannot be asked: the buyer sees the order closing (not an error), it waits out its backoff, and the worker closes it', async () => {
  const stockBefore = await stockOf(sku._id);
  const { buyer, order } = await prepaidOrder('close-query-down');
  await pastDeadline();
  sandbox().injectFault({
    operation: 'query',
    outTradeNo: order.orderNo,
    status: 500,
    code: 'SYSTEM_ERROR',
    signed: true,
    times: 1,
  });
  const closing = await buyer.ok('order.closeExpired', { orderId: order._id });
  expect(closing).toMatchObject({ state: 'TO_PAY', payRemainingMs: 0 });
  expect(closing).not.toHaveProperty('closeRetry');
  const waiting = await stored(order._id);
  expect(waiting.closeRetry).toMatchObject({ attempts: 1, lastError: expect.stringContaining('WeChat Pay') });
  expect(waiting.closeRetry!.nextAt).toBeGreaterThan(shop.now());
  expect(await stockOf(sku._id)).toBe(stockBefore - 1);

  // Asked again during the backoff: answered as it stands, WeChat Pay is not asked again.
  expect(await buyer.ok('order.closeExpired', { orderId: order._id })).toMatchObject({ state: 'TO_PAY' });
  expect((await stored(order._id)).closeRetry?.attempts).toBe(1);

  await shop.advanceClock(MINUTE);
  await shop.invokeAsSystem('worker');
  expect((await buyer.ok('order.detail', { orderId: order._id })).state).toBe('CLOSED');
  expect(await stockOf(sku._id)).toBe(stockBefore);
});
