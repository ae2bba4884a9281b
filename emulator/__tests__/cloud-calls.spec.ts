/**
 * Cloud calls on the local cloud, through the real wx-server-sdk in fixture functions: a call config.json does
 * not declare fails with -604101 (cloudPay and openapi alike), the shipping information upload and subscribe
 * messages are validated as WeChat documents them, and every call is listed at GET /_/cloudcalls.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { CloudCallRecord } from '../cloudcalls/call-log';
import { startLocalCloud } from '../server';
import { callFunction, FIXTURES, startTestCloud, type TestCloud } from './runtime-fixture-cloud';

const BUYER = 'oBuyerCloudCalls0001';

interface CallAnswer {
  ok: boolean;
  result?: Record<string, unknown>;
  errCode?: number;
  errMsg?: string;
}

async function cloudCall(test: TestCloud, fn: string, api: string, data: unknown): Promise<CallAnswer> {
  const answer = await callFunction<CallAnswer>(test.cloud, fn, { api, data }, { 'x-wx-openid': BUYER });
  expect(answer.status).toBe(200);
  return answer.body;
}

async function cloudCalls(test: TestCloud, query = ''): Promise<CloudCallRecord[]> {
  const response = await fetch(`${test.cloud.url}/_/cloudcalls${query}`);
  expect(response.status).toBe(200);
  return ((await response.json()) as { calls: CloudCallRecord[] }).calls;
}

function shipping(transactionId: string, overrides: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    order_key: { order_number_type: 2, transaction_id: transactionId },
    logistics_type: 1,
    delivery_mode: 1,
    shipping_list: [{ tracking_no: 'ZT1234567890', express_company: 'ZTO', item_desc: '云上小店 帆布包 ×1' }],
    upload_time: '2026-11-22T10:00:00.000+08:00',
    payer: { openid: BUYER },
    ...overrides,
  };
}

describe('cloud calls on the local cloud', () => {
  let test: TestCloud;
  let transactionId: string;

  beforeAll(async () => {
    test = await startTestCloud({ paymentMode: 'cloudpay', envId: 'cloud-calls-env' });
    const prepaid = await callFunction(
      test.cloud,
      'cloudPayOrder',
      { outTradeNo: 'CC-SHIP-0001', totalFee: 990 },
      { 'x-wx-openid': BUYER },
    );
    expect(prepaid.status).toBe(200);
    await test.cloud.paySandbox.pay('CC-SHIP-0001', BUYER);
    transactionId = test.cloud.paySandbox.transaction('CC-SHIP-0001')?.transactionId ?? '';
    expect(transactionId).not.toBe('');
  });
  afterAll(() => test.stop());

  it('refuses a cloud call the function does not declare with -604101, cloudPay and openapi alike', async () => {
    const openapi = await cloudCall(
      test,
      'cloudCallerBare',
      'wxaSecOrder.uploadShippingInfo',
      shipping(transactionId),
    );
    expect(openapi).toMatchObject({ ok: false, errCode: -604101 });
    const pay = await cloudCall(test, 'cloudCallerBare', 'cloudPay.queryOrder', {
      out_trade_no: 'CC-SHIP-0001',
    });
    expect(pay).toMatchObject({ ok: false, errCode: -604101 });
    const refused = await cloudCalls(test, '?function=cloudCallerBare');
    expect(refused.map((call) => [call.name, call.errcode])).toEqual([
      ['wxaSecOrder.uploadShippingInfo', -604101],
      ['cloudPay.queryOrder', -604101],
    ]);
  });

  it('answers a declared cloudPay call and records its arguments and answer', async () => {
    const { seq } = (await cloudCalls(test)).at(-1) ?? { seq: 0 };
    const answer = await cloudCall(test, 'cloudCaller', 'cloudPay.queryOrder', {
      sub_mch_id: test.cloud.paySandbox.keys.mchid,
      out_trade_no: 'CC-SHIP-0001',
      nonce_str: 'n0nce',
    });
    expect(answer).toMatchObject({ ok: true, result: { tradeState: 'SUCCESS' } });
    const [call] = await cloudCalls(test, `?since=${seq}`);
    expect(call).toMatchObject({
      name: 'cloudPay.queryOrder',
      functionName: 'cloudCaller',
      args: { out_trade_no: 'CC-SHIP-0001' },
      answer: { trade_state: 'SUCCESS' },
      errcode: 0,
    });
  });

  it('accepts the shipping information of a paid order and lists the upload', async () => {
    const answer = await cloudCall(
      test,
      'cloudCaller',
      'wxaSecOrder.uploadShippingInfo',
      shipping(transactionId),
    );
    expect(answer).toMatchObject({ ok: true, result: { errCode: 0 } });
    const uploads = await cloudCalls(test, '?name=wxaSecOrder.uploadShippingInfo&function=cloudCaller');
    expect(uploads.at(-1)).toMatchObject({
      args: {
        order_key: { order_number_type: 2, transaction_id: transactionId },
        shipping_list: [{ tracking_no: 'ZT1234567890', express_company: 'ZTO' }],
        payer: { openid: BUYER },
      },
      answer: { errcode: 0 },
    });
  });

  it.each([
    [
      'an unknown payment',
      { order_key: { order_number_type: 2, transaction_id: '4200000000000000000' } },
      10060001,
    ],
    ['another payer', { payer: { openid: 'oSomeoneElse' } }, 10060031],
    ['no item description', { shipping_list: [{ tracking_no: 'ZT1', express_company: 'ZTO' }] }, 10060008],
    [
      'an express company not in WeChat list',
      { shipping_list: [{ tracking_no: 'X1', express_company: 'ACME', item_desc: '包' }] },
      10060014,
    ],
    [
      'SF Express without a contact',
      { shipping_list: [{ tracking_no: 'SF1', express_company: 'SF', item_desc: '包' }] },
      10060014,
    ],
    [
      'two packages in unified delivery',
      {
        shipping_list: [
          { tracking_no: 'ZT1', express_company: 'ZTO', item_desc: '包' },
          { tracking_no: 'ZT2', express_company: 'ZTO', item_desc: '包' },
        ],
      },
      268485228,
    ],
    ['an upload time not in RFC 3339', { upload_time: '2026-11-22 10:00:00' }, 268485216],
    ['a bad logistics type', { logistics_type: 9 }, 10060005],
  ])('refuses shipping information with %s', async (_what, overrides, errCode) => {
    const answer = await cloudCall(
      test,
      'cloudCaller',
      'wxaSecOrder.uploadShippingInfo',
      shipping(transactionId, overrides),
    );
    expect(answer).toMatchObject({ ok: false, errCode });
  });

  it('validates subscribe messages: template, page and each keyword value', async () => {
    const message = {
      touser: BUYER,
      template_id: 'TmplShipped_0123456789abcdef',
      page: 'package-order/pages/detail/index?id=1',
      miniprogram_state: 'formal',
      lang: 'zh_CN',
      data: {
        thing1: { value: '帆布包' },
        character_string2: { value: 'SO20261122' },
        amount3: { value: '25.90元' },
      },
    };
    expect(await cloudCall(test, 'cloudCaller', 'subscribeMessage.send', message)).toMatchObject({
      ok: true,
    });
    const tooLong = { ...message, data: { thing1: { value: '一'.repeat(21) } } };
    expect(await cloudCall(test, 'cloudCaller', 'subscribeMessage.send', tooLong)).toMatchObject({
      errCode: 47003,
    });
    const badPage = { ...message, page: '/pages/index/index' };
    expect(await cloudCall(test, 'cloudCaller', 'subscribeMessage.send', badPage)).toMatchObject({
      errCode: 41030,
    });
    const noTemplate = { ...message, template_id: '' };
    expect(await cloudCall(test, 'cloudCaller', 'subscribeMessage.send', noTemplate)).toMatchObject({
      errCode: 40037,
    });
  });

  it('answers -604100 for an openapi call the local cloud does not implement, even when declared', async () => {
    expect(await cloudCall(test, 'cloudCaller', 'wxacode.get', { path: 'pages/index/index' })).toMatchObject({
      ok: false,
      errCode: -604100,
    });
  });
});

describe('accepted shipping uploads across a restart', () => {
  // Two closes: under a coverage run each gives its instances up to 30 s to write their coverage and exit.
  it('are kept in the data folder: after a restart WeChat still counts the upload made before it', async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shipments-'));
    const start = () =>
      startLocalCloud({
        port: 0,
        dataDir,
        functionsDir: FIXTURES,
        quiet: true,
        timers: false,
        paymentMode: 'cloudpay',
        envId: 'cloud-calls-env',
      });
    let cloud = await start();
    try {
      const prepaid = await callFunction(
        cloud,
        'cloudPayOrder',
        { outTradeNo: 'CC-SHIP-0002', totalFee: 990 },
        { 'x-wx-openid': BUYER },
      );
      expect(prepaid.status).toBe(200);
      await cloud.paySandbox.pay('CC-SHIP-0002', BUYER);
      const transactionId = cloud.paySandbox.transaction('CC-SHIP-0002')?.transactionId ?? '';
      const upload = async () =>
        (
          await callFunction<{ ok: boolean; errCode?: number }>(
            cloud,
            'cloudCaller',
            { api: 'wxaSecOrder.uploadShippingInfo', data: shipping(transactionId) },
            { 'x-wx-openid': BUYER },
          )
        ).body;
      expect(await upload()).toMatchObject({ ok: true });
      await cloud.close();
      cloud = await start();
      // The re-upload (重新发货) is the one more WeChat allows; a third is refused: the first was remembered.
      expect(await upload()).toMatchObject({ ok: true });
      expect(await upload()).toMatchObject({ ok: false, errCode: 10060003 });
      const saved = JSON.parse(
        fs.readFileSync(path.join(dataDir, 'cloudcalls', 'shipments.json'), 'utf8'),
      ) as { shipments: { key: string; uploads: number }[] };
      expect(saved.shipments).toEqual([expect.objectContaining({ key: `tx:${transactionId}`, uploads: 2 })]);
    } finally {
      await cloud.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 150_000);
});
