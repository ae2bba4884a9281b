/**
 * `npm run bench:payments`: how long from the buyer paying in the sandbox to the order reading PAID (p50, p99),
 * and how many payment notifications are verified per second, in-process and through the notify function.
 * Runs on the local cloud in sandbox mode; records the figures in docs/benchmarks.md.
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

async function main(): Promise<void> {
  const shop = await startBenchShop();
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

    // 1. Payment to PAID, one at a time: prepay, pay in the sandbox sheet, wait until the order reads PAID.
    const orders = await placeOrders(shop, ORDERS + 1, 'bench-pay');
    const latencies: number[] = [];
    let coldMs = 0;
    for (const [index, order] of orders.entries()) {
      await shop.call('shop', order.openid, { action: 'order.pay', orderId: order._id });
      const started = performance.now();
      await fetch(`${shop.cloud.url}/_/paysandbox/pay`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ outTradeNo: order.orderNo, openid: order.openid }),
      });
      for (;;) {
        const state = (
          (await db.collection('orders').doc(order._id).get()).data as unknown as { state: string }
        ).state;
        if (state === 'PAID') break;
        await new Promise((resolve) => setTimeout(resolve, 2));
      }
      // The first payment starts the notify function's instance: reported apart as the cold case.
      if (index === 0) coldMs = performance.now() - started;
      else latencies.push(performance.now() - started);
    }
    latencies.sort((a, b) => a - b);

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
    const samples = orders
      .slice(1)
      .map((order, n) =>
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

    // 3. Through the notify function (HTTP access): verify, check the order, inbox (duplicates), answer.
    const total = 400;
    const { latencies: notifyLatencies, seconds } = await runLoad(total, 16, async (index) => {
      const sample = samples[index % samples.length];
      const response = await fetch(`${shop.cloud.url}/http/payNotify`, {
        method: 'POST',
        headers: sample.headers,
        body: sample.body,
      });
      await response.arrayBuffer();
    });

    const body = [
      '## Payments',
      '',
      `\`npm run bench:payments\` (local cloud in sandbox mode, real wx-server-sdk, ${new Date().toISOString().slice(0, 10)}):`,
      '',
      markdownTable(
        ['measure', 'figure'],
        [
          [
            `payment in the sandbox → order reads PAID, p50 (${ORDERS} payments, one at a time)`,
            `${percentile(latencies, 50).toFixed(1)} ms`,
          ],
          ['payment in the sandbox → order reads PAID, p99', `${percentile(latencies, 99).toFixed(1)} ms`],
          ['the first payment, notify function starting cold', `${coldMs.toFixed(1)} ms`],
          [
            'notifications verified per second, in-process (RSA-SHA256 + AES-256-GCM + checks)',
            verifiedPerSecond.toFixed(0),
          ],
          [
            'notifications handled per second through payNotify (HTTP access, concurrency 16)',
            (total / seconds).toFixed(1),
          ],
          [
            'payNotify latency p50 / p99',
            `${percentile(notifyLatencies, 50).toFixed(1)} / ${percentile(notifyLatencies, 99).toFixed(1)} ms`,
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
