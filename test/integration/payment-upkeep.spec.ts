/**
 * The worker's side of payments against the real functions on the local cloud, time moved with the cloud's
 * test clock (never slept): closing an expired unpaid order through every gateway branch (the buyer paying,
 * paid at the close, a close that fails) with its own backoff; order.syncPayment; and an inbox item that keeps
 * failing going from retries with backoff to DEAD and back.
 */
import { ORDER_DEADLINES } from '../../cloudfunctions/common/domain/order-transitions';
import type { Order } from '../../types';
import { buyableProduct, placeOrder, startShopCloud, type Buyer, type ShopCloud } from './shop-cloud';

const MINUTE = 60 * 1000;
const OWNER = 'upkeep-owner';
const {
  product,
  skus: [sku],
} = buyableProduct(1, 50);

let shop: ShopCloud;
beforeAll(async () => {
  shop = await startShopCloud({ paymentMode: 'sandbox', functionEnv: { SHOP_ADMIN_OPENIDS: OWNER } });
});
afterAll(() => shop.close());

const sandbox = () => shop.cloud.cloud.paySandbox;

interface StoredOrderView extends Order {
  closeRetry?: { attempts: number; nextAt: number; lastError: string };
}

async function stored(orderId: string): Promise<StoredOrderView> {
  return (await shop.db.collection('orders').doc(orderId).get()).data as unknown as StoredOrderView;
}

async function runWorker() {
  const report = (await shop.invokeAsSystem('worker')) as {
    ok: boolean;
    ranAt: number;
    jobs: Record<string, { ok: boolean; result?: Record<string, unknown> }>;
  };
  expect(report.jobs.closeExpiredOrders?.ok).toBe(true);
  expect(report.jobs.drainPaymentInbox?.ok).toBe(true);
  return report;
}

async function stockOf(skuId: string): Promise<number> {
  return ((await shop.db.collection('skus').doc(skuId).get()).data as unknown as { stock: number }).stock;
}

/** An order prepaid at the sandbox (so closing it asks WeChat Pay), made to expire by moving the clock. */
async function prepaidOrder(openid: string): Promise<{ buyer: Buyer; order: Order }> {
  const { buyer, order } = await placeOrder(
    shop,
    openid,
    { productId: product._id, skuId: sku._id },
    `${openid}-0001`,
  );
  await buyer.ok('order.pay', { orderId: order._id });
  return { buyer, order };
}

async function expireAll(): Promise<void> {
  await shop.advanceClock(ORDER_DEADLINES.payWithin + MINUTE);
}

describe('closing an expired unpaid order', () => {
  test('the buyer is paying (USERPAYING): not closed, retried after its own backoff, closed once unpaid', async () => {
    const { buyer, order } = await prepaidOrder('close-userpaying');
    const stockBefore = await stockOf(sku._id);
    await expireAll();
    sandbox().injectFault({ operation: 'query', outTradeNo: order.orderNo, tradeState: 'USERPAYING' });
    const { ranAt } = await runWorker();
    const waiting = await stored(order._id);
    expect(waiting.state).toBe('TO_PAY');
    expect(waiting.closeRetry).toMatchObject({ attempts: 1, nextAt: ranAt + MINUTE });
    expect(sandbox().transaction(order.orderNo)?.state).toBe('NOTPAY');
    // Not due yet: the next run leaves it alone (no question to WeChat Pay, no second attempt counted).
    await runWorker();
    expect((await stored(order._id)).closeRetry?.attempts).toBe(1);
    await shop.advanceClock(MINUTE);
    await runWorker();
    const closed = await buyer.ok('order.detail', { orderId: order._id });
    expect(closed.state).toBe('CLOSED');
    expect(closed).not.toHaveProperty('closeRetry');
    expect(sandbox().transaction(order.orderNo)?.state).toBe('CLOSED');
    expect(await stockOf(sku._id)).toBe(stockBefore + 1);
  });

  test('paid just before the close (ORDERPAID, the notice lost): applied as paid, never closed', async () => {
    const { buyer, order } = await prepaidOrder('close-orderpaid');
    expect((await sandbox().pay(order.orderNo, buyer.openid)).ok).toBe(true);
    await sandbox().flushNotifications();
    // The notification is lost (removed), and the worker's query saw the order a moment before it was paid.
    const [item] = (await shop.db.collection('payment_inbox').where({ outTradeNo: order.orderNo }).get())
      .data as unknown as { _id: string }[];
    await shop.db.collection('payment_inbox').doc(item._id).remove();
    await expireAll();
    sandbox().injectFault({ operation: 'query', outTradeNo: order.orderNo, tradeState: 'NOTPAY' });
    await runWorker();
    const paid = await buyer.ok('order.detail', { orderId: order._id });
    expect(paid.state).toBe('PAID');
    expect(paid.payment?.transactionId).toBe(item._id);
    expect(sandbox().transaction(order.orderNo)?.state).toBe('SUCCESS');
  });

  test('an unsigned ORDERPAID on close is a diagnostic: the signed query says unpaid, so it is neither paid nor closed', async () => {
    const { buyer, order } = await prepaidOrder('close-unsigned');
    await expireAll();
    sandbox().injectFault({ operation: 'close', outTradeNo: order.orderNo, status: 400, code: 'ORDERPAID' });
    await runWorker();
    const open = await stored(order._id);
    expect(open.state).toBe('TO_PAY');
    expect(open.closeRetry).toMatchObject({ attempts: 1 });
    expect(open.closeRetry?.lastError).toContain('ORDERPAID');
    await shop.advanceClock(MINUTE);
    await runWorker();
    expect((await buyer.ok('order.detail', { orderId: order._id })).state).toBe('CLOSED');
  });

  test('a close that keeps failing backs off (1, 2, 4 minutes) and does not hold up the other orders', async () => {
    const failing = await prepaidOrder('close-failing');
    const other = await prepaidOrder('close-other');
    await expireAll();
    sandbox().injectFault({
      operation: 'close',
      outTradeNo: failing.order.orderNo,
      status: 500,
      code: 'SYSTEM_ERROR',
      signed: true,
      times: 3,
    });
    let { ranAt } = await runWorker();
    expect((await other.buyer.ok('order.detail', { orderId: other.order._id })).state).toBe('CLOSED');
    for (const [attempts, wait] of [
      [1, 1],
      [2, 2],
      [3, 4],
    ]) {
      const view = await stored(failing.order._id);
      expect(view.state).toBe('TO_PAY');
      expect(view.closeRetry).toMatchObject({ attempts, nextAt: ranAt + wait * MINUTE });
      expect(view.closeRetry?.lastError).toContain('SYSTEM_ERROR');
      // A minute short of the retry nothing happens; at the retry it is tried again.
      if (wait > 1) {
        await shop.advanceClock((wait - 1) * MINUTE);
        await runWorker();
        expect((await stored(failing.order._id)).closeRetry?.attempts).toBe(attempts);
        await shop.advanceClock(MINUTE);
      } else await shop.advanceClock(MINUTE);
      ({ ranAt } = await runWorker());
    }
    expect((await failing.buyer.ok('order.detail', { orderId: failing.order._id })).state).toBe('CLOSED');
  });
});

describe('order.syncPayment', () => {
  test('applies the stored notice without asking WeChat Pay; asks it when the notice is lost', async () => {
    const stored1 = await prepaidOrder('sync-stored');
    expect((await sandbox().pay(stored1.order.orderNo, stored1.buyer.openid)).ok).toBe(true);
    await sandbox().flushNotifications();
    // Were WeChat Pay asked, this would make the sync fail to see it paid.
    sandbox().injectFault({
      operation: 'query',
      outTradeNo: stored1.order.orderNo,
      status: 500,
      code: 'SYSTEM_ERROR',
    });
    expect((await stored1.buyer.ok('order.syncPayment', { orderId: stored1.order._id })).state).toBe('PAID');
    sandbox().clearFaults();

    const lost = await prepaidOrder('sync-lost');
    expect((await sandbox().pay(lost.order.orderNo, lost.buyer.openid)).ok).toBe(true);
    await sandbox().flushNotifications();
    await shop.db.collection('payment_inbox').where({ outTradeNo: lost.order.orderNo }).remove();
    const synced = await lost.buyer.ok('order.syncPayment', { orderId: lost.order._id });
    expect(synced.state).toBe('PAID');
    expect(synced.timeline.filter((t) => t.state === 'PAID')).toHaveLength(1);
  });

  test('an unpaid order stays unpaid; another buyer learns nothing', async () => {
    const { buyer, order } = await prepaidOrder('sync-unpaid');
    expect((await buyer.ok('order.syncPayment', { orderId: order._id })).state).toBe('TO_PAY');
    expect(await shop.buyer('sync-stranger').call('order.syncPayment', { orderId: order._id })).toMatchObject(
      {
        ok: false,
        code: 'ORDER_NOT_FOUND',
      },
    );
    expect(await buyer.call('order.syncPayment', { orderId: 42 } as never)).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
  });
});

describe('an inbox item that keeps failing', () => {
  test('is retried with backoff (2, 4 … 60 minutes), DEAD after 8 failures, and put back by the merchant', async () => {
    const { buyer, order } = await prepaidOrder('inbox-dead');
    // The order closed here while WeChat Pay took the money; its refund will fail until WeChat Pay recovers.
    await shop.db
      .collection('orders')
      .doc(order._id)
      .update({ data: { state: 'CLOSED' } });
    sandbox().injectFault({
      operation: 'refund',
      outTradeNo: order.orderNo,
      status: 503,
      code: 'SYSTEM_ERROR',
      times: 8,
    });
    expect((await sandbox().pay(order.orderNo, buyer.openid)).ok).toBe(true);
    await sandbox().flushNotifications();
    const inbox = async () =>
      (
        (await shop.db.collection('payment_inbox').where({ outTradeNo: order.orderNo }).get())
          .data as unknown as {
          _id: string;
          state: string;
          attempts: number;
          nextAttemptAt: number;
          lastError?: string;
        }[]
      )[0];
    const delays = [2, 4, 8, 16, 32, 60, 60];
    for (let attempt = 1; attempt <= 8; attempt += 1) {
      const { ranAt } = await runWorker();
      const item = await inbox();
      expect(item.attempts).toBe(attempt);
      expect(item.lastError).toContain('SYSTEM_ERROR');
      if (attempt < 8) {
        expect(item).toMatchObject({
          state: 'PENDING',
          nextAttemptAt: ranAt + delays[attempt - 1] * MINUTE,
        });
        await shop.advanceClock(delays[attempt - 1] * MINUTE);
      } else expect(item.state).toBe('DEAD');
    }
    const letters = await shop.admin(OWNER, 'payments.deadLetters', {});
    expect(letters.ok && letters.data.items.map((l) => l.transactionId)).toContain((await inbox())._id);
    expect(await shop.admin(OWNER, 'payments.retry', { transactionId: (await inbox())._id })).toMatchObject({
      ok: true,
      data: { state: 'PENDING' },
    });
    await runWorker();
    expect((await inbox()).state).toBe('REFUNDED');
    const after = await buyer.ok('order.detail', { orderId: order._id });
    expect(after.latePayment).toMatchObject({ amount: order.amounts.payable });
    expect(sandbox().transaction(order.orderNo)?.refundedFen).toBe(order.amounts.payable);
  });
});
