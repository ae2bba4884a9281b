/** The deployment configuration: a valid file loads; each missing or malformed field gives its own one-line message. */
import fs from 'node:fs';
import path from 'node:path';
import {
  CONFIG_FILE,
  EXAMPLE_FILE,
  loadShopConfig,
  REPOSITORY_ROOT,
  shopConfigPath,
  validateShopConfig,
} from '../../../scripts/lib/shop-config';
import { makeConfigFixture, withField, type ConfigFixture } from './fixture';

let fixture: ConfigFixture;
beforeAll(() => {
  fixture = makeConfigFixture();
});
afterAll(() => fixture.remove());

function errorsOf(raw: unknown): string[] {
  const check = validateShopConfig(raw, fixture.dir);
  if (check.ok) throw new Error('expected the configuration to be refused');
  return check.errors;
}

describe('a valid configuration', () => {
  it('loads the v3 payment with its keys read from their files', () => {
    const check = validateShopConfig(fixture.v3(), fixture.dir);
    if (!check.ok) throw new Error(check.errors.join('\n'));
    const { config } = check;
    expect(config.appid).toBe('wx0123456789abcdef');
    expect(config.ciPrivateKeyPath).toBe(fixture.keys.ci);
    expect(config.robot).toBe(2);
    expect(config.payment.mode).toBe('wechatpay-v3');
    if (config.payment.mode !== 'wechatpay-v3') return;
    expect(config.payment.appid).toBe(config.appid);
    expect(config.payment.merchantPrivateKeyPem).toBe(fs.readFileSync(fixture.keys.merchant, 'utf8'));
    expect(config.paymentFiles.merchantPrivateKeyPem).toBe(fixture.keys.merchant);
    expect(config.assets.dir).toBe(path.join(REPOSITORY_ROOT, 'emulator', 'seed', 'images'));
  });

  it('loads cloudpay with the environment and the default callback function', () => {
    const check = validateShopConfig(withField(fixture.cloudpay(), 'robot', undefined), fixture.dir);
    if (!check.ok) throw new Error(check.errors.join('\n'));
    expect(check.config.robot).toBe(1);
    expect(check.config.payment).toEqual({
      mode: 'cloudpay',
      appid: 'wx0123456789abcdef',
      subMchId: '1900000109',
      envId: 'shop-prod-1a2b3c',
      callbackFunction: 'payCallback',
    });
  });
});

describe('a missing field is named', () => {
  it.each([
    ['appid', 'v3'],
    ['envId', 'v3'],
    ['ciPrivateKeyPath', 'v3'],
    ['payment', 'v3'],
    ['payment.mode', 'v3'],
    ['payment.mchid', 'v3'],
    ['payment.merchantSerialNo', 'v3'],
    ['payment.merchantPrivateKeyPath', 'v3'],
    ['payment.apiV3Key', 'v3'],
    ['payment.notifyUrl', 'v3'],
    ['payment.subMchId', 'cloudpay'],
  ] as const)('%s (%s)', (field, mode) => {
    const raw = withField(mode === 'v3' ? fixture.v3() : fixture.cloudpay(), field, undefined);
    expect(errorsOf(raw)).toEqual([`${field} is missing`]);
  });
});

describe('a malformed field says what is wrong', () => {
  it.each([
    ['appid', 'wx123', 'appid: must be the mini program AppID: "wx" and 16 hex digits'],
    ['envId', 'my env!', 'envId: must be the cloud environment id'],
    ['robot', 31, 'robot: must be 1-30'],
    ['payment.mode', 'sandbox', `payment.mode: "sandbox" is the local cloud's stand-in`],
    ['payment.mode', 'alipay', 'payment.mode: must be "wechatpay-v3" or "cloudpay"'],
    ['payment.mchid', 'abc', 'payment.mchid: must be a WeChat Pay merchant number'],
    ['payment.mchid', 1900000109, 'payment.mchid: must be a string in quotes, not number'],
    ['payment.merchantSerialNo', 'serial?', 'payment.merchantSerialNo: must be the serial number'],
    ['payment.apiV3Key', 'short', 'payment.apiV3Key: must be exactly 32 characters'],
    [
      'payment.wechatpayPublicKeyId',
      'KEY_1',
      'payment.wechatpayPublicKeyId: must be the WeChat Pay public key id',
    ],
    ['payment.notifyUrl', 'http://example.com/payNotify', 'payment.notifyUrl: must be an https:// URL'],
    [
      'payment.notifyUrl',
      'https://example.com/pay?x=1',
      'payment.notifyUrl: must be an https:// URL without a query',
    ],
    ['adminOpenids', ['not an openid'], 'adminOpenids[0]: must be an OPENID'],
    ['orderExpiryMinutes', 0, 'orderExpiryMinutes: must be positive'],
    ['orderExpiryMinutes', 1.5, 'orderExpiryMinutes: must be a whole number'],
    ['shippingRule.baseFee', -1, 'shippingRule.baseFee: must not be negative'],
    ['shippingRule.freeShipping', 100, 'shippingRule.freeShipping: unknown field'],
    ['payment.mchId', '1900000109', 'payment.mchId: unknown field'],
    ['assets.url', 'http://example.com', 'assets.url: must be an https:// URL'],
  ] as const)('%s = %j', (field, value, message) => {
    const errors = errorsOf(withField(fixture.v3(), field, value));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toContain(message);
  });

  it('a key file that does not exist', () => {
    const missing = path.join(fixture.dir, 'secrets', 'nope.key');
    expect(errorsOf(withField(fixture.v3(), 'ciPrivateKeyPath', 'secrets/nope.key'))).toEqual([
      `ciPrivateKeyPath: file not found: ${missing}`,
    ]);
    const merchant = withField(fixture.v3(), 'payment.merchantPrivateKeyPath', 'secrets/nope.pem');
    expect(errorsOf(merchant)).toEqual([
      `payment.merchantPrivateKeyPath: file not found: ${path.join(fixture.dir, 'secrets', 'nope.pem')}`,
    ]);
  });

  it('a file that holds the wrong kind of key', () => {
    const ci = errorsOf(withField(fixture.v3(), 'ciPrivateKeyPath', 'secrets/pub_key.pem'));
    expect(ci).toEqual([expect.stringContaining('ciPrivateKeyPath: not a PEM private key:')]);
    const merchant = errorsOf(
      withField(fixture.v3(), 'payment.merchantPrivateKeyPath', 'secrets/pub_key.pem'),
    );
    expect(merchant).toEqual([
      expect.stringMatching(
        /^payment\.merchantPrivateKeyPath: must be the PEM of the merchant API private key.*pub_key\.pem\)$/,
      ),
    ]);
  });

  it('half of the WeChat Pay public key, or no way to verify WeChat Pay at all', () => {
    const half = withField(fixture.v3(), 'payment.wechatpayPublicKeyPath', undefined);
    expect(errorsOf(half)).toEqual([
      expect.stringContaining('payment.wechatpayPublicKeyPath: is required with the other half'),
    ]);
    const none = withField(half, 'payment.wechatpayPublicKeyId', undefined);
    expect(errorsOf(none)).toEqual([
      expect.stringContaining(
        'payment.wechatpayPublicKeyId: no key to verify WeChat Pay with: give wechatpayPublicKeyId + wechatpayPublicKeyPath',
      ),
    ]);
  });

  it('lists every problem at once, one line each', () => {
    const raw = withField(
      withField(withField(fixture.v3(), 'appid', 'x'), 'payment.mchid', undefined),
      'robot',
      0,
    );
    const errors = errorsOf(raw);
    expect(errors).toEqual([
      expect.stringContaining('appid: must be'),
      'robot: must be 1-30',
      'payment.mchid is missing',
    ]);
    for (const error of errors) expect(error).not.toContain('\n');
  });
});

describe('files', () => {
  it('names the file to create when there is none', () => {
    const check = loadShopConfig(path.join(fixture.dir, 'absent.json'));
    expect(check).toEqual({
      ok: false,
      errors: [expect.stringContaining(`not found — copy ${EXAMPLE_FILE} to ${CONFIG_FILE}`)],
    });
  });

  it('reports broken JSON in one line', () => {
    const check = loadShopConfig(fixture.write('{ "appid": ', 'broken.json'));
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.errors).toEqual([expect.stringMatching(/broken\.json: not valid JSON \(.+\)$/)]);
  });

  it('resolves paths in the file from the file, and finds the file by SHOP_CONFIG', () => {
    const file = fixture.write(fixture.v3());
    expect(shopConfigPath(undefined, { SHOP_CONFIG: file })).toBe(file);
    expect(shopConfigPath(undefined, {})).toBe(path.join(REPOSITORY_ROOT, CONFIG_FILE));
    expect(shopConfigPath('other.json', { SHOP_CONFIG: file }, '/somewhere')).toBe('/somewhere/other.json');
    const check = loadShopConfig(file);
    expect(check.ok && check.config.file).toBe(file);
  });

  it('the committed template has every field the loader knows, each still a placeholder or a default', () => {
    const template = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, EXAMPLE_FILE), 'utf8')) as unknown;
    const errors = errorsOf(template);
    expect(errors.length).toBeGreaterThan(0);
    for (const error of errors) expect(error).toContain(`still the placeholder`);
  });
});
