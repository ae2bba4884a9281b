/**
 * The cloudPay gateway against the sandbox's wx.wxPayApi, through a cloudPay object that converts names and
 * overwrites errCode as wx-server-sdk does; and the callback event the paid order produces, validated.
 */
import { verifyV2Sign } from '../../../cloudfunctions/common/payments';
import {
  CLOUDPAY_CALLBACK_SOURCE,
  cloudPayCallbackAnswer,
  parseCloudPayCallback,
} from '../../../cloudfunctions/common/payments/cloudpay-callback';
import { createCloudPayGateway } from '../../../cloudfunctions/common/payments/cloudpay-gateway';
import { GatewayError, type PaymentGateway } from '../../../cloudfunctions/common/payments/gateway';
import {
  BUYER,
  SHOP_APPID,
  manualClock,
  manualTimers,
  prepayInput,
  sdkLikeCloudPay,
  startSandbox,
  temporaryDataDir,
  type TestSandbox,
} from './gateway-support';

const data = temporaryDataDir();
afterAll(() => data.remove());

interface Invocation {
  name: string;
  event: Record<string, unknown>;
  context: { SOURCE: string };
}

let clock: ReturnType<typeof manualClock>;
let timers: ReturnType<typeof manualTimers>;
let sandbox: TestSandbox;
let invocations: Invocation[];
let callbackAnswers: unknown[];
let cloudPay: ReturnType<typeof sdkLikeCloudPay>;
let gateway: PaymentGateway;

const settings = { appid: SHOP_APPID, envId: 'shop-env-1a2b', callbackFunction: 'payCallback' };

beforeEach(() => {
  clock = manualClock();
  timers = manualTimers();
  invocations = [];
  callbackAnswers = [];
  sandbox = startSandbox(data.dir, {
    clock: clock.clock,
    timers: timers.schedule,
    refundSettleMs: 3000,
    invokeFunction: async (name, event, context) => {
      invocations.push({ name, event: event as Record<string, unknown>, context });
      return callbackAnswers.shift() ?? cloudPayCallbackAnswer(true);
    },
  });
  cloudPay = sdkLikeCloudPay(sandbox.sandbox, { appid: SHOP_APPID });
  gateway = createCloudPayGateway(
    { ...settings, subMchId: sandbox.sandbox.keys.mchid },
    { cloudPay, clock: clock.clock },
  );
});
afterEach(() => sandbox.sandbox.close());

async function gatewayError(promise: Promise<unknown>): Promise<GatewayError> {
  const error = await promise.then(
    () => undefined,
    (reason: unknown) => reason,
  );
  if (!(error instanceof GatewayError)) throw new Error(`expected a GatewayError, got ${String(error)}`);
  return error;
}

async function prepayAndPay(outTradeNo: string) {
  await gateway.prepay(prepayInput(outTradeNo, clock.now()));
  expect(await sandbox.sandbox.pay(outTradeNo, BUYER)).toMatchObject({ ok: true });
  await timers.runAll();
}

describe('prepay (cloudPay.unifiedOrder)', () => {
  it("returns cloudPay's payment object, MD5-signed by WeChat's side, for wx.requestPayment", async () => {
    const now = clock.now();
    const result = await gateway.prepay(prepayInput('CP-PREPAY-0001', now));
    expect(result.params).toMatchObject({ package: `prepay_id=${result.prepayId}`, signType: 'MD5' });
    const { paySign, ...signed } = result.params;
    expect(
      verifyV2Sign({ appId: SHOP_APPID, ...signed, sign: paySign }, sandbox.sandbox.keys.cloudPayKey, 'MD5'),
    ).toBe(true);
    expect(result.validUntil).toBe(now + 30 * 60 * 1000);
    expect(sandbox.sandbox.transaction('CP-PREPAY-0001')).toMatchObject({
      channel: 'cloudpay',
      appid: SHOP_APPID,
      payerOpenid: BUYER,
      totalFen: 2590,
      callback: { envId: 'shop-env-1a2b', functionName: 'payCallback' },
    });
  });

  it('refuses to prepay an order that closes within 5 minutes, which cloudPay would refuse', async () => {
    const now = clock.now();
    const tooClose = prepayInput('CP-PREPAY-0005', now, { expiresAt: now + 5 * 60 * 1000 - 1 });
    expect(await gatewayError(gateway.prepay(tooClose))).toMatchObject({ code: 'TIME_EXPIRE_TOO_CLOSE' });
    const inTime = prepayInput('CP-PREPAY-0006', now, { expiresAt: now + 5 * 60 * 1000 });
    expect(await gateway.prepay(inTime)).toMatchObject({ prepayId: expect.any(String) });
  });

  it('fails with returnCode FAIL as a typed error when the merchant is not bound to the environment', async () => {
    const unbound = createCloudPayGateway(
      { ...settings, subMchId: '1999999999' },
      { cloudPay, clock: clock.clock },
    );
    const error = await gatewayError(unbound.prepay(prepayInput('CP-PREPAY-0002', clock.now())));
    expect(error).toMatchObject({ code: 'RETURN_FAIL', kind: 'INVALID_REQUEST' });
    expect(error.message).toContain('sub_mch_id');
  });

  it('wraps an SDK failure instead of letting it escape raw', async () => {
    const failing = createCloudPayGateway(
      { ...settings, subMchId: sandbox.sandbox.keys.mchid },
      {
        cloudPay: {
          ...cloudPay,
          queryOrder: async () => {
            throw Object.assign(new Error('x'), { errCode: -501001, errMsg: 'resource system error' });
          },
        },
      },
    );
    expect(await gatewayError(failing.query('CP-PREPAY-0003'))).toMatchObject({
      code: 'CLOUDPAY_-501001',
      kind: 'UNAVAILABLE',
      retryable: true,
    });
  });
});

describe('payment and the callback function', () => {
  it('invokes the callback function as wx_paycallback with an event the gateway accepts', async () => {
    await prepayAndPay('CP-FLOW-0001');
    expect(invocations).toHaveLength(1);
    const [invocation] = invocations;
    expect(invocation.name).toBe('payCallback');
    expect(invocation.context).toEqual({ SOURCE: CLOUDPAY_CALLBACK_SOURCE });
    expect(invocation.event).toMatchObject({
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      subAppid: SHOP_APPID,
      subMchId: sandbox.sandbox.keys.mchid,
      outTradeNo: 'CP-FLOW-0001',
      totalFee: 2590,
      subOpenid: BUYER,
    });

    const check = gateway.parseNotification({
      channel: 'cloudpay-callback',
      event: invocation.event,
      source: 'wx_paycallback',
    });
    const queried = await gateway.query('CP-FLOW-0001');
    expect(queried.state).toBe('SUCCESS');
    expect(check).toEqual({
      ok: true,
      notice: { eventId: `cloudpay:${queried.transaction?.transactionId}`, transaction: queried.transaction },
    });
    expect(queried.transaction).toMatchObject({
      totalFen: 2590,
      payerOpenid: BUYER,
      attach: 'order:o-1',
      appid: SHOP_APPID,
    });
    expect(queried.transaction?.paidAt).toBe(Math.floor(clock.now() / 1000) * 1000);
    expect(sandbox.sandbox.transaction('CP-FLOW-0001')?.notification).toMatchObject({
      delivered: true,
      attempts: 1,
    });
  });

  it('calls again on the retry schedule until the callback answers errcode 0', async () => {
    callbackAnswers = [cloudPayCallbackAnswer(false), { errcode: -1 }, 'not an answer'];
    await prepayAndPay('CP-FLOW-0002');
    expect(invocations).toHaveLength(4);
    // First try at once, then 15s, 15s, 30s at the default 1/100.
    expect(timers.delays).toEqual([0, 150, 150, 300]);
    expect(sandbox.sandbox.transaction('CP-FLOW-0002')?.notification).toMatchObject({
      delivered: true,
      attempts: 4,
    });
  });

  it("refuses callback events that are not WeChat's, or not for this shop", () => {
    const event = {
      returnCode: 'SUCCESS',
      resultCode: 'SUCCESS',
      subAppid: SHOP_APPID,
      subMchId: '1900000109',
      outTradeNo: 'CP-FLOW-0003',
      transactionId: '4200000000202611220000000001',
      totalFee: 100,
      subOpenid: BUYER,
      timeEnd: '20261122102030',
    };
    const expected = { appid: SHOP_APPID, subMchId: '1900000109' };
    const accepted = parseCloudPayCallback(event, 'wx_paycallback', expected);
    expect(accepted).toMatchObject({
      ok: true,
      notice: { transaction: { paidAt: Date.parse('2026-11-22T02:20:30Z') } },
    });
    // A user calling the callback function with a made-up event: SOURCE is wx_client.
    expect(parseCloudPayCallback(event, 'wx_client', expected)).toEqual({
      ok: false,
      reason: 'WRONG_SOURCE',
    });
    expect(parseCloudPayCallback(event, undefined, expected)).toEqual({ ok: false, reason: 'WRONG_SOURCE' });
    expect(parseCloudPayCallback({ ...event, returnCode: 'FAIL' }, 'wx_paycallback', expected)).toEqual({
      ok: false,
      reason: 'RETURN_FAIL',
    });
    expect(parseCloudPayCallback({ ...event, resultCode: 'FAIL' }, 'wx_paycallback', expected)).toEqual({
      ok: false,
      reason: 'RESULT_FAIL',
    });
    expect(
      parseCloudPayCallback({ ...event, subAppid: 'wx0000000000000000' }, 'wx_paycallback', expected),
    ).toEqual({
      ok: false,
      reason: 'APPID_MISMATCH',
    });
    expect(parseCloudPayCallback({ ...event, subMchId: '1900000110' }, 'wx_paycallback', expected)).toEqual({
      ok: false,
      reason: 'SUB_MCH_ID_MISMATCH',
    });
    expect(parseCloudPayCallback({ ...event, totalFee: 1.5 }, 'wx_paycallback', expected)).toEqual({
      ok: false,
      reason: 'BAD_EVENT',
    });
    expect(parseCloudPayCallback({ ...event, transactionId: '' }, 'wx_paycallback', expected)).toEqual({
      ok: false,
      reason: 'BAD_EVENT',
    });
    expect(parseCloudPayCallback('{}', 'wx_paycallback', expected)).toEqual({
      ok: false,
      reason: 'BAD_EVENT',
    });
    expect(gateway.parseNotification({ channel: 'http', headers: {}, body: '' })).toEqual({
      ok: false,
      reason: 'WRONG_CHANNEL',
    });
  });
});

describe('query, close and refund through cloudPay', () => {
  it('reads the failure from errCodeDes, since the SDK overwrites err_code with 0', async () => {
    expect(await gatewayError(gateway.query('CP-NEVER-0001'))).toMatchObject({
      code: 'ORDERNOTEXIST',
      kind: 'ORDER_NOT_FOUND',
    });

    await prepayAndPay('CP-CLOSE-0001');
    expect(await gatewayError(gateway.close('CP-CLOSE-0001'))).toMatchObject({
      code: 'ORDERPAID',
      kind: 'ORDER_PAID',
    });
    expect(await gatewayError(gateway.prepay(prepayInput('CP-CLOSE-0001', clock.now())))).toMatchObject({
      kind: 'ORDER_PAID',
    });
  });

  it('closes an unpaid order, and a second close succeeds though v2 answers ORDERCLOSED', async () => {
    await gateway.prepay(prepayInput('CP-CLOSE-0002', clock.now()));
    await gateway.close('CP-CLOSE-0002');
    await gateway.close('CP-CLOSE-0002');
    expect(await gateway.query('CP-CLOSE-0002')).toEqual({ state: 'CLOSED' });
    expect(cloudPay.calls.filter((api) => api === 'closeOrder')).toHaveLength(2);
  });

  it('refunds: accepted as PROCESSING, SUCCESS through queryRefund once settled', async () => {
    await prepayAndPay('CP-REFUND-0001');
    const refund = await gateway.refund({
      outTradeNo: 'CP-REFUND-0001',
      outRefundNo: 'CP-RF-0001',
      totalFen: 2590,
      refundFen: 2590,
      reason: 'Buyer cancelled',
    });
    expect(refund).toMatchObject({ status: 'PROCESSING', outRefundNo: 'CP-RF-0001', refundFen: 2590 });
    // Until WeChat Pay reports the refund, cloudPay answers empty lists: still processing.
    expect(await gateway.queryRefund('CP-RF-0001')).toEqual({
      status: 'PROCESSING',
      outRefundNo: 'CP-RF-0001',
    });
    clock.advance(3000);
    const settled = await gateway.queryRefund('CP-RF-0001');
    expect(settled).toMatchObject({ status: 'SUCCESS', refundId: refund.refundId, refundFen: 2590 });
    expect(settled.succeededAt).toBe(Math.floor(clock.now() / 1000) * 1000);
    expect((await gateway.query('CP-REFUND-0001')).state).toBe('REFUND');

    const twice = await gatewayError(
      gateway.refund({
        outTradeNo: 'CP-REFUND-0001',
        outRefundNo: 'CP-RF-0002',
        totalFen: 2590,
        refundFen: 1,
      }),
    );
    expect(twice).toMatchObject({ code: 'PARAM_ERROR', kind: 'INVALID_REQUEST' });
    expect(await gatewayError(gateway.queryRefund('CP-RF-9999'))).toMatchObject({
      code: 'REFUNDNOTEXIST',
      kind: 'ORDER_NOT_FOUND',
    });
  });
});
