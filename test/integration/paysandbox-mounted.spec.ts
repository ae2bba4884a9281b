/**
 * The pay sandbox as the local cloud mounts it: v3 and the sheet's routes on the root of the one port, the PAY_*
 * configuration every function receives in either mode, v3 notifications through HTTP access, and cloudPay from
 * a function through the real wx-server-sdk into the callback function, invoked with SOURCE wx_paycallback.
 */
import { createGateway } from '../../cloudfunctions/common/payments/gateway-factory';
import type { PaymentGateway } from '../../cloudfunctions/common/payments/gateway';
import {
  PAYMENT_ENV,
  parsePaymentConfig,
  paymentConfigFromEnv,
} from '../../cloudfunctions/common/payments/payment-config';
import { BUYER, prepayInput } from '../unit/payments/gateway-support';
import { DEFAULT_APPID } from '../../emulator/server';
import { callFunction, startTestCloud, type TestCloud } from '../../emulator/__tests__/runtime-fixture-cloud';

type Env = Record<string, string>;

interface Recorded {
  source?: string;
  appid?: string;
  event?: Record<string, unknown>;
  path?: string;
  headers?: Record<string, string>;
  body?: string;
}

async function payEnv(test: TestCloud): Promise<Env> {
  const answer = await callFunction<Env>(test.cloud, 'payEnv', {});
  expect(answer.status).toBe(200);
  return answer.body;
}

/**
 * What payCallback or payNotify wrote for `outTradeNo`'s notification: read once the sandbox says the
 * notification was answered (delivered, so the function had recorded it first).
 */
async function recorded(test: TestCloud, collection: string, outTradeNo: string): Promise<Recorded[]> {
  expect(await test.cloud.paySandbox.notificationSettled(outTradeNo)).toMatchObject({ delivered: true });
  const answer = await callFunction<Recorded[]>(test.cloud, 'payRecords', { collection });
  expect(answer.status).toBe(200);
  return answer.body;
}

async function postJson(
  url: string,
  body: unknown,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe('sandbox mode (the default): WeChat Pay API v3 on the local cloud', () => {
  let test: TestCloud;
  let env: Env;
  let gateway: PaymentGateway;

  beforeAll(async () => {
    test = await startTestCloud();
    env = await payEnv(test);
    // The gateway a shop function builds from its environment, here in the test process.
    gateway = createGateway(parsePaymentConfig(paymentConfigFromEnv(env)));
  });
  afterAll(() => test.stop());

  it('gives every function the sandbox configuration: its keys, its URL, /http/payNotify', () => {
    const { keys } = test.cloud.paySandbox;
    expect(test.cloud.paymentMode).toBe('sandbox');
    expect(env).toMatchObject({
      [PAYMENT_ENV.mode]: 'sandbox',
      [PAYMENT_ENV.appid]: DEFAULT_APPID,
      [PAYMENT_ENV.mchid]: keys.mchid,
      [PAYMENT_ENV.merchantSerialNo]: keys.merchantSerialNo,
      [PAYMENT_ENV.merchantPrivateKeyPem]: keys.merchantPrivateKeyPem,
      [PAYMENT_ENV.apiV3Key]: keys.apiV3Key,
      [PAYMENT_ENV.wechatpayPublicKeyId]: keys.wechatpayPublicKeyId,
      [PAYMENT_ENV.wechatpayPublicKeyPem]: keys.wechatpayPublicKeyPem,
      [PAYMENT_ENV.baseUrl]: test.cloud.url,
      [PAYMENT_ENV.notifyUrl]: `${test.cloud.url}/http/payNotify`,
    });
  });

  it('answers an unsigned v3 request 401 SIGN_ERROR, itself signed', async () => {
    const response = await fetch(`${test.cloud.url}/v3/pay/transactions/jsapi`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{}',
    });
    expect(response.status).toBe(401);
    expect(((await response.json()) as { code: string }).code).toBe('SIGN_ERROR');
    expect(response.headers.get('wechatpay-serial')).toBe(test.cloud.paySandbox.platformSerial);
    expect(response.headers.get('wechatpay-signature')).toEqual(expect.any(String));
  });

  it('takes a prepay signed with the merchant key, pays it from the sheet route, and notifies payNotify', async () => {
    // The gateway checks the answer's Wechatpay-Signature before reading it: a prepay here is a signed answer.
    const prepaid = await gateway.prepay(prepayInput('SO-MOUNT-0001', Date.now()));
    expect(prepaid.params.signType).toBe('RSA');
    expect(await gateway.query('SO-MOUNT-0001')).toEqual({ state: 'NOTPAY' });

    const summary = await fetch(`${test.cloud.url}/_/paysandbox/transactions/SO-MOUNT-0001`);
    expect(summary.headers.get('access-control-allow-origin')).toBe('*');
    expect(await summary.json()).toMatchObject({ amountFen: 2590, state: 'NOTPAY', channel: 'v3' });

    const paid = await postJson(`${test.cloud.url}/_/paysandbox/pay`, {
      outTradeNo: 'SO-MOUNT-0001',
      openid: BUYER,
    });
    expect(paid).toMatchObject({ status: 200, body: { ok: true, state: 'SUCCESS' } });

    const [notice] = await recorded(test, 'payNotices', 'SO-MOUNT-0001');
    expect(notice.path).toBe('/http/payNotify');
    const parsed = gateway.parseNotification({
      channel: 'http',
      headers: notice.headers ?? {},
      body: notice.body ?? '',
    });
    expect(parsed).toMatchObject({
      ok: true,
      notice: { transaction: { outTradeNo: 'SO-MOUNT-0001', totalFen: 2590, payerOpenid: BUYER } },
    });
    expect((await gateway.query('SO-MOUNT-0001')).state).toBe('SUCCESS');
    // payNotify answered 204: delivered, so no retry is owed. A first try that outlived WeChat Pay's 5 s wait
    // (a cold function on a busy machine) is retried; what matters is that the 204 ends the retries.
    const progress = test.cloud.paySandbox.transaction('SO-MOUNT-0001')?.notification;
    expect(progress).toMatchObject({ delivered: true, lastOutcome: 'HTTP 204' });
    expect(progress?.nextAttemptAt).toBeUndefined();
  });
});

describe('cloudpay mode: cloud.cloudPay from a function through the real wx-server-sdk', () => {
  let test: TestCloud;

  beforeAll(async () => {
    test = await startTestCloud({
      paymentMode: 'cloudpay',
      envId: 'shop-env-1a2b',
      // An explicit variable wins over the configuration the local cloud sets.
      functionEnv: { [PAYMENT_ENV.appid]: 'wx00000000000000ff' },
    });
  });
  afterAll(() => test.stop());

  it('gives every function the cloudpay configuration, under the explicit variables', async () => {
    expect(test.cloud.paymentMode).toBe('cloudpay');
    const env = await payEnv(test);
    expect(env).toEqual({
      [PAYMENT_ENV.mode]: 'cloudpay',
      [PAYMENT_ENV.appid]: 'wx00000000000000ff',
      [PAYMENT_ENV.subMchId]: test.cloud.paySandbox.keys.mchid,
      [PAYMENT_ENV.envId]: 'shop-env-1a2b',
      [PAYMENT_ENV.callbackFunction]: 'payCallback',
    });
  });

  it('prepays for the calling user, and a payment invokes payCallback with SOURCE wx_paycallback', async () => {
    const prepaid = await callFunction<Record<string, unknown>>(
      test.cloud,
      'cloudPayOrder',
      { outTradeNo: 'CP-MOUNT-0001', totalFee: 990 },
      { 'x-wx-openid': BUYER },
    );
    expect(prepaid.status).toBe(200);
    expect(prepaid.body).toMatchObject({
      errCode: 0,
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      payment: { signType: 'MD5', package: expect.stringMatching(/^prepay_id=/) },
    });
    // cloudPay took the buyer and the mini program from the invocation that called it.
    expect(test.cloud.paySandbox.transaction('CP-MOUNT-0001')).toMatchObject({
      channel: 'cloudpay',
      payerOpenid: BUYER,
      appid: DEFAULT_APPID,
      totalFen: 990,
      callback: { envId: 'shop-env-1a2b', functionName: 'payCallback' },
    });
    expect(test.cloud.stats.snapshot().actions['wx.wxPayApi']).toMatchObject({ requests: 1, errors: 0 });

    // The sheet pays with what wx.requestPayment would get: the MD5 paySign must verify.
    const paid = await postJson(`${test.cloud.url}/_/paysandbox/pay`, {
      payment: prepaid.body.payment,
      openid: BUYER,
    });
    expect(paid).toMatchObject({ status: 200, body: { ok: true, state: 'SUCCESS' } });

    const [callback] = await recorded(test, 'payCallbacks', 'CP-MOUNT-0001');
    expect(callback.source).toBe('wx_paycallback');
    expect(callback.appid).toBe(DEFAULT_APPID);
    expect(callback.event).toMatchObject({
      outTradeNo: 'CP-MOUNT-0001',
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      totalFee: 990,
    });
    expect(test.cloud.paySandbox.transaction('CP-MOUNT-0001')?.notification).toMatchObject({
      delivered: true,
    });
  });

  it('refuses a payment by another buyer than the one who ordered', async () => {
    const prepaid = await callFunction<Record<string, unknown>>(
      test.cloud,
      'cloudPayOrder',
      { outTradeNo: 'CP-MOUNT-0002', totalFee: 100 },
      { 'x-wx-openid': BUYER },
    );
    expect(prepaid.status).toBe(200);
    const paid = await postJson(`${test.cloud.url}/_/paysandbox/pay`, {
      outTradeNo: 'CP-MOUNT-0002',
      openid: 'oSomeoneElse',
    });
    expect(paid).toMatchObject({ status: 403, body: { code: 'PAYER_MISMATCH' } });
  });
});
