/**
 * The refunds the shop sends on its own from the payment inbox, followed by the worker until WeChat Pay settles
 * them, time moved by the cloud's clock: a late payment's refund (`LR` + transaction id) answered PROCESSING is
 * asked about after 1, then 2 … minutes and its SUCCESS recorded on the order and the inbox; an anomaly the
 * merchant refunded (`AR` + transaction id) ends ABNORMAL; two worker runs at once settle an item once.
 */
import type { Order } from '../../types';
import { buyableProduct, placeOrder, startShopCloud, type Buyer, type ShopCloud } from './shop-cloud';

const MINUTE = 60 * 1000;
const OWNER = 'follow-owner';
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

interface InboxView {
  _id: string;
  state: string;
  refund?: { outRefundNo: string; status: string };
  settlement?: { outRefundNo?: string; refundStatus?: string };
  refundFollowAt?: number;
  refundChecks?: number;
}

interface FollowReport {
  settled: { transactionId: string; status: string }[];
  pending: number;
  failed: unknown[];
}

async function inboxItem(outTradeNo: string): Promise<InboxView> {
  const { data } = await shop.db.collection('payment_inbox').where({ outTradeNo }).get();
  expect(data).toHaveLength(1);
  return data[0] as unknown as InboxView;
}

async function runWorker(): Promise<{ ranAt: number; follow: FollowReport }> {
  const report = (await shop.invokeAsSystem('worker')) as {
    ranAt: number;
    jobs: Record<string, { ok: boolean; result?: unknown }>;
  };
  expect(report.jobs.drainPaymentInbox?.ok).toBe(true);
  expect(report.jobs.followPaymentRefunds?.ok).toBe(true);
  return { ranAt: report.ranAt, follow: report.jobs.followPaymentRefunds.result as FollowReport };
}

/** A genuine payment of an order that changed before it was applied; `change` says how. */
async function paidAfter(
  openid: string,
  change: Record<string, unknown>,
): Promise<{ buyer: Buyer; order: Order }> {
  const { buyer, order } = await placeOrder(
    shop,
    openid,
    { productId: product._id, skuId: sku._id },
    `${openid}-0001`,
  );
  await buyer.ok('order.pay', { orderId: order._id });
  await shop.db.collection('orders').doc(order._id).update({ data: change });
  expect((await sandbox().pay(order.orderNo, openid)).ok).toBe(true);
  expect(await sandbox().notificationSettled(order.orderNo)).toMatchObject({ delivered: true });
  return { buyer, order };
}

test('a late payment refund WeChat Pay answers PROCESSING is followed with a growing wait until it succeeds', async () => {
  // The order closed while WeChat Pay still took the buyer's money.
  const { buyer, order } = await paidAfter('follow-late', { state: 'CLOSED' });
  const refunding = await runWorker();
  const item = await inboxItem(order.orderNo);
  const outRefundNo = `LR${item._id}`;
  // The sandbox answers a new refund PROCESSING, as WeChat Pay does.
  expect(item).toMatchObject({
    state: 'REFUNDED',
    refund: { outRefundNo, status: 'PROCESSING' },
    refundFollowAt: refunding.ranAt + MINUTE,
  });
  expect((await buyer.ok('order.detail', { orderId: order._id })).latePayment).toMatchObject({
    outRefundNo,
    refundStatus: 'PROCESSING',
  });

  // Not due yet: nothing is asked.
  expect((await runWorker()).follow).toEqual({ settled: [], pending: 0, failed: [] });

  // Due after a minute; WeChat Pay still processing: asked again two minutes later.
  await shop.advanceClock(MINUTE);
  sandbox().injectFault({ operation: 'queryRefund', outRefundNo, refundStatus: 'PROCESSING' });
  const stillProcessing = await runWorker();
  expect(stillProcessing.follow.pending).toBe(1);
  expect(await inboxItem(order.orderNo)).toMatchObject({
    refund: { status: 'PROCESSING' },
    refundChecks: 1,
    refundFollowAt: stillProcessing.ranAt + 2 * MINUTE,
  });
  await shop.advanceClock(MINUTE);
  expect((await runWorker()).follow.pending).toBe(0);

  await shop.advanceClock(MINUTE);
  const settled = await runWorker();
  expect(settled.follow.settled).toEqual([{ transactionId: item._id, outRefundNo, status: 'SUCCESS' }]);
  const after = await inboxItem(order.orderNo);
  expect(after).toMatchObject({ state: 'REFUNDED', refund: { outRefundNo, status: 'SUCCESS' } });
  expect(after.refundFollowAt).toBeUndefined();
  const seen = await buyer.ok('order.detail', { orderId: order._id });
  expect(seen.state).toBe('CLOSED');
  expect(seen.latePayment).toMatchObject({ outRefundNo, refundStatus: 'SUCCESS' });

  // Settled: never asked about again.
  await shop.advanceClock(60 * MINUTE);
  expect((await runWorker()).follow).toEqual({ settled: [], pending: 0, failed: [] });
});

test('an anomaly the merchant refunded is followed too, and an ABNORMAL refund is recorded for the merchant', async () => {
  // The order's amount changed before the payment was applied: an AMOUNT_MISMATCH anomaly.
  const { order } = await paidAfter('follow-anomaly', { 'amounts.payable': 1 });
  await runWorker();
  const { _id: transactionId } = await inboxItem(order.orderNo);
  const outRefundNo = `AR${transactionId}`;
  expect(
    await shop.admin(OWNER, 'payments.settle', { transactionId, how: 'REFUND', note: '金额不符，原路退回' }),
  ).toMatchObject({ ok: true, data: { settlement: { outRefundNo, refundStatus: 'PROCESSING' } } });
  expect(await inboxItem(order.orderNo)).toMatchObject({
    state: 'SETTLED',
    refundFollowAt: expect.any(Number),
  });

  await shop.advanceClock(MINUTE);
  sandbox().injectFault({ operation: 'queryRefund', outRefundNo, refundStatus: 'ABNORMAL' });
  const { follow } = await runWorker();
  expect(follow.settled).toEqual([{ transactionId, outRefundNo, status: 'ABNORMAL' }]);
  const after = await inboxItem(order.orderNo);
  expect(after.settlement).toMatchObject({ outRefundNo, refundStatus: 'ABNORMAL' });
  expect(after.refundFollowAt).toBeUndefined();
  const listed = await shop.admin(OWNER, 'payments.anomalies', { settled: true });
  expect(listed.ok && listed.data.items.find((i) => i.transactionId === transactionId)).toMatchObject({
    settlement: { outRefundNo, refundStatus: 'ABNORMAL' },
  });
});

test('worker runs at once settle a followed refund once', async () => {
  const { order } = await paidAfter('follow-race', { state: 'CANCELLED' });
  await runWorker();
  const { _id: transactionId } = await inboxItem(order.orderNo);
  await shop.advanceClock(MINUTE);
  const runs = await Promise.all(Array.from({ length: 4 }, () => runWorker()));
  const settlements = runs
    .flatMap((run) => run.follow.settled)
    .filter((s) => s.transactionId === transactionId);
  expect(settlements).toEqual([{ transactionId, outRefundNo: `LR${transactionId}`, status: 'SUCCESS' }]);
  expect((await inboxItem(order.orderNo)).refund?.status).toBe('SUCCESS');
});
