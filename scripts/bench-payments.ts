/**
 * `npm run bench:payments`: how long from the buyer paying in the sandbox to order.syncPayment answering PAID
 * (p50, p99), how many notifications are verified per second in-process, how many first payments payNotify
 * acknowledges per second (every answer checked, every notice stored), and how fast the worker applies them
 * (every order checked PAID). Runs on the local cloud in sandbox mode; records the figures in docs/benchmarks.md.
 */
import { buildSignedNotification } from '../cloudfunctions/common/payments/notification';
import { createKeyResolver } from '../cloudfunctions/common/payments/keys';
import { verifyTransactionNotification } from '../cloudfunctions/common/payments/notification';
import type { Transaction } from '../cloudfunctions/common/payments/types';
import { readPaySandboxKeys } from '../emulator/paysandbox';
import { connectSdk } from '../test/support/local-cloud';
import { markdownTable, recordBenchmark } from './lib/benchmarks-doc';
import { percentile, runLoad, startBenchShop, type BenchShop } from './lib/bench-shop';

const ADDRESS = {
  name: '压测买家',
  mobile: '13800000000',
  province: '上海市',
  city: '上海市',
  district: '浦东新区',
  detail: '世纪大道 1 号',
  isDefault: true,
};
const ORDERS = 100;
/** First payments notified through payNotify. */
const NOTICES = 200;

interface OrderRef {
  _id: string;
  orderNo: string;
  openid: string;
  payable: number;
}

async function placeOrders(shop: BenchShop, count: number, prefix: string): Promise<OrderRef[]> {
  const openid = `${prefix}-buyer`;
  const address = (await shop.call('shop', openid, { action: 'address.add', ...ADDRESS })).data as {
    _id: string;
  };
  const items = [{ productId: 'p001', skuId: 'bench-pay-sku', quantity: 1 }];
  const orders: OrderRef[] = [];
  for (let i = 0; i < count; i += 1) {
    const answer = await shop.call('shop', openid, {
      action: 'order.create',
      items,
      addressId: address._id,
      couponId: null,
      requestId: `${prefix}-${i}`,
      expectedPayable: 2000,
    });
    const order = answer.data as { _id: string; orderNo: string; amounts: { payable: number } };
    orders.push({ _id: order._id, orderNo: order.orderNo, openid, payable: order.amounts.payable });
  }
  return orders;
}

interface StoredView {
  state: string;
}

async function stateOf(db: ReturnType<ReturnType<typeof connectSdk>['database']>, orderId: string) {
  return ((await db.collection('orders').doc(orderId).get()).data as unknown as StoredView).state;
}

async function main(): Promise<void> {
  // One bench buyer places hundreds of unpaid orders: the per-buyer limits are not what this measures.
  const shop = await startBenchShop({
    functionEnv: { SHOP_MAX_UNPAID_ORDERS: '10000', SHOP_MAX_UNPAID_UNITS_PER_SKU: '10000' },
  });
  const db = connectSdk(`${shop.cloud.url}/admin`).database();
  try {
    await db.collection('skus').add({
      data: {
        _id: 'bench-pay-sku',
        productId: 'p001',
        specValues: ['白色', 'S'],
        price: 1000,
        originalPrice: 2000,
        stock: 1_000_000,
        sold: 0,
        onSale: true,
      },
    });

    // 1. What the buyer sees: pay in the sandbox sheet, then the order page's order.syncPayment (which applies
    //    the stored notification, or asks WeChat Pay when it has not arrived) answers PAID. One at a time.
    const orders = await placeOrders(shop, ORDERS + 1, 'bench-pay');
    const latencies: number[] = [];
    let coldMs = 0;
    for (const [index, order] of orders.entries()) {
      const prepared = await shop.call('shop', order.openid, { action: 'order.pay', orderId: order._id });
      if (!prepared.ok) throw new Error(`order.pay failed: ${prepared.code}`);
      const started = performance.now();
      const sheet = await fetch(`${shop.cloud.url}/_/paysandbox/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ outTradeNo: order.orderNo, openid: order.openid }),
      });
      if (sheet.status !== 200)
        throw new Error(`the sandbox refused to pay ${order.orderNo}: ${sheet.status}`);
      const synced = await shop.call('shop', order.openid, {
        action: 'order.syncPayment',
        orderId: order._id,
      });
      const state = synced.ok ? (synced.data as StoredView).state : `failed ${synced.code}`;
      if (state !== 'PAID') throw new Error(`${order.orderNo} reads ${state} after order.syncPayment`);
      // The first payment starts the function instances: reported apart as the cold case.
      if (index === 0) coldMs = performance.now() - started;
      else latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);
    await shop.cloud.paySandbox.flushNotifications();

    // 2. Verification alone, in-process: signature, serial, timestamp, AES-256-GCM, appid and mchid.
    const keys = readPaySandboxKeys(shop.dataDir);
    if (!keys) throw new Error('the sandbox made no keys');
    const appid = 'wx0000000000000000';
    const transaction = (order: OrderRef, n: number): Transaction => ({
      appid,
      mchid: keys.mchid,
      out_trade_no: order.orderNo,
      transaction_id: `4200bench${String(n).padStart(10, '0')}`,
      trade_type: 'JSAPI',
      trade_state: 'SUCCESS',
      trade_state_desc: '支付成功',
      bank_type: 'OTHERS',
      success_time: new Date().toISOString().replace(/\.\d+Z$/, '+00:00'),
      payer: { openid: order.openid },
      amount: { total: order.payable, payer_total: order.payable, currency: 'CNY', payer_currency: 'CNY' },
    });
    const signer = { serial: keys.wechatpayPublicKeyId, privateKey: keys.wechatpayPrivateKeyPem };
    const resolveKey = createKeyResolver({
      publicKeys: { [keys.wechatpayPublicKeyId]: keys.wechatpayPublicKeyPem },
    });
    // First payments only: fresh unpaid orders, one notification (its own transaction) each.
    const fresh = await placeOrders(shop, NOTICES, 'bench-notify');
    const samples = fresh.map((order, n) =>
      buildSignedNotification({ transaction: transaction(order, n), apiV3Key: keys.apiV3Key, signer }),
    );
    const verifyRounds = 2000;
    const verifyStarted = performance.now();
    for (let i = 0; i < verifyRounds; i += 1) {
      const sample = samples[i % samples.length];
      const check = verifyTransactionNotification({
        headers: sample.headers,
        body: sample.body,
        resolveKey,
        apiV3Key: keys.apiV3Key,
        expected: { appid, mchid: keys.mchid },
        now: new Date(),
      });
      if (!check.ok) throw new Error(`a valid notification failed verification: ${check.reason}`);
    }
    const verifiedPerSecond = verifyRounds / ((performance.now() - verifyStarted) / 1000);

    // 3. First payments through the notify function (HTTP access): verify, store in the inbox, answer 204.
    //    A connection the local cloud resets gets no answer: it is delivered again, as WeChat Pay would, and
    //    counted in the figures.
    let resets = 0;
    const { latencies: notifyLatencies, seconds } = await runLoad(NOTICES, 16, async (index) => {
      const sample = samples[index];
      for (let tries = 1; ; tries += 1) {
        let response: Response;
        try {
          response = await fetch(`${shop.cloud.url}/http/payNotify`, {
            method: 'POST',
            headers: sample.headers,
            body: sample.body,
          });
        } catch (error) {
          resets += 1;
          if (tries >= 3) throw error;
          continue;
        }
        await response.arrayBuffer();
        if (response.status !== 204)
          throw new Error(`payNotify answered ${response.status} to notice ${index}`);
        return;
      }
    });
    for (const order of fresh) {
      const stored = (await db.collection('payment_inbox').where({ outTradeNo: order.orderNo }).get())
        .data as unknown as { state: string }[];
      if (stored.length !== 1 || stored[0].state !== 'PENDING')
        throw new Error(`${order.orderNo}: the inbox holds ${JSON.stringify(stored.map((i) => i.state))}`);
    }

    // 4. Applied by the worker's drain (50 a run), until every one of those orders reads PAID.
    const drainStarted = performance.now();
    let runs = 0;
    for (;;) {
      runs += 1;
      const report = (await (
        await fetch(`${shop.cloud.url}/functions/worker`, { method: 'POST', body: '{}' })
      ).json()) as { jobs: { drainPaymentInbox: { ok: boolean; result?: { applied: number } } } };
      const drain = report.jobs.drainPaymentInbox;
      if (!drain.ok) throw new Error(`the worker's drain failed: ${JSON.stringify(drain)}`);
      if ((drain.result?.applied ?? 0) === 0) break;
      if (runs > NOTICES) throw new Error('the drain does not finish');
    }
    const drainSeconds = (performance.now() - drainStarted) / 1000;
    for (const order of fresh) {
      const state = await stateOf(db, order._id);
      if (state !== 'PAID') throw new Error(`${order.orderNo} reads ${state} after the worker's drain`);
    }

    const body = [
      '## Payments',
      '',
      `\`npm run bench:payments\` (local cloud in sandbox mode, real wx-server-sdk, ${new Date().toISOString().slice(0, 10)}):`,
      '',
      markdownTable(
        ['measure', 'figure'],
        [
          [
            `payment in the sandbox sheet → order.syncPayment answers PAID, p50 (${ORDERS} payments, one at a time)`,
            `${percentile(latencies, 50).toFixed(1)} ms`,
          ],
          [
            'payment in the sandbox sheet → order.syncPayment answers PAID, p99',
            `${percentile(latencies, 99).toFixed(1)} ms`,
          ],
          ['the first payment, functions starting cold', `${coldMs.toFixed(1)} ms`],
          [
            'notifications verified per second, in-process (RSA-SHA256 + AES-256-GCM + checks)',
            verifiedPerSecond.toFixed(0),
          ],
          [
            `first payments acknowledged per second through payNotify (verify + inbox write, ${NOTICES} notices, concurrency 16, every answer 204 and stored)`,
            `${(NOTICES / seconds).toFixed(1)}${resets ? ` (${resets} connections reset, delivered again)` : ''}`,
          ],
          [
            'payNotify latency p50 / p99 (the acknowledgement WeChat Pay waits for)',
            `${percentile(notifyLatencies, 50).toFixed(1)} / ${percentile(notifyLatencies, 99).toFixed(1)} ms`,
          ],
          [
            `those ${NOTICES} notices applied by the worker (${runs} runs of 50), every order then PAID`,
            `${drainSeconds.toFixed(1)} s (${(NOTICES / drainSeconds).toFixed(1)} per second)`,
          ],
        ],
      ),
    ].join('\n');
    console.log(body);
    recordBenchmark('payments', body);
  } finally {
    await shop.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
