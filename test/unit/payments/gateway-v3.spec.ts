/**
 * The WeChat Pay API v3 gateway against the pay sandbox's own handler, in process: both sides of the protocol
 * (our signatures checked by the sandbox, the sandbox's signatures checked by us) in one round trip.
 */
import { generateKeyPairSync } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import {
  buildPaySignMessage,
  createKeyResolver,
  decryptResource,
  signRequest,
  verifyMessage,
  verifyTransactionNotification,
  verifyWechatpaySignature,
  type EncryptedResource,
} from '../../../cloudfunctions/common/payments';
import { GatewayError, type PaymentGateway } from '../../../cloudfunctions/common/payments/gateway';
import type { FetchLike } from '../../../cloudfunctions/common/payments/http-fetch';
import {
  BUYER,
  NOTIFY_URL,
  SHOP_APPID,
  manualClock,
  prepayInput,
  sandboxFetch,
  sandboxGateway,
  startSandbox,
  temporaryDataDir,
  type TestSandbox,
} from './gateway-support';
import { vectors } from './support';

const data = temporaryDataDir();
afterAll(() => data.remove());

let clock: ReturnType<typeof manualClock>;
let sandbox: TestSandbox;
let gateway: PaymentGateway;

beforeEach(() => {
  clock = manualClock();
  sandbox = startSandbox(data.dir, { clock: clock.clock, refundSettleMs: 5000 });
  gateway = sandboxGateway(sandbox.sandbox, { clock: clock.clock });
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
  const prepaid = await gateway.prepay(prepayInput(outTradeNo, clock.now()));
  const paid = await sandbox.sandbox.pay(outTradeNo, BUYER);
  expect(paid.ok).toBe(true);
  await sandbox.sandbox.flushNotifications();
  return prepaid;
}

describe('prepay', () => {
  it('returns wx.requestPayment parameters signed with the merchant key, and how long they stay valid', async () => {
    const now = clock.now();
    const result = await gateway.prepay(prepayInput('SO-PREPAY-0001', now));

    expect(result.prepayId).toMatch(/^wx\d{14}[0-9a-f]{20}$/);
    expect(result.params).toMatchObject({ package: `prepay_id=${result.prepayId}`, signType: 'RSA' });
    expect(result.params.timeStamp).toBe(String(Math.floor(now / 1000)));
    const message = buildPaySignMessage({ appId: SHOP_APPID, ...result.params });
    expect(verifyMessage(message, result.params.paySign, sandbox.sandbox.keys.merchantPublicKeyPem)).toBe(
      true,
    );
    // The order's 30-minute deadline comes before the prepay_id's two hours.
    expect(result.validUntil).toBe(now + 30 * 60 * 1000);
  });

  it('sends the order as v3 JSON: time_expire in +08:00, amount in fen, the payer and notify URL', async () => {
    const expiresAt = Date.parse('2030-01-01T00:00:00Z');
    await gateway.prepay(prepayInput('SO-PREPAY-0002', clock.now(), { expiresAt }));
    const stored = sandbox.sandbox.transaction('SO-PREPAY-0002');
    expect(stored).toMatchObject({
      channel: 'v3',
      appid: SHOP_APPID,
      totalFen: 2590,
      payerOpenid: BUYER,
      notifyUrl: NOTIFY_URL,
      attach: 'order:o-1',
      expiresAt,
      state: 'NOTPAY',
    });
  });

  it('gives the same prepay_id for the same order again, and refuses the number with other parameters', async () => {
    const first = await gateway.prepay(prepayInput('SO-PREPAY-0003', clock.now()));
    const again = await gateway.prepay(prepayInput('SO-PREPAY-0003', clock.now()));
    expect(again.prepayId).toBe(first.prepayId);

    const error = await gatewayError(
      gateway.prepay(prepayInput('SO-PREPAY-0003', clock.now(), { amountFen: 1 })),
    );
    expect(error).toMatchObject({ code: 'OUT_TRADE_NO_USED', kind: 'DUPLICATE_ORDER', retryable: false });
    expect(error.details.httpStatus).toBe(403);
  });

  it('refuses to prepay an order that is already paid', async () => {
    await prepayAndPay('SO-PREPAY-0004');
    const error = await gatewayError(gateway.prepay(prepayInput('SO-PREPAY-0004', clock.now())));
    expect(error).toMatchObject({ code: 'ORDERPAID', kind: 'ORDER_PAID' });
  });

  it('checks its input before signing or sending anything', async () => {
    const fetch = jest.fn<ReturnType<FetchLike>, Parameters<FetchLike>>();
    const strict = sandboxGateway(sandbox.sandbox, { clock: clock.clock, fetch });
    const cases = [
      { outTradeNo: 'no' },
      { amountFen: 0 },
      { amountFen: 12.5 },
      { description: '' },
      { expiresAt: clock.now() - 1 },
      { payerOpenid: ' ' },
    ];
    for (const overrides of cases) {
      const error = await gatewayError(strict.prepay(prepayInput('SO-PREPAY-0005', clock.now(), overrides)));
      expect(error).toMatchObject({ code: 'INVALID_INPUT', kind: 'INVALID_REQUEST' });
    }
    expect(fetch).not.toHaveBeenCalled();
  });
});

describe('payment, query and notification', () => {
  it('goes prepay → pay → query SUCCESS → a notification that verifies with the sandbox key', async () => {
    const outTradeNo = 'SO-FLOW-0001';
    await gateway.prepay(prepayInput(outTradeNo, clock.now()));
    expect(await gateway.query(outTradeNo)).toEqual({ state: 'NOTPAY' });

    await sandbox.sandbox.pay(outTradeNo, BUYER);
    const queried = await gateway.query(outTradeNo);
    expect(queried.state).toBe('SUCCESS');
    expect(queried.transaction).toMatchObject({
      outTradeNo,
      state: 'SUCCESS',
      totalFen: 2590,
      payerTotalFen: 2590,
      payerOpenid: BUYER,
      appid: SHOP_APPID,
      mchid: sandbox.sandbox.keys.mchid,
      attach: 'order:o-1',
    });
    expect(queried.transaction?.transactionId).toMatch(/^4200\d{24}$/);
    // success_time has whole seconds.
    expect(queried.transaction?.paidAt).toBe(Math.floor(clock.now() / 1000) * 1000);

    await sandbox.sandbox.flushNotifications();
    expect(sandbox.notifications).toHaveLength(1);
    const [delivered] = sandbox.notifications;
    expect(delivered.url).toBe(NOTIFY_URL);

    // The crypto module alone, with only what the merchant platform would give: the public key and APIv3 key.
    const keys = sandbox.sandbox.keys;
    const verified = verifyTransactionNotification({
      headers: delivered.headers,
      body: delivered.body,
      resolveKey: createKeyResolver({
        publicKeys: { [keys.wechatpayPublicKeyId]: keys.wechatpayPublicKeyPem },
      }),
      now: clock.clock(),
      apiV3Key: keys.apiV3Key,
      expected: { appid: SHOP_APPID, mchid: keys.mchid },
    });
    expect(verified).toMatchObject({
      ok: true,
      transaction: { out_trade_no: outTradeNo, trade_state: 'SUCCESS' },
    });

    // And the gateway's own channel, which the notify function uses.
    const notice = gateway.parseNotification({
      channel: 'http',
      headers: delivered.headers,
      body: delivered.body,
    });
    expect(notice).toEqual({
      ok: true,
      notice: { eventId: expect.any(String), transaction: queried.transaction },
    });
    expect(sandbox.sandbox.transaction(outTradeNo)?.notification).toMatchObject({
      delivered: true,
      attempts: 1,
    });
  });

  it('refuses a notification forged with another key, or handed in on the wrong channel', async () => {
    await prepayAndPay('SO-FLOW-0002');
    const [delivered] = sandbox.notifications;
    const forged = { ...delivered.headers, 'Wechatpay-Signature': Buffer.alloc(256, 1).toString('base64') };
    expect(gateway.parseNotification({ channel: 'http', headers: forged, body: delivered.body })).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    });
    expect(
      gateway.parseNotification({ channel: 'http', headers: delivered.headers, body: `${delivered.body} ` }),
    ).toEqual({
      ok: false,
      reason: 'BAD_SIGNATURE',
    });
    expect(
      gateway.parseNotification({ channel: 'cloudpay-callback', event: {}, source: 'wx_paycallback' }),
    ).toEqual({
      ok: false,
      reason: 'WRONG_CHANNEL',
    });
  });

  it('answers ORDER_NOT_FOUND for an order never prepaid', async () => {
    const error = await gatewayError(gateway.query('SO-NEVER-0001'));
    expect(error).toMatchObject({ code: 'ORDER_NOT_EXIST', kind: 'ORDER_NOT_FOUND' });
    expect(error.details.httpStatus).toBe(404);
  });
});

describe('close', () => {
  it('closes an unpaid order, again without complaint, after which it cannot be paid or prepaid', async () => {
    await gateway.prepay(prepayInput('SO-CLOSE-0001', clock.now()));
    await gateway.close('SO-CLOSE-0001');
    await gateway.close('SO-CLOSE-0001');
    expect(await gateway.query('SO-CLOSE-0001')).toEqual({ state: 'CLOSED' });

    expect(await sandbox.sandbox.pay('SO-CLOSE-0001', BUYER)).toMatchObject({
      ok: false,
      code: 'ORDER_CLOSED',
    });
    const error = await gatewayError(gateway.prepay(prepayInput('SO-CLOSE-0001', clock.now())));
    expect(error).toMatchObject({ code: 'ORDER_CLOSED', kind: 'ORDER_CLOSED' });
  });

  it('fails ORDER_PAID on an order the buyer paid first', async () => {
    await prepayAndPay('SO-CLOSE-0002');
    const error = await gatewayError(gateway.close('SO-CLOSE-0002'));
    expect(error).toMatchObject({ code: 'ORDERPAID', kind: 'ORDER_PAID', retryable: false });
    expect((await gateway.query('SO-CLOSE-0002')).state).toBe('SUCCESS');
  });

  it('cannot pay after the order deadline', async () => {
    await gateway.prepay(prepayInput('SO-CLOSE-0003', clock.now()));
    clock.advance(30 * 60 * 1000 + 1);
    expect(await sandbox.sandbox.pay('SO-CLOSE-0003')).toMatchObject({ ok: false, code: 'ORDER_EXPIRED' });
  });
});

describe('refund', () => {
  it('is PROCESSING, then SUCCESS once settled; the order turns REFUND; a retry returns the same refund', async () => {
    await prepayAndPay('SO-REFUND-0001');
    const request = {
      outTradeNo: 'SO-REFUND-0001',
      outRefundNo: 'RF-REFUND-0001',
      totalFen: 2590,
      refundFen: 1000,
      reason: 'Out of stock',
    };
    const refund = await gateway.refund(request);
    expect(refund).toMatchObject({ status: 'PROCESSING', outRefundNo: 'RF-REFUND-0001', refundFen: 1000 });
    expect(refund.refundId).toMatch(/^50\d{28}$/);
    expect(await gateway.refund(request)).toEqual(refund);
    expect(await gateway.queryRefund('RF-REFUND-0001')).toMatchObject({ status: 'PROCESSING' });

    clock.advance(5000);
    const settled = await gateway.queryRefund('RF-REFUND-0001');
    expect(settled).toMatchObject({ status: 'SUCCESS', refundId: refund.refundId });
    expect(settled.succeededAt).toBe(Math.floor(clock.now() / 1000) * 1000);
    const order = await gateway.query('SO-REFUND-0001');
    expect(order.state).toBe('REFUND');
    expect(order.transaction?.totalFen).toBe(2590);
  });

  it('refuses more than was paid, an unpaid order, and an unknown refund', async () => {
    await prepayAndPay('SO-REFUND-0002');
    await gateway.refund({
      outTradeNo: 'SO-REFUND-0002',
      outRefundNo: 'RF-REFUND-0002',
      totalFen: 2590,
      refundFen: 2000,
    });
    const tooMuch = await gatewayError(
      gateway.refund({
        outTradeNo: 'SO-REFUND-0002',
        outRefundNo: 'RF-REFUND-0003',
        totalFen: 2590,
        refundFen: 591,
      }),
    );
    expect(tooMuch).toMatchObject({ code: 'INVALID_REQUEST', kind: 'INVALID_REQUEST' });

    await gateway.prepay(prepayInput('SO-REFUND-0003', clock.now()));
    const unpaid = await gatewayError(
      gateway.refund({
        outTradeNo: 'SO-REFUND-0003',
        outRefundNo: 'RF-REFUND-0004',
        totalFen: 2590,
        refundFen: 1,
      }),
    );
    expect(unpaid.kind).toBe('INVALID_REQUEST');

    expect(await gatewayError(gateway.queryRefund('RF-UNKNOWN-0001'))).toMatchObject({
      code: 'RESOURCE_NOT_EXISTS',
      kind: 'ORDER_NOT_FOUND',
    });
  });
});

describe('signatures between the functions and WeChat Pay', () => {
  it('is refused 401 SIGN_ERROR when the merchant key is not the registered one', async () => {
    const otherKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).privateKey.export({
      type: 'pkcs8',
      format: 'pem',
    });
    const impostor = sandboxGateway(
      sandbox.sandbox,
      { clock: clock.clock },
      { merchantPrivateKeyPem: otherKey.toString() },
    );
    const error = await gatewayError(impostor.prepay(prepayInput('SO-AUTH-0001', clock.now())));
    expect(error).toMatchObject({ code: 'SIGN_ERROR', kind: 'AUTH', retryable: false });
    expect(error.details.httpStatus).toBe(401);
    expect(sandbox.sandbox.transaction('SO-AUTH-0001')).toBeUndefined();
  });

  it('is refused when the serial, merchant number or timestamp is wrong', async () => {
    const wrongSerial = sandboxGateway(
      sandbox.sandbox,
      { clock: clock.clock },
      { merchantSerialNo: 'ABCDEF0123456789' },
    );
    expect(await gatewayError(wrongSerial.query('SO-AUTH-0002'))).toMatchObject({ code: 'SIGN_ERROR' });

    const wrongMerchant = sandboxGateway(sandbox.sandbox, { clock: clock.clock }, { mchid: '1234567890' });
    expect(await gatewayError(wrongMerchant.query('SO-AUTH-0002'))).toMatchObject({ code: 'SIGN_ERROR' });

    // Our clock ten minutes behind: the sandbox refuses our timestamp, and its answer's timestamp is stale to
    // us, so the SIGN_ERROR is read as an unverified diagnostic (still AUTH: nothing about the payment).
    const late = manualClock(clock.now() - 10 * 60 * 1000);
    const stale = sandboxGateway(sandbox.sandbox, { clock: late.clock });
    const refused = await gatewayError(stale.query('SO-AUTH-0002'));
    expect(refused).toMatchObject({ code: 'SIGN_ERROR', kind: 'AUTH', details: { verified: false } });
  });

  it('believes no answer signed with another WeChat Pay key, even one the sandbox really gave', async () => {
    const otherPublicKey = generateKeyPairSync('rsa', { modulusLength: 2048 }).publicKey.export({
      type: 'spki',
      format: 'pem',
    });
    const misconfigured = sandboxGateway(
      sandbox.sandbox,
      { clock: clock.clock },
      { wechatpayPublicKeyPem: otherPublicKey.toString() },
    );
    const error = await gatewayError(misconfigured.prepay(prepayInput('SO-TRUST-0001', clock.now())));
    expect(error).toMatchObject({
      code: 'RESPONSE_SIGNATURE_INVALID',
      kind: 'UNTRUSTED_RESPONSE',
      retryable: true,
    });
    expect(error.message).toContain('BAD_SIGNATURE');

    const unknownId = sandboxGateway(
      sandbox.sandbox,
      { clock: clock.clock },
      { wechatpayPublicKeyId: 'PUB_KEY_ID_0000000000000000' },
    );
    expect((await gatewayError(unknownId.query('SO-TRUST-0001'))).message).toContain('UNKNOWN_SERIAL');
  });

  it('believes no answer altered on the way, errors included', async () => {
    await gateway.prepay(prepayInput('SO-TRUST-0002', clock.now()));
    await sandbox.sandbox.pay('SO-TRUST-0002', BUYER);
    const honest = sandboxFetch(sandbox.sandbox);
    const tampering: FetchLike = async (url, init) => {
      const answer = await honest(url, init);
      const text = await answer.text();
      return { ...answer, text: async () => text.replace('"total":2590', '"total":1') };
    };
    const fooled = sandboxGateway(sandbox.sandbox, { clock: clock.clock, fetch: tampering });
    expect(await gatewayError(fooled.query('SO-TRUST-0002'))).toMatchObject({ kind: 'UNTRUSTED_RESPONSE' });

    const forgedError: FetchLike = async () => ({
      status: 400,
      headers: { get: () => null },
      text: async () => JSON.stringify({ code: 'ORDERPAID', message: 'forged' }),
    });
    const unsigned = sandboxGateway(sandbox.sandbox, { clock: clock.clock, fetch: forgedError });
    // An unsigned error is a diagnostic: ORDERPAID may send the caller to query, whose signed answer decides.
    const error = await gatewayError(unsigned.close('SO-TRUST-0002'));
    expect(error).toMatchObject({ code: 'ORDERPAID', kind: 'ORDER_PAID', details: { verified: false } });
    expect(error.message).toContain('unsigned, diagnostic only');
    // ... and a success is never believed unsigned: the query that would decide fails instead.
    const unsignedSuccess: FetchLike = async () => ({
      status: 200,
      headers: { get: () => null },
      text: async () => JSON.stringify({ trade_state: 'SUCCESS', out_trade_no: 'SO-TRUST-0002' }),
    });
    const fooledQuery = sandboxGateway(sandbox.sandbox, { clock: clock.clock, fetch: unsignedSuccess });
    expect(await gatewayError(fooledQuery.query('SO-TRUST-0002'))).toMatchObject({
      code: 'RESPONSE_SIGNATURE_INVALID',
      kind: 'UNTRUSTED_RESPONSE',
      retryable: true,
    });
  });

  it.each([
    ['ORDER_NOT_EXIST', 404, 'close'],
    ['ORDER_CLOSED', 400, 'prepay'],
  ] as const)(
    'never takes an unsigned %s as a fact about the payment: it is retried as untrusted',
    async (code, status, operation) => {
      sandbox.sandbox.injectFault({ operation, status, code, message: 'from a proxy' });
      const answer =
        operation === 'close'
          ? gateway.close('SO-TRUST-0003')
          : gateway.prepay(prepayInput('SO-TRUST-0003', clock.now()));
      expect(await gatewayError(answer)).toMatchObject({
        code,
        kind: 'UNTRUSTED_RESPONSE',
        retryable: true,
        details: { httpStatus: status, verified: false },
      });
    },
  );

  it('believes a signed error answer as it is', async () => {
    sandbox.sandbox.injectFault({ operation: 'refund', status: 403, code: 'NOT_ENOUGH', signed: true });
    await gateway.prepay(prepayInput('SO-TRUST-0004', clock.now()));
    await sandbox.sandbox.pay('SO-TRUST-0004', BUYER);
    const error = await gatewayError(
      gateway.refund({
        outTradeNo: 'SO-TRUST-0004',
        outRefundNo: 'RF-TRUST-0004',
        totalFen: 2590,
        refundFen: 2590,
      }),
    );
    expect(error).toMatchObject({
      code: 'NOT_ENOUGH',
      kind: 'INSUFFICIENT_FUNDS',
      details: { verified: true },
    });
  });

  it('signs error answers too, so a 401 is itself verifiable', async () => {
    const answer = await sandbox.sandbox.handle({
      method: 'GET',
      path: `/v3/pay/transactions/out-trade-no/SO-RAW-0001?mchid=${sandbox.sandbox.keys.mchid}`,
      headers: {},
      body: Buffer.alloc(0),
    });
    expect(answer.status).toBe(401);
    expect(JSON.parse(answer.body.toString())).toMatchObject({ code: 'SIGN_ERROR' });
    const keys = sandbox.sandbox.keys;
    const check = verifyWechatpaySignature({
      headers: answer.headers,
      body: answer.body.toString(),
      resolveKey: createKeyResolver({
        publicKeys: { [keys.wechatpayPublicKeyId]: keys.wechatpayPublicKeyPem },
      }),
      now: clock.clock(),
    });
    expect(check).toEqual({ ok: true, serial: keys.wechatpayPublicKeyId });
  });

  it('turns a network failure into a retryable UNAVAILABLE', async () => {
    const down: FetchLike = async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:9');
    };
    const error = await gatewayError(
      sandboxGateway(sandbox.sandbox, { clock: clock.clock, fetch: down }).query('SO-NET-0001'),
    );
    expect(error).toMatchObject({ code: 'NETWORK_ERROR', kind: 'UNAVAILABLE', retryable: true });
  });
});

describe('platform certificate mode', () => {
  const certificatePem = readFileSync(
    path.resolve(__dirname, '../../fixtures/wechatpay-platform-cert.pem'),
    'utf8',
  );
  const CERT_SERIAL = '5157F09EFDC096DE15EBE85A2D8FA4F2CFA2E3A6';

  it('signs as the certificate, which a gateway configured with certificates verifies end to end', async () => {
    // Inside the fixture certificate's validity, wherever the machine's clock stands.
    const inValidity = manualClock(Date.parse('2030-06-01T00:00:00Z'));
    const certified = startSandbox(data.dir, {
      clock: inValidity.clock,
      platformCertificate: { certificatePem, privateKeyPem: vectors.merchantTestKey.privateKeyPem },
    });
    expect(certified.sandbox.platformSerial).toBe(CERT_SERIAL);
    const certGateway = sandboxGateway(
      certified.sandbox,
      { clock: inValidity.clock },
      {
        wechatpayPublicKeyId: undefined,
        wechatpayPublicKeyPem: undefined,
        platformCertificatePems: [certificatePem],
      },
    );
    await certGateway.prepay(prepayInput('SO-CERT-0001', inValidity.now()));
    await certified.sandbox.pay('SO-CERT-0001', BUYER);
    expect((await certGateway.query('SO-CERT-0001')).state).toBe('SUCCESS');
    await certified.sandbox.flushNotifications();
    const [delivered] = certified.notifications;
    expect(delivered.headers['Wechatpay-Serial']).toBe(CERT_SERIAL);
    expect(
      certGateway.parseNotification({ channel: 'http', headers: delivered.headers, body: delivered.body }),
    ).toMatchObject({ ok: true });

    // The public-key gateway knows no such serial.
    const publicKeyGateway = sandboxGateway(certified.sandbox, { clock: inValidity.clock });
    expect((await gatewayError(publicKeyGateway.query('SO-CERT-0001'))).message).toContain('UNKNOWN_SERIAL');

    await certified.sandbox.close();
  });

  it('serves the sealed certificate on /v3/certificates', async () => {
    const inValidity = manualClock(Date.parse('2030-06-01T00:00:00Z'));
    const certified = startSandbox(data.dir, {
      clock: inValidity.clock,
      platformCertificate: { certificatePem, privateKeyPem: vectors.merchantTestKey.privateKeyPem },
    });
    const keys = certified.sandbox.keys;
    const signed = signRequest(
      { method: 'GET', url: '/v3/certificates', body: '' },
      { mchid: keys.mchid, serialNo: keys.merchantSerialNo, privateKey: keys.merchantPrivateKeyPem },
      { clock: inValidity.clock },
    );
    const answer = await certified.sandbox.handle({
      method: 'GET',
      path: '/v3/certificates',
      headers: { Authorization: signed.authorization },
      body: Buffer.alloc(0),
    });
    expect(answer.status).toBe(200);
    const { data: list } = JSON.parse(answer.body.toString()) as {
      data: { serial_no: string; encrypt_certificate: EncryptedResource }[];
    };
    expect(list[0].serial_no).toBe(CERT_SERIAL);
    expect(decryptResource(list[0].encrypt_certificate, keys.apiV3Key)).toBe(certificatePem);
    await certified.sandbox.close();
  });
});
