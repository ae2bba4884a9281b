/**
 * 到货提醒 on the local cloud: a buyer subscribes to a sold-out SKU (one subscription whatever the number of
 * taps), the merchant raises its stock and the worker tells each subscriber once through
 * `subscribeMessage.send`, a bounded batch per run; a SKU sold out again before the worker keeps its
 * subscribers waiting for the next restock. Stock an order gives back (cancelled, refunded) tells them too.
 */
import { RESTOCK_BATCH } from '../../cloudfunctions/common/services/restock-service';
import { restockSubscriptionId } from '../../cloudfunctions/common/repositories/restock-subscription-repository';
import { payInSandbox, placeOrder, startShopCloud, type ShopCloud } from './shop-cloud';

const MERCHANT = 'restock-merchant';
const TEMPLATES = { shipped: 'TPL_shipped_0000000001', restock: 'TPL_restock_0000000009' };
let shop: ShopCloud;

beforeAll(async () => {
  shop = await startShopCloud({
    functionEnv: { SHOP_ADMIN_OPENIDS: MERCHANT, SHOP_MESSAGE_TEMPLATES: JSON.stringify(TEMPLATES) },
  });
});
afterAll(() => shop.close());

interface CloudCall {
  args: { touser?: string; template_id?: string; page?: string; data?: Record<string, { value: string }> };
  errcode: number;
}

async function restockMessages(): Promise<CloudCall[]> {
  const response = await fetch(`${shop.cloud.url}/_/cloudcalls?name=subscribeMessage.send`);
  const { calls } = (await response.json()) as { calls: CloudCall[] };
  return calls.filter((call) => call.args.template_id === TEMPLATES.restock);
}

async function adjust(skuId: string, delta: number): Promise<void> {
  const answer = await shop.admin(MERCHANT, 'products.adjustStock', { skuId, delta, reason: '到货' });
  expect(answer).toMatchObject({ ok: true });
}

interface WorkerAnswer {
  jobs: { sendRestockNotices: { ok: boolean; result: { due: number; sent: number; waiting: number } } };
}

async function runWorker() {
  const report = (await shop.invokeAsSystem('worker')) as WorkerAnswer;
  expect(report.jobs.sendRestockNotices.ok).toBe(true);
  return report.jobs.sendRestockNotices.result;
}

async function subscription(openid: string, skuId: string) {
  const answer = await shop.db
    .collection('restock_subscriptions')
    .doc(restockSubscriptionId(openid, skuId))
    .get();
  return (answer.data as unknown as Array<Record<string, unknown>>)[0] ?? answer.data;
}

test('an in-stock SKU needs no reminder; an off-sale or unknown one is refused, with nothing recorded', async () => {
  const buyer = shop.buyer('restock-answers');
  expect(await buyer.ok('restock.subscribe', { skuId: 'p001-s01' })).toEqual({ status: 'IN_STOCK' });
  expect(await buyer.call('restock.subscribe', { skuId: 'p004-s02' })).toMatchObject({
    ok: false,
    code: 'PRODUCT_OFF_SALE',
  });
  expect(await buyer.call('restock.subscribe', { skuId: 'nope-s99' })).toMatchObject({
    ok: false,
    code: 'SKU_NOT_FOUND',
  });
  expect(await buyer.call('restock.subscribe', { skuId: 'bad id!' })).toMatchObject({
    ok: false,
    code: 'SKU_NOT_FOUND',
  });
  const { total } = await shop.db
    .collection('restock_subscriptions')
    .where({ openid: 'restock-answers' })
    .count();
  expect(total).toBe(0);
});

test('20 taps at once are one subscription; raising the stock tells each subscriber once, and only them', async () => {
  const sku = 'p005-s09';
  const answers = await Promise.all(
    Array.from({ length: 20 }, () => shop.buyer('restock-a').call('restock.subscribe', { skuId: sku })),
  );
  expect(answers.every((answer) => answer.ok && answer.data.status === 'WAITING')).toBe(true);
  await shop.buyer('restock-b').ok('restock.subscribe', { skuId: sku });
  const { total } = await shop.db.collection('restock_subscriptions').where({ skuId: sku }).count();
  expect(total).toBe(2);

  // Nothing is due before the stock comes back.
  expect(await runWorker()).toEqual({ due: 0, sent: 0, waiting: 0 });
  expect(await restockMessages()).toEqual([]);

  await adjust(sku, 5);
  const runs = await Promise.all([runWorker(), runWorker(), runWorker()]);
  expect(runs.reduce((sum, run) => sum + run.sent, 0)).toBe(2);
  expect(await runWorker()).toEqual({ due: 0, sent: 0, waiting: 0 });

  const sent = await restockMessages();
  expect(sent.map((call) => call.args.touser).sort()).toEqual(['restock-a', 'restock-b']);
  expect(sent[0]).toMatchObject({
    errcode: 0,
    args: {
      page: 'package-goods/detail/index?id=p005',
      data: { thing2: { value: expect.stringContaining('深蓝') }, thing4: { value: expect.any(String) } },
    },
  });
  expect(await subscription('restock-a', sku)).toMatchObject({
    state: 'NOTIFIED',
    outcome: 'SENT',
    round: 1,
  });
});

test('sold out again before the worker: the subscriber waits for the next restock, then is told once', async () => {
  const sku = 'p007-s05';
  await shop.buyer('restock-c').ok('restock.subscribe', { skuId: sku });
  await adjust(sku, 2);
  await adjust(sku, -2);
  expect(await runWorker()).toEqual({ due: 1, sent: 0, waiting: 1 });
  expect(await subscription('restock-c', sku)).toMatchObject({ state: 'WAITING' });

  await adjust(sku, 3);
  expect(await runWorker()).toMatchObject({ sent: 1 });
  expect((await restockMessages()).filter((call) => call.args.touser === 'restock-c')).toHaveLength(1);

  // Told, then sold out again: subscribing anew is the next round, told at the next restock.
  await adjust(sku, -3);
  expect(await shop.buyer('restock-c').ok('restock.subscribe', { skuId: sku })).toEqual({
    status: 'WAITING',
  });
  expect(await subscription('restock-c', sku)).toMatchObject({ state: 'WAITING', round: 2 });
  await adjust(sku, 1);
  expect(await runWorker()).toMatchObject({ sent: 1 });
  expect((await restockMessages()).filter((call) => call.args.touser === 'restock-c')).toHaveLength(2);
});

test(`a run sends at most ${RESTOCK_BATCH}: a crowd of subscribers is told over several runs, each once`, async () => {
  const sku = 'p008-s03';
  const crowd = RESTOCK_BATCH + 10;
  const buyers = Array.from({ length: crowd }, (_, i) => `restock-crowd-${String(i).padStart(3, '0')}`);
  for (let i = 0; i < buyers.length; i += 10)
    await Promise.all(
      buyers.slice(i, i + 10).map((openid) => shop.buyer(openid).ok('restock.subscribe', { skuId: sku })),
    );
  await adjust(sku, 100);
  expect(await runWorker()).toMatchObject({ due: RESTOCK_BATCH, sent: RESTOCK_BATCH });
  expect(await runWorker()).toMatchObject({ due: 10, sent: 10 });
  const told = (await restockMessages()).filter((call) => call.args.touser?.startsWith('restock-crowd-'));
  expect(new Set(told.map((call) => call.args.touser)).size).toBe(crowd);
  expect(told).toHaveLength(crowd);
});

test('stock an order gives back tells the waiting subscribers too: a cancel, then a refund, each once', async () => {
  const item = { productId: 'p002', skuId: 'p002-s08' };
  await shop.db
    .collection('skus')
    .doc(item.skuId)
    .update({ data: { stock: 1 } });
  const toldSubscriber = async () =>
    (await restockMessages()).filter((call) => call.args.touser === 'restock-back').length;

  // The last piece is reserved by an unpaid order: sold out, so the buyer waits.
  const first = await placeOrder(shop, 'restock-first-buyer', item, 'restock-back-0001');
  const waiting = shop.buyer('restock-back');
  expect(await waiting.ok('restock.subscribe', { skuId: item.skuId })).toEqual({ status: 'WAITING' });
  await first.buyer.ok('order.cancel', { orderId: first.order._id });
  expect(await subscription('restock-back', item.skuId)).toMatchObject({ state: 'DUE' });
  expect(await runWorker()).toMatchObject({ sent: 1 });
  expect(await runWorker()).toMatchObject({ due: 0, sent: 0 });
  expect(await toldSubscriber()).toBe(1);

  // Bought and paid by another buyer, sold out again; refunded before shipping, the piece comes back.
  const second = await placeOrder(shop, 'restock-second-buyer', item, 'restock-back-0002');
  await payInSandbox(shop, second.buyer, second.order);
  expect(await waiting.ok('restock.subscribe', { skuId: item.skuId })).toEqual({ status: 'WAITING' });
  await second.buyer.ok('order.requestRefund', { orderId: second.order._id, reason: '拍错了' });
  expect(await shop.admin(MERCHANT, 'refunds.approve', { orderId: second.order._id })).toMatchObject({
    ok: true,
  });
  // The stock comes back when WeChat Pay says the refund succeeded: the worker follows the refund up.
  expect(await subscription('restock-back', item.skuId)).toMatchObject({ state: 'WAITING', round: 2 });
  await shop.advanceClock(5_000);
  await shop.invokeAsSystem('worker', { jobs: ['followRefunds'] });
  expect(await second.buyer.ok('order.detail', { orderId: second.order._id })).toMatchObject({
    state: 'REFUNDED',
  });
  expect(await subscription('restock-back', item.skuId)).toMatchObject({ state: 'DUE', round: 2 });
  expect(await runWorker()).toMatchObject({ sent: 1 });
  expect(await runWorker()).toMatchObject({ due: 0, sent: 0 });
  expect(await toldSubscriber()).toBe(2);
});
