/** The payment configuration: what passes, what each mistake is called, the environment form, and the factory. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createGateway } from '../../../cloudfunctions/common/payments/gateway-factory';
import { GatewayError } from '../../../cloudfunctions/common/payments/gateway';
import {
  PAYMENT_ENV,
  PaymentConfigError,
  isLoopbackUrl,
  parsePaymentConfig,
  paymentConfigFromEnv,
  validatePaymentConfig,
} from '../../../cloudfunctions/common/payments/payment-config';
import {
  ensurePaySandboxKeys,
  sandboxCloudPayEnv,
  sandboxPaymentConfig,
  sandboxPaymentEnv,
} from '../../../emulator/paysandbox';
import {
  NOTIFY_URL,
  SANDBOX_BASE_URL,
  SHOP_APPID,
  sdkLikeCloudPay,
  startSandbox,
  temporaryDataDir,
} from './gateway-support';
import { vectors } from './support';

const data = temporaryDataDir();
afterAll(() => data.remove());
const keys = ensurePaySandboxKeys(data.dir);
const certificatePem = readFileSync(
  path.resolve(__dirname, '../../fixtures/wechatpay-platform-cert.pem'),
  'utf8',
);

const sandboxInput = () =>
  sandboxPaymentConfig(keys, { appid: SHOP_APPID, baseUrl: SANDBOX_BASE_URL, notifyUrl: NOTIFY_URL });

/** A production v3 configuration in public-key mode, built from the sandbox's keys. */
const v3Input = (overrides: Record<string, unknown> = {}) => ({
  ...sandboxInput(),
  mode: 'wechatpay-v3',
  notifyUrl: 'https://shop.example.com/payNotify',
  baseUrl: undefined,
  ...overrides,
});

function errorsOf(input: unknown): string[] {
  const check = validatePaymentConfig(input);
  if (check.ok) throw new Error('expected the configuration to be refused');
  return check.errors;
}

describe('validatePaymentConfig', () => {
  it('accepts the sandbox configuration and production v3 in either verification mode', () => {
    expect(validatePaymentConfig(sandboxInput())).toMatchObject({ ok: true, config: { mode: 'sandbox' } });
    expect(validatePaymentConfig(v3Input())).toMatchObject({ ok: true, config: { mode: 'wechatpay-v3' } });
    const certificateMode = v3Input({
      wechatpayPublicKeyId: undefined,
      wechatpayPublicKeyPem: undefined,
      platformCertificatePems: [certificatePem],
    });
    expect(validatePaymentConfig(certificateMode).ok).toBe(true);
  });

  it('refuses sandbox mode unless its base URL is on this machine, naming the field and the way out', () => {
    for (const baseUrl of [
      'http://127.0.0.1:8080',
      'http://127.8.9.10/',
      'http://localhost:1',
      'http://[::1]:9/',
    ]) {
      expect(validatePaymentConfig({ ...sandboxInput(), baseUrl }).ok).toBe(true);
    }
    for (const baseUrl of [
      'https://api.mch.weixin.qq.com',
      'http://10.0.0.5:8080',
      'http://128.0.0.1',
      'http://127.0.0.1.example.com',
      'http://[::2]/',
    ]) {
      expect(errorsOf({ ...sandboxInput(), baseUrl })).toEqual([
        expect.stringMatching(
          /^baseUrl: sandbox mode only talks to the local cloud: must be on this machine/,
        ),
      ]);
    }
    // The same host is fine for production v3, which verifies WeChat Pay's real keys.
    expect(validatePaymentConfig(v3Input({ baseUrl: 'http://10.0.0.5:8080' })).ok).toBe(true);
  });

  it('tells loopback addresses apart', () => {
    expect(isLoopbackUrl('http://127.0.0.1')).toBe(true);
    expect(isLoopbackUrl('http://127.255.255.254:80')).toBe(true);
    expect(isLoopbackUrl('http://LOCALHOST')).toBe(true);
    expect(isLoopbackUrl('http://127.0.0.256')).toBe(false);
    expect(isLoopbackUrl('http://0.0.0.0')).toBe(false);
    expect(isLoopbackUrl('not a url')).toBe(false);
  });

  it('names every wrong merchant-platform value at once', () => {
    const errors = errorsOf(
      v3Input({
        appid: 'wxABC',
        mchid: 'merchant',
        apiV3Key: 'short',
        merchantPrivateKeyPem: '-----BEGIN PRIVATE KEY-----\nnot a key\n-----END PRIVATE KEY-----',
        notifyUrl: 'http://shop.example.com/payNotify?x=1',
      }),
    );
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^appid: must be the mini program AppID/),
        expect.stringMatching(/^mchid: must be a WeChat Pay merchant number/),
        expect.stringMatching(/^apiV3Key: must be exactly 32 characters.*not the v2 API key/),
        expect.stringMatching(
          /^merchantPrivateKeyPem: must be the PEM of the merchant API private key \(apiclient_key\.pem\)/,
        ),
        expect.stringMatching(/^notifyUrl: must be an https:\/\/ URL without a query string/),
      ]),
    );
    expect(errors).toHaveLength(5);
  });

  it('requires a way to verify WeChat Pay, and both halves of a public key', () => {
    expect(errorsOf(v3Input({ wechatpayPublicKeyId: undefined, wechatpayPublicKeyPem: undefined }))).toEqual([
      expect.stringMatching(
        /^wechatpayPublicKeyId: no key to verify WeChat Pay with: give .* or platformCertificatePems/,
      ),
    ]);
    expect(errorsOf(v3Input({ wechatpayPublicKeyPem: undefined }))).toEqual([
      'wechatpayPublicKeyPem: is required with the other half of the WeChat Pay public key (id and PEM go together)',
    ]);
    expect(
      errorsOf(
        v3Input({ platformCertificatePems: ['-----BEGIN CERTIFICATE-----\nx\n-----END CERTIFICATE-----'] }),
      ),
    ).toEqual([
      expect.stringMatching(
        /^platformCertificatePems\.0: must be the PEM of a WeChat Pay platform certificate/,
      ),
    ]);
    // A public key where the merchant private key belongs is a classic mix-up.
    expect(errorsOf(v3Input({ merchantPrivateKeyPem: keys.wechatpayPublicKeyPem }))[0]).toMatch(
      /^merchantPrivateKeyPem:/,
    );
  });

  it('names the mode when it is missing or unknown, and required fields when absent', () => {
    expect(errorsOf({})).toEqual(['mode: must be one of "wechatpay-v3", "cloudpay", "sandbox"']);
    expect(errorsOf({ mode: 'alipay' })).toEqual([
      'mode: must be one of "wechatpay-v3", "cloudpay", "sandbox"',
    ]);
    expect(errorsOf({ mode: 'cloudpay', appid: SHOP_APPID })).toEqual([
      'subMchId: is required',
      'envId: is required',
      'callbackFunction: is required',
    ]);
  });

  it('throws all messages together from parsePaymentConfig', () => {
    expect(() => parsePaymentConfig({ mode: 'cloudpay' })).toThrow(PaymentConfigError);
    expect(() => parsePaymentConfig({ mode: 'cloudpay' })).toThrow(
      /appid: is required\n {2}subMchId: is required/,
    );
  });
});

describe('paymentConfigFromEnv', () => {
  it('reads back what sandboxPaymentEnv writes', () => {
    const env = sandboxPaymentEnv(keys, {
      appid: SHOP_APPID,
      baseUrl: SANDBOX_BASE_URL,
      notifyUrl: NOTIFY_URL,
    });
    // Values are trimmed on the way in, the PEMs' final line break included.
    const trimmed = (config: object) =>
      Object.fromEntries(
        Object.entries(config).map(([key, value]) => [key, typeof value === 'string' ? value.trim() : value]),
      );
    expect(parsePaymentConfig(paymentConfigFromEnv(env))).toEqual(
      trimmed(parsePaymentConfig(sandboxInput())),
    );
  });

  it('takes PEMs with escaped line breaks, several certificates in one variable, and blanks as unset', () => {
    const env = {
      [PAYMENT_ENV.mode]: 'wechatpay-v3',
      [PAYMENT_ENV.appid]: SHOP_APPID,
      [PAYMENT_ENV.mchid]: vectors.merchantTestKey.mchid,
      [PAYMENT_ENV.merchantSerialNo]: vectors.merchantTestKey.serialNo,
      [PAYMENT_ENV.merchantPrivateKeyPem]: vectors.merchantTestKey.privateKeyPem.replace(/\n/g, '\\n'),
      [PAYMENT_ENV.apiV3Key]: vectors.aes256gcm.apiV3Key,
      [PAYMENT_ENV.platformCertificatePems]: `${certificatePem}\n${certificatePem}`.replace(/\n/g, '\\n'),
      [PAYMENT_ENV.wechatpayPublicKeyId]: '  ',
      [PAYMENT_ENV.notifyUrl]: 'https://shop.example.com/payNotify',
    };
    const config = parsePaymentConfig(paymentConfigFromEnv(env));
    expect(config).toMatchObject({
      mode: 'wechatpay-v3',
      merchantPrivateKeyPem: vectors.merchantTestKey.privateKeyPem,
    });
    expect(config.mode === 'wechatpay-v3' && config.platformCertificatePems).toHaveLength(2);
  });

  it('reads the cloudpay mode', () => {
    const env = sandboxCloudPayEnv(keys, {
      appid: SHOP_APPID,
      envId: 'shop-env-1a2b',
      callbackFunction: 'payCallback',
    });
    expect(parsePaymentConfig(paymentConfigFromEnv(env))).toEqual({
      mode: 'cloudpay',
      appid: SHOP_APPID,
      subMchId: keys.mchid,
      envId: 'shop-env-1a2b',
      callbackFunction: 'payCallback',
    });
  });
});

describe('createGateway', () => {
  it('builds the gateway of each mode, with its notification channel', () => {
    const { sandbox } = startSandbox(data.dir);
    expect(createGateway(parsePaymentConfig(sandboxInput()))).toMatchObject({
      mode: 'sandbox',
      notificationChannel: 'http',
    });
    expect(createGateway(parsePaymentConfig(v3Input()))).toMatchObject({
      mode: 'wechatpay-v3',
      notificationChannel: 'http',
    });
    const cloudpay = parsePaymentConfig(
      paymentConfigFromEnv(
        sandboxCloudPayEnv(keys, { appid: SHOP_APPID, envId: 'e', callbackFunction: 'payCallback' }),
      ),
    );
    expect(createGateway(cloudpay, { cloudPay: sdkLikeCloudPay(sandbox) })).toMatchObject({
      mode: 'cloudpay',
      notificationChannel: 'cloudpay-callback',
    });
    expect(() => createGateway(cloudpay)).toThrow(GatewayError);
    void sandbox.close();
  });
});
