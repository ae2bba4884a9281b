/**
 * Payment end to end on the local cloud: prepare → pay in the WeChat Pay sandbox → verified notification →
 * inbox (acknowledged once stored) → applied by order.syncPayment or the worker → PAID, in API v3 and cloudPay
 * modes; every forged or foreign notification refused (401/400 with WeChat Pay's body) with nothing changed, a
 * crash answered 500; genuine notices no order can take kept as anomalies the merchant settles; duplicates
 * applied once; the worker finishing what a dead function left; late payments refunded once per transaction.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { cloudPayCallbackEvent } from '../../emulator/paysandbox/cloudpay-api';
import { ORDER_DEADLINES } from '../../cloudfunctions/common/domain/order-transitions';
import { buildSignedNotification } from '../../cloudfunctions/common/payments/notification';
import type { Transaction } from '../../cloudfunctions/common/payments/types';
import { readPaySandboxKeys, type PaySandboxKeys } from '../../emulator/paysandbox';
import type { Order } from '../../types';
import {
  buyableProduct,
  COLLECTIONS_FILE,
  placeOrder as placeOneOrder,
  SEED_FILE,
  startShopCloud,
  type Buyer,
  type ShopCloud,
} from './shop-cloud';

const {
  product,
  skus: [sku],
} = buyableProduct(1, 50);

function placeOrder(shop: ShopCloud, openid: string, requestId: string) {
  return placeOneOrder(shop, openid, { productId: product._id, skuId: sku._id }, requestId);
}

async function sheet(shop: ShopCloud, action: 'pay' | 'fail', outTradeNo: string, openid: string) {
  const response = await fetch(`${shop.cloud.url}/_/paysandbox/${action}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outTradeNo, openid }),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

/** Waits for the sandbox to say the order's notification was delivered: the event, not a sleep. */
async function notificationDelivered(shop: ShopCloud, outTradeNo: string): Promise<void> {
  expect(await shop.cloud.cloud.paySandbox.notificationSettled(outTradeNo)).toMatchObject({
    delivered: true,
  });
}

/** What the order page does after the payment sheet: order.syncPayment, which applies the stored notice. */
async function syncPayment(buyer: Buyer, orderId: string): Promise<Order> {
  return buyer.ok('order.syncPayment', { orderId });
}

async function inboxOf(shop: ShopCloud, outTradeNo: string) {
  return (await shop.db.collection('payment_inbox').where({ outTradeNo }).get()).data as unknown as {
    _id: string;
    state: string;
    anomaly?: { code: string };
  }[];
}

async function runWorker(shop: ShopCloud) {
  const report = (await shop.invokeAsSystem('worker')) as { ok: boolean; jobs: Record<string, unknown> };
  expect(report.ok).toBe(true);
  return report;
}

describe.each([['sandbox' as const], ['cloudpay' as const]])('in %s mode', (paymentMode) => {
  let shop: ShopCloud;
  beforeAll(async () => {
    shop = await startShopCloud({ paymentMode });
  });
  afterAll(() => shop.close());

  test('prepare → pay → notify → PAID; a repeated prepare reuses the prepay', async () => {
    const { buyer, order } = await placeOrder(shop, `pay-${paymentMode}`, `pay-${paymentMode}-0001`);
    const first = await buyer.ok('order.pay', { orderId: order._id });
    expect(first).toMatchObject({
      orderId: order._id,
      orderNo: order.orderNo,
      amount: order.amounts.payable,
    });
    expect(first.params.package).toMatch(/^prepay_id=/);
    expect(first.params.paySign.length).toBeGreaterThan(10);
    const again = await buyer.ok('order.pay', { orderId: order._id });
    expect(again.params).toEqual(first.params);
    expect((await sheet(shop, 'pay', order.orderNo, buyer.openid)).status).toBe(200);
    await notificationDelivered(shop, order.orderNo);
    // Acknowledged once stored, before it is applied: the inbox holds it, the order is not paid yet.
    expect((await inboxOf(shop, order.orderNo)).map((i) => i.state)).toEqual(['PENDING']);
    expect((await buyer.ok('order.detail', { orderId: order._id })).state).toBe('TO_PAY');
    const paid = await syncPayment(buyer, order._id);
    expect(paid.state).toBe('PAID');
    expect(paid.payment?.paidAmount).toBe(order.amounts.payable);
    expect(paid.timeline.filter((t) => t.state === 'PAID')).toHaveLength(1);
    expect((await inboxOf(shop, order.orderNo)).map((i) => i.state)).toEqual(['APPLIED']);
    expect(await buyer.call('order.pay', { orderId: order._id })).toMatchObject({
      ok: false,
      code: 'ORDER_STATE_CONFLICT',
    });
  });

  test('only the buyer may pay, and only while unpaid and not expired', async () => {
    const { order } = await placeOrder(shop, `pay-owner-${paymentMode}`, `pay-owner-${paymentMode}-1`);
    expect(await shop.buyer('someone-else').call('order.pay', { orderId: order._id })).toMatchObject({
      ok: false,
      code: 'ORDER_NOT_FOUND',
    });
    // Past the payment deadline by the cloud's clock (the worker is not running: the order is still TO_PAY).
    await shop.advanceClock(ORDER_DEADLINES.payWithin);
    expect(
      await shop.buyer(`pay-owner-${paymentMode}`).call('order.pay', { orderId: order._id }),
    ).toMatchObject({ ok: false, code: 'ORDER_EXPIRED' });
  });
});

describe('API v3 notifications', () => {
  let shop: ShopCloud;
  let keys: PaySandboxKeys;
  let template: Transaction;

  beforeAll(async () => {
    shop = await startShopCloud({ paymentMode: 'sandbox' });
    keys = readPaySandboxKeys(shop.cloud.dataDir)!;
    const { buyer, order } = await placeOrder(shop, 'v3-template', 'v3-template-0001');
    await buyer.ok('order.pay', { orderId: order._id });
    await sheet(shop, 'pay', order.orderNo, buyer.openid);
    await notificationDelivered(shop, order.orderNo);
    await syncPayment(buyer, order._id);
    const item = (await shop.db.collection('payment_inbox').where({ outTradeNo: order.orderNo }).get())
      .data[0] as unknown as {
      transaction: { appid: string; mchid: string };
    };
    template = {
      appid: item.transaction.appid,
      mchid: item.transaction.mchid,
      out_trade_no: '',
      transaction_id: '',
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      bank_type: 'OTHERS',
      success_time: new Date().toISOString().replace(/\.\d+Z$/, '+00:00'),
      payer: { openid: 'v3-template' },
      amount: { total: 0, payer_total: 0, currency: 'CNY', payer_currency: 'CNY' },
    };
  });
  afterAll(() => shop.close());

  function notification(
    order: Order,
    overrides: Partial<Transaction> = {},
    signer = { serial: keys.wechatpayPublicKeyId, privateKey: keys.wechatpayPrivateKeyPem },
  ) {
    const transaction: Transaction = {
      ...template,
      out_trade_no: order.orderNo,
      transaction_id: `4200${order.orderNo.slice(-12)}${overrides.transaction_id ?? ''}`,
      payer: { openid: order.openid },
      amount: {
        total: order.amounts.payable,
        payer_total: order.amounts.payable,
        currency: 'CNY',
        payer_currency: 'CNY',
      },
      ...overrides,
    };
    if (overrides.transaction_id) transaction.transaction_id = overrides.transaction_id;
    return buildSignedNotification({ transaction, apiV3Key: keys.apiV3Key, signer });
  }

  async function deliverWithBody(signed: { headers: Record<string, string>; body: string }) {
    const response = await fetch(`${shop.cloud.url}/http/payNotify`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
    });
    const text = await response.text();
    return { status: response.status, body: text === '' ? undefined : (JSON.parse(text) as unknown) };
  }

  async function deliver(signed: { headers: Record<string, string>; body: string }) {
    return (await deliverWithBody(signed)).status;
  }

  test.each([
    [
      'a forged signature',
      401,
      (o: Order) =>
        notification(o, {}, { serial: keys.wechatpayPublicKeyId, privateKey: keys.merchantPrivateKeyPem }),
    ],
    [
      'an unknown serial',
      401,
      (o: Order) =>
        notification(
          o,
          {},
          { serial: 'PUB_KEY_ID_0000000000000000000000000000', privateKey: keys.wechatpayPrivateKeyPem },
        ),
    ],
    [
      'a stale timestamp',
      401,
      (o: Order) => ({
        ...notification(o),
        headers: {
          ...notification(o).headers,
          'Wechatpay-Timestamp': String(Math.floor(Date.now() / 1000) - 600),
        },
      }),
    ],
    [
      'a tampered ciphertext',
      401,
      (o: Order) => {
        const signed = notification(o);
        const envelope = JSON.parse(signed.body) as { resource: { ciphertext: string } };
        const bytes = Buffer.from(envelope.resource.ciphertext, 'base64');
        bytes[3] ^= 0xff;
        envelope.resource.ciphertext = bytes.toString('base64');
        return { headers: signed.headers, body: JSON.stringify(envelope) };
      },
    ],
    ['a wrong mchid', 400, (o: Order) => notification(o, { mchid: '1234567890' })],
    ['a wrong appid', 400, (o: Order) => notification(o, { appid: 'wx1111111111111111' })],
  ])(
    "%s is refused with %i and WeChat Pay's failure body; nothing is stored",
    async (what, status, build) => {
      const { order } = await placeOrder(
        shop,
        `forged-${what}`,
        `forged-${what.replace(/\W/g, '')}-01`.slice(0, 60),
      );
      const answer = await deliverWithBody(build(order));
      expect(answer.status).toBe(status);
      expect(answer.body).toEqual({ code: 'FAIL', message: expect.any(String) });
      await runWorker(shop);
      expect((await shop.buyer(`forged-${what}`).ok('order.detail', { orderId: order._id })).state).toBe(
        'TO_PAY',
      );
      expect(await inboxOf(shop, order.orderNo)).toEqual([]);
    },
  );

  test.each([
    [
      'another amount',
      'AMOUNT_MISMATCH',
      (o: Order) =>
        notification(o, {
          amount: {
            total: o.amounts.payable - 1,
            payer_total: o.amounts.payable - 1,
            currency: 'CNY',
            payer_currency: 'CNY',
          },
        }),
    ],
    ['another payer', 'PAYER_MISMATCH', (o: Order) => notification(o, { payer: { openid: 'someone-else' } })],
    [
      'no order of the shop',
      'UNKNOWN_ORDER',
      (o: Order) => notification({ ...o, orderNo: `2099${o.orderNo.slice(4)}` }),
    ],
  ])(
    'a genuine payment of %s is acknowledged, kept as an anomaly %s, and never pays the order',
    async (what, code, build) => {
      const openid = `anomaly-${code.toLowerCase()}`;
      const { buyer, order } = await placeOrder(shop, openid, `${openid}-0001`);
      const signed = build(order);
      // The transaction id notification() gives (the order number's tail, kept by the unknown-order case).
      const transactionId = `4200${order.orderNo.slice(-12)}`;
      expect(await deliver(signed)).toBe(204);
      expect((await shop.db.collection('payment_inbox').doc(transactionId).get()).data).toMatchObject({
        state: 'PENDING',
      });
      // The buyer's sync applies what the inbox holds for the order: an anomaly never pays it.
      expect((await buyer.ok('order.syncPayment', { orderId: order._id })).state).toBe('TO_PAY');
      await runWorker(shop);
      expect((await shop.db.collection('payment_inbox').doc(transactionId).get()).data).toMatchObject({
        state: 'ANOMALY',
        anomaly: { code },
      });
      expect((await buyer.ok('order.detail', { orderId: order._id })).state).toBe('TO_PAY');
      // Delivered again: still one item, still an anomaly, and the worker leaves it alone.
      expect(await deliver(signed)).toBe(204);
      await runWorker(shop);
      expect((await shop.db.collection('payment_inbox').doc(transactionId).get()).data).toMatchObject({
        state: 'ANOMALY',
        attempts: 0,
      });
      void what;
    },
  );

  test('one notification delivered 10 times at once and out of order is applied once', async () => {
    const { buyer, order } = await placeOrder(shop, 'dup-buyer', 'dup-buyer-00001');
    const copies = Array.from({ length: 10 }, () =>
      notification(order, { transaction_id: `4200dup${order.orderNo.slice(-10)}` }),
    );
    const statuses = await Promise.all(copies.reverse().map(deliver));
    expect(statuses.every((s) => s === 204)).toBe(true);
    expect((await inboxOf(shop, order.orderNo)).map((i) => i.state)).toEqual(['PENDING']);
    await Promise.all([runWorker(shop), syncPayment(buyer, order._id), runWorker(shop)]);
    const paid = await buyer.ok('order.detail', { orderId: order._id });
    expect(paid.state).toBe('PAID');
    expect(paid.timeline.filter((t) => t.state === 'PAID')).toHaveLength(1);
    expect((await inboxOf(shop, order.orderNo)).map((i) => i.state)).toEqual(['APPLIED']);
  });

  test('a notice stored by a function that died before applying it is applied by the next worker run', async () => {
    const { buyer, order } = await placeOrder(shop, 'died-buyer', 'died-buyer-00001');
    const now = shop.now();
    await shop.db.collection('payment_inbox').add({
      data: {
        _id: `4200died${order.orderNo.slice(-10)}`,
        outTradeNo: order.orderNo,
        source: 'notify',
        transaction: {
          outTradeNo: order.orderNo,
          transactionId: `4200died${order.orderNo.slice(-10)}`,
          state: 'SUCCESS',
          totalFen: order.amounts.payable,
          payerTotalFen: order.amounts.payable,
          payerOpenid: order.openid,
          paidAt: now,
          appid: template.appid,
          mchid: template.mchid,
        },
        state: 'PENDING',
        receivedAt: now,
        attempts: 0,
        nextAttemptAt: now,
      },
    });
    await shop.invokeAsSystem('worker');
    expect((await buyer.ok('order.detail', { orderId: order._id })).state).toBe('PAID');
    expect((await inboxOf(shop, order.orderNo)).map((i) => i.state)).toEqual(['APPLIED']);
  });

  test('a payment arriving after the order closed is refunded automatically and the order says so', async () => {
    const { buyer, order } = await placeOrder(shop, 'late-buyer', 'late-buyer-00001');
    await buyer.ok('order.pay', { orderId: order._id });
    // The order closed here while WeChat Pay still took the buyer's money.
    await shop.db
      .collection('orders')
      .doc(order._id)
      .update({ data: { state: 'CLOSED' } });
    expect((await sheet(shop, 'pay', order.orderNo, buyer.openid)).status).toBe(200);
    await notificationDelivered(shop, order.orderNo);
    await runWorker(shop);
    const after = await buyer.ok('order.detail', { orderId: order._id });
    expect(after.state).toBe('CLOSED');
    expect(after.latePayment).toMatchObject({ amount: order.amounts.payable });
    expect((await inboxOf(shop, order.orderNo)).map((i) => i.state)).toEqual(['REFUNDED']);
  });

  test('the timeout close racing a late notification ends consistent: paid, or closed and never charged', async () => {
    const { buyer, order } = await placeOrder(shop, 'race-buyer', 'race-buyer-00001');
    await buyer.ok('order.pay', { orderId: order._id });
    await shop.db
      .collection('orders')
      .doc(order._id)
      .update({ data: { expiresAt: shop.now() - 1 } });
    const [, payment] = await Promise.all([
      shop.invokeAsSystem('worker'),
      sheet(shop, 'pay', order.orderNo, buyer.openid),
    ]);
    await notificationDelivered(shop, order.orderNo);
    await runWorker(shop);
    const after = await buyer.ok('order.detail', { orderId: order._id });
    if (payment.status === 200) {
      // The buyer was charged: the order is paid, or it closed first and the money went back.
      expect(after.state === 'PAID' || (after.state === 'CLOSED' && after.latePayment !== undefined)).toBe(
        true,
      );
    } else {
      // WeChat Pay refused the payment because the order was closed there first.
      expect({ status: payment.status, state: after.state }).toEqual({ status: 409, state: 'CLOSED' });
    }
  });
});

describe('a late payment delivered again and again', () => {
  let shop: ShopCloud;
  beforeAll(async () => {
    shop = await startShopCloud({ paymentMode: 'cloudpay' });
  });
  afterAll(() => shop.close());

  async function refundCalls(): Promise<{ args: Record<string, unknown> }[]> {
    const response = await fetch(`${shop.cloud.url}/_/cloudcalls?name=cloudPay.refund`);
    return ((await response.json()) as { calls: { args: Record<string, unknown> }[] }).calls;
  }

  test('after the buyer cancelled, redelivered 3× and applied by every path: one refund request, one note', async () => {
    const { buyer, order } = await placeOrder(shop, 'late-again', 'late-again-00001');
    await buyer.ok('order.pay', { orderId: order._id });
    // The buyer cancelled here while WeChat Pay still took the money.
    await shop.db
      .collection('orders')
      .doc(order._id)
      .update({ data: { state: 'CANCELLED' } });
    const paid = await shop.cloud.cloud.paySandbox.pay(order.orderNo, buyer.openid);
    expect(paid.ok).toBe(true);
    await notificationDelivered(shop, order.orderNo);
    const transaction = shop.cloud.cloud.paySandbox.transaction(order.orderNo)!;
    // WeChat delivers the callback again, three times, all at once.
    const again = () =>
      shop.cloud.cloud.runtime.invoke({
        functionName: 'payCallback',
        event: cloudPayCallbackEvent(transaction),
        caller: { source: 'wx_paycallback', appid: transaction.appid },
        trigger: 'callFunction',
      });
    const answers = await Promise.all([again(), again(), again()]);
    for (const answer of answers) expect(answer).toMatchObject({ ok: true, result: { errcode: 0 } });
    // Applied by the worker (twice at once) and the buyer's sync, racing.
    await Promise.all([
      runWorker(shop),
      runWorker(shop),
      buyer.call('order.syncPayment', { orderId: order._id }),
    ]);
    await runWorker(shop);

    const calls = (await refundCalls()).filter((call) => call.args.out_trade_no === order.orderNo);
    expect(calls).toHaveLength(1);
    const after = await buyer.ok('order.detail', { orderId: order._id });
    expect(after.state).toBe('CANCELLED');
    expect(after.timeline.filter((t) => t.note === '订单关闭后收到支付，款项已原路退回')).toHaveLength(1);
    expect(after.latePayment).toMatchObject({ amount: order.amounts.payable });
    expect((await inboxOf(shop, order.orderNo)).map((i) => i.state)).toEqual(['REFUNDED']);
    expect(shop.cloud.cloud.paySandbox.transaction(order.orderNo)?.refundedFen).toBe(order.amounts.payable);
  });
});

describe('the merchant settles payment anomalies', () => {
  const OWNER = 'anomaly-owner';
  let shop: ShopCloud;
  beforeAll(async () => {
    shop = await startShopCloud({ paymentMode: 'sandbox', functionEnv: { SHOP_ADMIN_OPENIDS: OWNER } });
  });
  afterAll(() => shop.close());

  /** A real payment whose order changed its amount before the notice was applied: an AMOUNT_MISMATCH. */
  async function anomaly(openid: string) {
    const { buyer, order } = await placeOrder(shop, openid, `${openid}-00001`);
    await buyer.ok('order.pay', { orderId: order._id });
    expect((await sheet(shop, 'pay', order.orderNo, buyer.openid)).status).toBe(200);
    await notificationDelivered(shop, order.orderNo);
    await shop.db
      .collection('orders')
      .doc(order._id)
      .update({ data: { 'amounts.payable': order.amounts.payable + 100 } });
    await runWorker(shop);
    const [item] = await inboxOf(shop, order.orderNo);
    expect(item).toMatchObject({ state: 'ANOMALY', anomaly: { code: 'AMOUNT_MISMATCH' } });
    return { buyer, order, transactionId: item._id };
  }

  test('listed for every role; refunded once through WeChat Pay however often it is settled, 20 at once; audited once', async () => {
    const { order, transactionId } = await anomaly('anomaly-refund');
    const listed = await shop.admin(OWNER, 'payments.anomalies', {});
    expect(listed).toMatchObject({ ok: true });
    const open = listed.ok ? listed.data.items.find((i) => i.transactionId === transactionId) : undefined;
    expect(open).toMatchObject({
      outTradeNo: order.orderNo,
      amount: order.amounts.payable,
      code: 'AMOUNT_MISMATCH',
      state: 'OPEN',
    });

    const settle = () =>
      shop.admin(OWNER, 'payments.settle', { transactionId, how: 'REFUND', note: '金额不符，原路退回' });
    // Twenty staff at once: one settles (and is audited), all are answered the settled anomaly.
    const answers = await Promise.all(Array.from({ length: 20 }, settle));
    for (const answer of answers)
      expect(answer).toMatchObject({
        ok: true,
        data: { state: 'REFUNDED', settlement: { by: OWNER, outRefundNo: `AR${transactionId}` } },
      });
    expect(await settle()).toMatchObject({ ok: true, data: { state: 'REFUNDED' } });
    expect(shop.cloud.cloud.paySandbox.transaction(order.orderNo)?.refundedFen).toBe(order.amounts.payable);
    const settled = await shop.admin(OWNER, 'payments.anomalies', { settled: true });
    expect(settled.ok && settled.data.items.map((i) => i.transactionId)).toContain(transactionId);
    const audit = await shop.admin(OWNER, 'audit.list', {});
    const entries = audit.ok
      ? audit.data.items.filter((e) => e.action === 'payments.settle' && e.target.id === transactionId)
      : [];
    expect(entries).toEqual([
      expect.objectContaining({
        actor: OWNER,
        before: expect.objectContaining({ state: 'ANOMALY' }),
        after: expect.objectContaining({ state: 'SETTLED' }),
      }),
    ]);
  });

  test('marked handled with a note; bad input and unknown notices change nothing', async () => {
    const { transactionId } = await anomaly('anomaly-handled');
    expect(
      await shop.admin(OWNER, 'payments.settle', { transactionId, how: 'HANDLED', note: '' }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(
      await shop.admin(OWNER, 'payments.settle', {
        transactionId: 'no-such-transaction',
        how: 'HANDLED',
        note: '已处理',
      }),
    ).toMatchObject({ ok: false, code: 'NOT_FOUND' });
    expect(
      await shop.admin(OWNER, 'payments.settle', { transactionId, how: 'HANDLED', note: '已与买家线下沟通' }),
    ).toMatchObject({
      ok: true,
      data: { state: 'HANDLED', settlement: { note: '已与买家线下沟通', by: OWNER } },
    });
  });
});

describe('a notify function that cannot store the notice', () => {
  let shop: ShopCloud;
  let dir: string;
  beforeAll(async () => {
    // A database without the inbox collection: every inbox write fails as CloudBase fails it.
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'no-inbox-'));
    const declared = JSON.parse(fs.readFileSync(COLLECTIONS_FILE, 'utf8')) as {
      collections: { name: string }[];
    };
    const collectionsFile = path.join(dir, 'collections.json');
    fs.writeFileSync(
      collectionsFile,
      JSON.stringify({
        ...declared,
        collections: declared.collections.filter((c) => c.name !== 'payment_inbox'),
      }),
    );
    const seed = JSON.parse(fs.readFileSync(SEED_FILE, 'utf8')) as Record<string, unknown>;
    delete seed.payment_inbox;
    const seedFile = path.join(dir, 'seed.json');
    fs.writeFileSync(seedFile, JSON.stringify(seed));
    shop = await startShopCloud({ paymentMode: 'sandbox', collectionsFile, seedFile });
  });
  afterAll(async () => {
    await shop?.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  test("answers 500 with WeChat Pay's failure body, so WeChat Pay delivers it again", async () => {
    const { buyer, order } = await placeOrder(shop, 'crash-buyer', 'crash-buyer-00001');
    await buyer.ok('order.pay', { orderId: order._id });
    expect((await sheet(shop, 'pay', order.orderNo, buyer.openid)).status).toBe(200);
    // Not delivered, so it is owed until WeChat Pay gives up: wait for a try to be answered instead.
    await shop.cloud.cloud.paySandbox.flushNotifications();
    const progress = shop.cloud.cloud.paySandbox.transaction(order.orderNo)?.notification;
    expect(progress).toMatchObject({ delivered: false, lastOutcome: 'HTTP 500' });
  });
});
