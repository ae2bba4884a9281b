/**
 * The pay sandbox on its own: keys made once and kept, transactions and owed notifications surviving a restart,
 * WeChat Pay's retry schedule, the payment sheet's routes, and the multipart wx.wxPayApi request the SDK sends.
 */
import { copyFileSync, mkdirSync, statSync } from 'node:fs';
import FormData from 'form-data';
import { buildPaySignMessage, signMessage } from '../../cloudfunctions/common/payments';
import { parsePaymentConfig } from '../../cloudfunctions/common/payments/payment-config';
import { createGateway } from '../../cloudfunctions/common/payments/gateway-factory';
import {
  WECHATPAY_NOTIFY_RETRY_DELAYS_MS,
  createPaySandbox,
  decodeApiOptionsAppid,
  ensurePaySandboxKeys,
  paySandboxFolder,
  paySandboxKeysPath,
  readPaySandboxKeys,
  readWxPayApiForm,
  retryDelayMs,
  sandboxPaymentConfig,
  type PaySandbox,
  type PaySandboxOptions,
} from '../../emulator/paysandbox';
import {
  BUYER,
  NOTIFY_URL,
  SANDBOX_BASE_URL,
  SHOP_APPID,
  manualTimers,
  prepayInput,
  sandboxFetch,
  temporaryDataDir,
} from '../unit/payments/gateway-support';

const folders: { remove(): void }[] = [];
afterAll(() => folders.forEach((folder) => folder.remove()));

function emptyDataDir(): string {
  const folder = temporaryDataDir();
  folders.push(folder);
  return folder.dir;
}

/** RSA key generation takes a while: every spec but the key spec starts from one set of keys, copied. */
let keysTemplate: string;
beforeAll(() => {
  keysTemplate = emptyDataDir();
  ensurePaySandboxKeys(keysTemplate);
});

function newDataDir(): string {
  const dataDir = emptyDataDir();
  mkdirSync(paySandboxFolder(dataDir));
  copyFileSync(paySandboxKeysPath(keysTemplate), paySandboxKeysPath(dataDir));
  return dataDir;
}

const open: PaySandbox[] = [];
afterEach(async () => {
  await Promise.all(open.splice(0).map((sandbox) => sandbox.close()));
});

function sandboxAt(dataDir: string, options: Partial<PaySandboxOptions> = {}): PaySandbox {
  const sandbox = createPaySandbox({
    dataDir,
    appid: SHOP_APPID,
    notify: async () => ({ status: 204 }),
    ...options,
  });
  open.push(sandbox);
  return sandbox;
}

function gatewayFor(sandbox: PaySandbox) {
  const config = sandboxPaymentConfig(sandbox.keys, {
    appid: SHOP_APPID,
    baseUrl: SANDBOX_BASE_URL,
    notifyUrl: NOTIFY_URL,
  });
  return createGateway(parsePaymentConfig(config), { fetch: sandboxFetch(sandbox) });
}

async function call(sandbox: PaySandbox, method: string, path: string, body?: unknown) {
  const answer = await sandbox.handle({
    method,
    path,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(body === undefined ? '' : JSON.stringify(body)),
  });
  const text = answer.body.toString('utf8');
  return {
    status: answer.status,
    headers: answer.headers,
    json: text === '' ? undefined : (JSON.parse(text) as Record<string, unknown>),
  };
}

describe('keys', () => {
  it('are made on first start into <dataDir>/paysandbox/keys.json, readable by the owner only, and kept', () => {
    const dataDir = emptyDataDir();
    expect(readPaySandboxKeys(dataDir)).toBeUndefined();
    const first = sandboxAt(dataDir, { inMemory: true });
    expect(statSync(paySandboxKeysPath(dataDir)).mode & 0o777).toBe(0o600);
    expect(first.keys).toMatchObject({
      mchid: '1900000109',
      merchantSerialNo: expect.stringMatching(/^[0-9A-F]{40}$/),
      apiV3Key: expect.stringMatching(/^[A-Za-z0-9]{32}$/),
      wechatpayPublicKeyId: expect.stringMatching(/^PUB_KEY_ID_01/),
    });
    expect(first.platformSerial).toBe(first.keys.wechatpayPublicKeyId);
    expect(sandboxAt(dataDir, { inMemory: true }).keys).toEqual(first.keys);
    expect(readPaySandboxKeys(dataDir)).toEqual(first.keys);
  });
});

describe('persistence', () => {
  it('keeps transactions across a restart, so a paid order still queries SUCCESS', async () => {
    const dataDir = newDataDir();
    const before = sandboxAt(dataDir);
    await gatewayFor(before).prepay(prepayInput('SO-KEEP-0001', Date.now()));
    await before.pay('SO-KEEP-0001', BUYER);
    await before.close();

    const after = sandboxAt(dataDir);
    expect(after.transaction('SO-KEEP-0001')).toMatchObject({ state: 'SUCCESS', payerOpenid: BUYER });
    const queried = await gatewayFor(after).query('SO-KEEP-0001');
    expect(queried).toMatchObject({ state: 'SUCCESS', transaction: { totalFen: 2590 } });
  });

  it('resumes a notification still owed when the sandbox stopped', async () => {
    const dataDir = newDataDir();
    const failing = sandboxAt(dataDir, {
      notify: async () => ({ status: 503 }),
      timers: manualTimers().schedule,
    });
    await gatewayFor(failing).prepay(prepayInput('SO-KEEP-0002', Date.now()));
    await failing.pay('SO-KEEP-0002', BUYER);
    await failing.flushNotifications();
    expect(failing.transaction('SO-KEEP-0002')?.notification).toMatchObject({
      attempts: 1,
      delivered: false,
      lastOutcome: 'HTTP 503',
    });
    await failing.close();

    const received: string[] = [];
    const timers = manualTimers();
    const restarted = sandboxAt(dataDir, {
      timers: timers.schedule,
      notify: async (url) => {
        received.push(url);
        return { status: 200 };
      },
    });
    // The retry was due 150 ms after the failed try; at most that is left to wait.
    expect(timers.delays).toHaveLength(1);
    expect(timers.delays[0]).toBeLessThanOrEqual(150);
    await timers.runAll();
    expect(received).toEqual([NOTIFY_URL]);
    expect(restarted.transaction('SO-KEEP-0002')?.notification).toMatchObject({
      attempts: 2,
      delivered: true,
      lastOutcome: 'HTTP 200',
    });
  });
});

describe('notification retries', () => {
  it("follow WeChat Pay's schedule, compressed, and stop after sixteen tries", async () => {
    const timers = manualTimers();
    const statuses: number[] = [];
    const sandbox = sandboxAt(newDataDir(), {
      inMemory: true,
      timers: timers.schedule,
      notify: async () => {
        statuses.push(500);
        return { status: 500 };
      },
    });
    await gatewayFor(sandbox).prepay(prepayInput('SO-RETRY-0001', Date.now()));
    await sandbox.pay('SO-RETRY-0001');
    const settled = sandbox.notificationSettled('SO-RETRY-0001');
    await timers.runAll();

    expect(statuses).toHaveLength(16);
    // Given up: whoever waited for the notification hears so, with the last try's outcome.
    expect(await settled).toMatchObject({ attempts: 16, delivered: false, lastOutcome: 'HTTP 500' });
    expect(timers.delays).toEqual([0, ...WECHATPAY_NOTIFY_RETRY_DELAYS_MS.map((ms) => ms / 100)]);
    expect(timers.delays.slice(0, 5)).toEqual([0, 150, 150, 300, 1800]);
    const progress = sandbox.transaction('SO-RETRY-0001')?.notification;
    expect(progress).toMatchObject({ attempts: 16, delivered: false });
    expect(progress?.nextAttemptAt).toBeUndefined();
  });

  it('stop at the first 200 or 204, and keep one event id across tries', async () => {
    const timers = manualTimers();
    const answers = [500, 404, 204];
    const eventIds: string[] = [];
    const sandbox = sandboxAt(newDataDir(), {
      inMemory: true,
      timers: timers.schedule,
      notify: async (_url, _headers, body) => {
        eventIds.push((JSON.parse(body) as { id: string }).id);
        return { status: answers.shift() ?? 500 };
      },
    });
    await gatewayFor(sandbox).prepay(prepayInput('SO-RETRY-0002', Date.now()));
    await sandbox.pay('SO-RETRY-0002');
    const settled = sandbox.notificationSettled('SO-RETRY-0002');
    await timers.runAll();
    expect(await settled).toMatchObject({ attempts: 3, delivered: true });
    // Asked again once settled: answered at once.
    expect(await sandbox.notificationSettled('SO-RETRY-0002')).toMatchObject({ delivered: true });
    expect(eventIds).toHaveLength(3);
    expect(new Set(eventIds).size).toBe(1);
    expect(sandbox.transaction('SO-RETRY-0002')?.notification).toMatchObject({
      attempts: 3,
      delivered: true,
    });
  });

  it('has the documented waits at full scale', () => {
    expect([1, 2, 3, 4, 5].map((attempt) => retryDelayMs(attempt, 1))).toEqual([
      15_000, 15_000, 30_000, 180_000, 600_000,
    ]);
    expect(retryDelayMs(15, 1)).toBe(6 * 3600 * 1000);
    expect(retryDelayMs(16, 1)).toBeUndefined();
  });
});

describe('payment sheet routes', () => {
  it('look orders up, pay with the wx.requestPayment parameters, and refuse a second payment', async () => {
    const sandbox = sandboxAt(newDataDir(), { inMemory: true, timers: manualTimers().schedule });
    const prepaid = await gatewayFor(sandbox).prepay(prepayInput('SO-SHEET-0001', Date.now()));

    const list = await call(sandbox, 'GET', '/_/paysandbox/transactions');
    expect(list.json?.transactions).toEqual([
      expect.objectContaining({ outTradeNo: 'SO-SHEET-0001', state: 'NOTPAY' }),
    ]);
    const byPrepay = await call(sandbox, 'GET', `/_/paysandbox/prepay/${prepaid.prepayId}`);
    expect(byPrepay).toMatchObject({
      status: 200,
      json: { outTradeNo: 'SO-SHEET-0001', amountFen: 2590, description: 'Taro Cloud Shop - 2 items' },
    });

    const paid = await call(sandbox, 'POST', '/_/paysandbox/pay', { payment: prepaid.params, openid: BUYER });
    expect(paid).toMatchObject({
      status: 200,
      json: { ok: true, state: 'SUCCESS', transactionId: expect.stringMatching(/^4200/) },
    });
    const again = await call(sandbox, 'POST', '/_/paysandbox/pay', { outTradeNo: 'SO-SHEET-0001' });
    expect(again).toMatchObject({ status: 409, json: { ok: false, code: 'ORDER_PAID' } });
  });

  it("refuse parameters whose paySign does not verify, and a payer other than the order's", async () => {
    const sandbox = sandboxAt(newDataDir(), { inMemory: true });
    const prepaid = await gatewayFor(sandbox).prepay(prepayInput('SO-SHEET-0002', Date.now()));

    const tampered = { ...prepaid.params, nonceStr: 'ANOTHERNONCE' };
    expect(await call(sandbox, 'POST', '/_/paysandbox/pay', { payment: tampered })).toMatchObject({
      status: 403,
      json: { code: 'SIGN_ERROR' },
    });
    // Signed correctly, but with a key that is not the merchant's.
    const foreign = {
      ...prepaid.params,
      paySign: signMessage(
        buildPaySignMessage({ appId: SHOP_APPID, ...prepaid.params }),
        sandbox.keys.wechatpayPrivateKeyPem,
      ),
    };
    expect((await call(sandbox, 'POST', '/_/paysandbox/pay', { payment: foreign })).status).toBe(403);
    expect(
      await call(sandbox, 'POST', '/_/paysandbox/pay', { payment: prepaid.params, openid: 'oSomeoneElse' }),
    ).toMatchObject({
      status: 403,
      json: { code: 'PAYER_MISMATCH' },
    });
    expect(sandbox.transaction('SO-SHEET-0002')?.state).toBe('NOTPAY');
  });

  it('fail a payment (PAYERROR), after which the buyer can still pay', async () => {
    const sandbox = sandboxAt(newDataDir(), { inMemory: true, timers: manualTimers().schedule });
    const gateway = gatewayFor(sandbox);
    await gateway.prepay(prepayInput('SO-SHEET-0003', Date.now()));
    expect(await call(sandbox, 'POST', '/_/paysandbox/fail', { outTradeNo: 'SO-SHEET-0003' })).toMatchObject({
      status: 200,
      json: { state: 'PAYERROR' },
    });
    expect(await gateway.query('SO-SHEET-0003')).toEqual({ state: 'PAYERROR' });
    expect((await call(sandbox, 'POST', '/_/paysandbox/pay', { outTradeNo: 'SO-SHEET-0003' })).status).toBe(
      200,
    );
  });

  it('push owed notifications out on request, answer CORS preflights, and 404 anything else', async () => {
    const delivered: string[] = [];
    const sandbox = sandboxAt(newDataDir(), {
      inMemory: true,
      timers: manualTimers().schedule,
      notify: async (url) => {
        delivered.push(url);
        return { status: 204 };
      },
    });
    await gatewayFor(sandbox).prepay(prepayInput('SO-SHEET-0004', Date.now()));
    await sandbox.pay('SO-SHEET-0004');
    expect(await call(sandbox, 'POST', '/_/paysandbox/notifications/flush')).toMatchObject({
      status: 200,
      json: { attempted: 1 },
    });
    expect(delivered).toEqual([NOTIFY_URL]);
    expect(await call(sandbox, 'POST', '/_/paysandbox/notifications/SO-SHEET-0004/settled')).toMatchObject({
      status: 200,
      json: { notification: { delivered: true, attempts: 1 } },
    });
    expect((await call(sandbox, 'POST', '/_/paysandbox/notifications/SO-NONE-0001/settled')).status).toBe(
      404,
    );

    const preflight = await call(sandbox, 'OPTIONS', '/_/paysandbox/pay');
    expect(preflight.status).toBe(204);
    expect(preflight.headers['access-control-allow-origin']).toBe('*');
    expect((await call(sandbox, 'POST', '/_/paysandbox/pay', {})).status).toBe(400);
    expect((await call(sandbox, 'GET', '/_/paysandbox/transactions/SO-NONE-0001')).status).toBe(404);
    expect((await call(sandbox, 'GET', '/_/paysandbox/nothing')).status).toBe(404);
    expect([
      sandbox.handles('/v3/pay/transactions/jsapi'),
      sandbox.handles('/_/paysandbox/pay'),
      sandbox.handles('/_/paysandboxes'),
      sandbox.handles('/admin'),
    ]).toEqual([true, true, false, false]);
  });
});

describe('wx.wxPayApi as the SDK sends it', () => {
  /** The multipart body @cloudbase/node-sdk builds (form-data, Buffers as binary parts). */
  function sdkForm(apiName: string, data: Record<string, unknown>, appid?: string) {
    const form = new FormData();
    const options =
      appid === undefined
        ? Buffer.alloc(0)
        : Buffer.concat([Buffer.from([0x0a, appid.length]), Buffer.from(appid)]);
    form.append('action', 'wx.wxPayApi');
    form.append('apiName', apiName);
    form.append('apiOptions', options);
    form.append('requestData', Buffer.from(JSON.stringify(data)));
    form.append('envName', 'shop-env-1a2b');
    form.append('wxCloudApiToken', '');
    return { body: form.getBuffer(), contentType: form.getHeaders()['content-type'] as string };
  }

  it('is read from the multipart body and answered in v2 snake_case, with a content type the SDK leaves to itself', async () => {
    const sandbox = sandboxAt(newDataDir(), { inMemory: true });
    const { body, contentType } = sdkForm(
      'unifiedOrder',
      {
        body: 'Taro Cloud Shop',
        out_trade_no: 'CP-FORM-0001',
        total_fee: 990,
        spbill_create_ip: '127.0.0.1',
        sub_mch_id: sandbox.keys.mchid,
        env_id: 'shop-env-1a2b',
        function_name: 'payCallback',
        nonce_str: 'N1',
        sub_openid: BUYER,
      },
      SHOP_APPID,
    );
    const request = readWxPayApiForm(body, contentType);
    expect(request).toMatchObject({ apiName: 'unifiedOrder', envName: 'shop-env-1a2b' });
    expect(decodeApiOptionsAppid(request?.apiOptions)).toBe(SHOP_APPID);

    const answer = await sandbox.handleWxPayApi({ ...(request ?? { apiName: '', requestData: '' }) });
    expect(answer.status).toBe(200);
    expect(answer.headers['content-type']).not.toBe('application/json; charset=utf-8');
    const json = JSON.parse(answer.body.toString()) as Record<string, unknown>;
    expect(json).toMatchObject({
      return_code: 'SUCCESS',
      result_code: 'SUCCESS',
      sub_appid: SHOP_APPID,
      sub_mch_id: sandbox.keys.mchid,
      prepay_id: expect.stringMatching(/^wx/),
      payment: { appId: SHOP_APPID, signType: 'MD5', package: `prepay_id=${String(json.prepay_id)}` },
    });
  });

  it('is not mistaken for another action or a JSON body', () => {
    const other = new FormData();
    other.append('action', 'wx.openApi');
    other.append('apiName', 'x');
    other.append('requestData', Buffer.from('{}'));
    expect(readWxPayApiForm(other.getBuffer(), other.getHeaders()['content-type'] as string)).toBeUndefined();
    expect(readWxPayApiForm(Buffer.from('{"action":"wx.wxPayApi"}'), 'application/json')).toBeUndefined();
  });

  it('answers unknown cloudPay APIs at the TCB level and missing fields with return_code FAIL', async () => {
    const sandbox = sandboxAt(newDataDir(), { inMemory: true });
    const unknown = await sandbox.handleWxPayApi({ apiName: 'downloadBill', requestData: {} });
    expect(JSON.parse(unknown.body.toString())).toMatchObject({ code: 'INVALID_PARAM' });
    const missing = await sandbox.handleWxPayApi({
      apiName: 'unifiedOrder',
      requestData: { sub_mch_id: sandbox.keys.mchid },
    });
    expect(JSON.parse(missing.body.toString())).toEqual({ return_code: 'FAIL', return_msg: 'body 参数缺失' });
  });
});
