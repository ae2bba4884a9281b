/**
 * Payment end to end on the local cloud: prepare → pay in the WeChat Pay sandbox → verified notification →
 * inbox → PAID, in API v3 and cloudPay modes; every forged or foreign notification refused with nothing
 * changed; duplicates applied once; the worker finishing what a dead function left; late payments refunded.
 */
import { ORDER_DEADLINES } from '../../cloudfunctions/common/domain/order-transitions';
import { buildSignedNotification } from '../../cloudfunctions/common/payments/notification';
import type { Transaction } from '../../cloudfunctions/common/payments/types';
import { readPaySandboxKeys, type PaySandboxKeys } from '../../emulator/paysandbox';
import type { Order } from '../../types';
import {
  buyableProduct,
  placeOrder as placeOneOrder,
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

async function waitForState(buyer: Buyer, orderId: string, state: string, timeoutMs = 8000): Promise<Order> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const order = await buyer.ok('order.detail', { orderId });
    if (order.state === state || Date.now() > deadline) return order;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

async function inboxOf(shop: ShopCloud, outTradeNo: string) {
  return (await shop.db.collection('payment_inbox').where({ outTradeNo }).get()).data as unknown as {
    _id: string;
    state: string;
  }[];
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
    const paid = await waitForState(buyer, order._id, 'PAID');
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
    await waitForState(buyer, order._id, 'PAID');
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

  async function deliver(signed: { headers: Record<string, string>; body: string }) {
    const response = await fetch(`${shop.cloud.url}/http/payNotify`, {
      method: 'POST',
      headers: signed.headers,
      body: signed.body,
    });
    return response.status;
  }

  test.each([
    [
      'a forged signature',
      (o: Order) =>
        notification(o, {}, { serial: keys.wechatpayPublicKeyId, privateKey: keys.merchantPrivateKeyPem }),
    ],
    [
      'an unknown serial',
      (o: Order) =>
        notification(
          o,
          {},
          { serial: 'PUB_KEY_ID_0000000000000000000000000000', privateKey: keys.wechatpayPrivateKeyPem },
        ),
    ],
    [
      'a stale timestamp',
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
      (o: Order) => {
        const signed = notification(o);
        const envelope = JSON.parse(signed.body) as { resource: { ciphertext: string } };
        const bytes = Buffer.from(envelope.resource.ciphertext, 'base64');
        bytes[3] ^= 0xff;
        envelope.resource.ciphertext = bytes.toString('base64');
        return { headers: signed.headers, body: JSON.stringify(envelope) };
      },
    ],
    [
      'a wrong amount',
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
    ['a wrong mchid', (o: Order) => notification(o, { mchid: '1234567890' })],
    ['a wrong appid', (o: Order) => notification(o, { appid: 'wx1111111111111111' })],
    ['an unknown order', (o: Order) => notification({ ...o, orderNo: '20990101000000000000unknown' })],
  ])('%s is refused and nothing changes', async (what, build) => {
    const { order } = await placeOrder(
      shop,
      `forged-${what}`,
      `forged-${what.replace(/\W/g, '')}-01`.slice(0, 60),
    );
    const status = await deliver(build(order));
    expect(status).toBeGreaterThanOrEqual(400);
    expect((await shop.buyer(`forged-${what}`).ok('order.detail', { orderId: order._id })).state).toBe(
      'TO_PAY',
    );
    expect(await inboxOf(shop, order.orderNo)).toEqual([]);
  });

  test('one notification delivered 10 times at once and out of order is applied once', async () => {
    const { buyer, order } = await placeOrder(shop, 'dup-buyer', 'dup-buyer-00001');
    const copies = Array.from({ length: 10 }, () =>
      notification(order, { transaction_id: `4200dup${order.orderNo.slice(-10)}` }),
    );
    const statuses = await Promise.all(copies.reverse().map(deliver));
    expect(statuses.every((s) => s === 204 || s === 200)).toBe(true);
    const paid = await buyer.ok('order.detail', { orderId: order._id });
    expect(paid.state).toBe('PAID');
    expect(paid.timeline.filter((t) => t.state === 'PAID')).toHaveLength(1);
    expect(await inboxOf(shop, order.orderNo)).toHaveLength(1);
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
    const deadline = Date.now() + 8000;
    let after = await buyer.ok('order.detail', { orderId: order._id });
    while (!after.latePayment && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await buyer.ok('order.detail', { orderId: order._id });
    }
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
    await shop.invokeAsSystem('worker');
    const deadline = Date.now() + 8000;
    let after = await buyer.ok('order.detail', { orderId: order._id });
    while (payment.status === 200 && after.state !== 'PAID' && !after.latePayment && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await buyer.ok('order.detail', { orderId: order._id });
    }
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
