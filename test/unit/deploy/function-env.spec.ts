/**
 * The functions' environment variables made from the deployment configuration: read back by the functions'
 * own readers they give the same configuration, each function gets what its bundle names, secrets stay masked.
 */
import path from 'node:path';
import { readShopSettings } from '../../../cloudfunctions/common/config/shop-settings';
import { DEFAULT_SHIPPING_RULE } from '../../../cloudfunctions/common/domain/shipping';
import {
  paymentConfigFromEnv,
  validatePaymentConfig,
} from '../../../cloudfunctions/common/payments/payment-config';
import {
  asEnvironment,
  environmentBytes,
  environmentLines,
  FUNCTION_ENV_LIMIT_BYTES,
  shopVariables,
  variablesOfBundle,
} from '../../../scripts/deploy/function-env';
import { validateShopConfig, type ShopConfig } from '../../../scripts/lib/shop-config';
import { makeConfigFixture, withField, type ConfigFixture } from './fixture';

const CERTIFICATE = path.resolve(__dirname, '..', '..', 'fixtures', 'wechatpay-platform-cert.pem');

let fixture: ConfigFixture;
beforeAll(() => {
  fixture = makeConfigFixture();
});
afterAll(() => fixture.remove());

/** PEMs lose their final line break on one line; nothing else may change. */
function trimmed(value: unknown): unknown {
  if (typeof value === 'string') return value.trim();
  if (Array.isArray(value)) return value.map(trimmed);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, trimmed(item)]));
  }
  return value;
}

function load(raw: Record<string, unknown>): ShopConfig {
  const check = validateShopConfig(raw, fixture.dir);
  if (!check.ok) throw new Error(check.errors.join('\n'));
  return check.config;
}

describe('round trip through the functions’ readers', () => {
  it('v3: payment-config reads back the same payment configuration', () => {
    const config = load(fixture.v3());
    const env = asEnvironment(shopVariables(config));
    expect(env.PAY_MERCHANT_PRIVATE_KEY).not.toContain('\n');
    expect(validatePaymentConfig(paymentConfigFromEnv(env))).toEqual({
      ok: true,
      config: trimmed(config.payment),
    });
  });

  it('cloudpay: the bound merchant, environment and callback function', () => {
    const config = load(fixture.cloudpay());
    const env = asEnvironment(shopVariables(config));
    expect(Object.keys(env).filter((name) => name.startsWith('PAY_'))).toEqual([
      'PAY_MODE',
      'PAY_APPID',
      'PAY_SUB_MCH_ID',
      'PAY_ENV_ID',
      'PAY_CALLBACK_FUNCTION',
    ]);
    expect(validatePaymentConfig(paymentConfigFromEnv(env))).toEqual({ ok: true, config: config.payment });
  });

  it('certificate mode: several certificates travel in one variable', () => {
    const raw = withField(
      withField(fixture.v3(), 'payment.wechatpayPublicKeyId', undefined),
      'payment.wechatpayPublicKeyPath',
      undefined,
    );
    const config = load(withField(raw, 'payment.platformCertificatePaths', [CERTIFICATE, CERTIFICATE]));
    const env = asEnvironment(shopVariables(config));
    const read = validatePaymentConfig(paymentConfigFromEnv(env));
    expect(read).toEqual({ ok: true, config: trimmed(config.payment) });
    // Two certificates and the merchant key do not fit a function's 4 KB: the deploy refuses, naming the fix.
    expect(environmentBytes(shopVariables(config))).toBeGreaterThan(FUNCTION_ENV_LIMIT_BYTES);
  });

  it('the shop settings read back as configured, the shipping rule merged over the defaults', () => {
    const config = load(fixture.v3());
    const settings = readShopSettings(asEnvironment(shopVariables(config)));
    expect(settings.orderExpiryMs).toBe(20 * 60_000);
    expect(settings.adminOpenids).toEqual(['oAbCdEfGhIjKlMnOpQrStUvWxYz0']);
    expect(settings.shippingRule).toEqual({
      ...DEFAULT_SHIPPING_RULE,
      baseFee: 800,
      regionExtra: { 西藏自治区: 2000 },
    });
  });

  it('unset shop settings are left out, so the functions use their defaults', () => {
    const raw = withField(
      withField(withField(fixture.v3(), 'orderExpiryMinutes', undefined), 'shippingRule', undefined),
      'adminOpenids',
      [],
    );
    const names = shopVariables(load(raw)).map((variable) => variable.name);
    expect(names.filter((name) => name.startsWith('SHOP_'))).toEqual([]);
    expect(environmentBytes(shopVariables(load(fixture.v3())))).toBeLessThan(FUNCTION_ENV_LIMIT_BYTES);
  });
});

describe('per function', () => {
  it('gets the variables its bundle names, whole names only', () => {
    const all = shopVariables(load(fixture.v3()));
    const bundle = 'const names = { mode: "PAY_MODE", key: "PAY_API_V3_KEY" }; read("PAY_MODEX");';
    expect(variablesOfBundle(bundle, all).map((variable) => variable.name)).toEqual([
      'PAY_MODE',
      'PAY_API_V3_KEY',
    ]);
    expect(variablesOfBundle('env.SHOP_ADMIN_OPENIDS', all).map((variable) => variable.name)).toEqual([
      'SHOP_ADMIN_OPENIDS',
    ]);
  });
});

describe('printing', () => {
  it('masks secrets and names key files unless asked to reveal them', () => {
    const config = load(fixture.v3());
    const variables = shopVariables(config);
    const masked = environmentLines(variables, false).join('\n');
    expect(masked).not.toContain('a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6');
    expect(masked).not.toContain('PRIVATE KEY');
    expect(masked).toContain('PAY_API_V3_KEY=<secret: 32 characters>');
    expect(masked).toMatch(/PAY_MERCHANT_PRIVATE_KEY=<apiclient_key\.pem on one line.*secret>/);
    expect(masked).toContain('PAY_MCHID=1900000109');
    const revealed = environmentLines(variables, true);
    expect(revealed).toContain('PAY_API_V3_KEY=a1B2c3D4e5F6g7H8i9J0k1L2m3N4o5P6');
    for (const line of revealed) expect(line).not.toContain('\n');
  });
});
