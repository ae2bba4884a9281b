/**
 * The payment configuration of the functions: one shape per gateway mode, validated at start-up with messages
 * that say which merchant-platform value is wrong, and read from the functions' environment variables.
 */
import { X509Certificate, createPrivateKey, createPublicKey } from 'node:crypto';
import { z } from 'zod';
import type { PaymentMode } from '../../../types/api';

const APPID = z.string().regex(/^wx[0-9a-f]{16}$/, 'must be the mini program AppID: "wx" and 16 hex digits');
const MCHID = z.string().regex(/^\d{8,12}$/, 'must be a WeChat Pay merchant number (商户号): 8-12 digits');

function parses(parse: () => unknown): boolean {
  try {
    parse();
    return true;
  } catch {
    return false;
  }
}

const MERCHANT_PRIVATE_KEY = z
  .string()
  .refine((pem) => pem.includes('PRIVATE KEY-----') && parses(() => createPrivateKey(pem)), {
    message:
      'must be the PEM of the merchant API private key (apiclient_key.pem), "-----BEGIN PRIVATE KEY-----..."',
  })
  .refine(
    (pem) => !parses(() => createPrivateKey(pem)) || createPrivateKey(pem).asymmetricKeyType === 'rsa',
    {
      message: 'must be an RSA key: API v3 signs with SHA256-RSA2048',
    },
  );

const PUBLIC_KEY = z
  .string()
  .refine((pem) => pem.includes('PUBLIC KEY-----') && parses(() => createPublicKey(pem)), {
    message: 'must be the PEM of the WeChat Pay public key (pub_key.pem), "-----BEGIN PUBLIC KEY-----..."',
  });

const CERTIFICATE = z.string().refine((pem) => parses(() => new X509Certificate(pem)), {
  message: 'must be the PEM of a WeChat Pay platform certificate, "-----BEGIN CERTIFICATE-----..."',
});

const API_V3_KEY = z.string().refine((key) => Buffer.byteLength(key, 'utf8') === 32, {
  message: 'must be exactly 32 characters: the APIv3 key set in the merchant platform (not the v2 API key)',
});

const HTTP_URL = z.string().url('must be an absolute URL');

const v3Fields = {
  appid: APPID,
  mchid: MCHID,
  merchantSerialNo: z
    .string()
    .regex(/^[0-9A-Fa-f]{8,40}$/, 'must be the serial number of the merchant API certificate (hex)'),
  merchantPrivateKeyPem: MERCHANT_PRIVATE_KEY,
  apiV3Key: API_V3_KEY,
  /** Public-key mode (merchants registered since 2024, and any that switched): the id and PEM from the platform. */
  wechatpayPublicKeyId: z
    .string()
    .regex(/^PUB_KEY_ID_\w+$/, 'must be the WeChat Pay public key id, "PUB_KEY_ID_..."')
    .optional(),
  wechatpayPublicKeyPem: PUBLIC_KEY.optional(),
  /** Certificate mode (older merchants): platform certificates as downloaded from /v3/certificates. */
  platformCertificatePems: z.array(CERTIFICATE).optional(),
  baseUrl: HTTP_URL.optional(),
};

const wechatpayV3Schema = z.object({
  mode: z.literal('wechatpay-v3'),
  ...v3Fields,
  // WeChat Pay calls it from the internet: HTTPS, and no query string, which it would drop.
  notifyUrl: HTTP_URL.refine((url) => url.startsWith('https://') && !url.includes('?'), {
    message:
      'must be an https:// URL without a query string, reachable by WeChat Pay (the notify function over HTTP access)',
  }),
});

/**
 * Whether a URL points at this machine: localhost, 127.0.0.0/8 or ::1. The sandbox trusts keys the local cloud
 * made up, so a sandbox configuration must never reach a payment service anywhere else.
 */
export function isLoopbackUrl(url: string): boolean {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return false;
  }
  if (host === 'localhost' || host.endsWith('.localhost')) return true;
  if (host === '[::1]') return true;
  const octets = host.split('.');
  return (
    octets.length === 4 &&
    octets[0] === '127' &&
    octets.every((octet) => /^\d{1,3}$/.test(octet) && Number(octet) <= 255)
  );
}

const sandboxSchema = z.object({
  mode: z.literal('sandbox'),
  ...v3Fields,
  /** The local cloud's sandbox speaks plain HTTP on the loopback. */
  notifyUrl: HTTP_URL,
  baseUrl: HTTP_URL.refine(isLoopbackUrl, {
    message:
      'sandbox mode only talks to the local cloud: must be on this machine (localhost, 127.0.0.0/8 or [::1]); for WeChat Pay use mode "wechatpay-v3"',
  }),
});

const cloudpaySchema = z.object({
  mode: z.literal('cloudpay'),
  appid: APPID,
  subMchId: MCHID,
  envId: z.string().min(1, 'must be the cloud environment id of the callback function'),
  callbackFunction: z
    .string()
    .regex(
      /^[A-Za-z][\w-]{0,59}$/,
      'must be the name of the cloud function cloudPay calls with the payment result',
    ),
});

function requireWechatpayKeys(
  config: z.infer<typeof wechatpayV3Schema> | z.infer<typeof sandboxSchema>,
  context: z.RefinementCtx,
): void {
  const hasId = config.wechatpayPublicKeyId !== undefined;
  const hasPem = config.wechatpayPublicKeyPem !== undefined;
  if (hasId !== hasPem) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: [hasId ? 'wechatpayPublicKeyPem' : 'wechatpayPublicKeyId'],
      message: 'is required with the other half of the WeChat Pay public key (id and PEM go together)',
    });
  }
  if (!hasId && !hasPem && (config.platformCertificatePems ?? []).length === 0) {
    context.addIssue({
      code: z.ZodIssueCode.custom,
      path: ['wechatpayPublicKeyId'],
      message:
        'no key to verify WeChat Pay with: give wechatpayPublicKeyId + wechatpayPublicKeyPem (public-key mode) or platformCertificatePems (certificate mode)',
    });
  }
}

export const paymentConfigSchema = z
  .discriminatedUnion('mode', [wechatpayV3Schema, sandboxSchema, cloudpaySchema], {
    errorMap: (issue, context) =>
      issue.code === z.ZodIssueCode.invalid_union_discriminator
        ? { message: 'must be one of "wechatpay-v3", "cloudpay", "sandbox"' }
        : { message: context.defaultError },
  })
  .superRefine((config, context) => {
    if (config.mode !== 'cloudpay') requireWechatpayKeys(config, context);
  });

export type PaymentConfig = z.infer<typeof paymentConfigSchema>;
export type WechatpayV3Config = z.infer<typeof wechatpayV3Schema>;
export type SandboxConfig = z.infer<typeof sandboxSchema>;
export type CloudPayConfig = z.infer<typeof cloudpaySchema>;
/** The schema's modes are exactly the contract's (`types/api`): a mode added on one side fails to compile. */
const MODES_MATCH: [PaymentConfig['mode'], PaymentMode] extends [PaymentMode, PaymentConfig['mode']]
  ? true
  : never = true;
void MODES_MATCH;

export type PaymentConfigCheck = { ok: true; config: PaymentConfig } | { ok: false; errors: string[] };

/** Every problem at once, each as "field: what is wrong", so a deployment is fixed in one round. */
export function validatePaymentConfig(input: unknown): PaymentConfigCheck {
  const parsed = paymentConfigSchema.safeParse(input);
  if (parsed.success) return { ok: true, config: parsed.data };
  const errors = parsed.error.issues.map((issue) => {
    const field = issue.path.join('.') || 'config';
    const message =
      issue.code === z.ZodIssueCode.invalid_type && issue.received === 'undefined'
        ? 'is required'
        : issue.message;
    return `${field}: ${message}`;
  });
  return { ok: false, errors };
}

export class PaymentConfigError extends Error {
  constructor(readonly errors: readonly string[]) {
    super(`invalid payment configuration:\n  ${errors.join('\n  ')}`);
    this.name = 'PaymentConfigError';
  }
}

export function parsePaymentConfig(input: unknown): PaymentConfig {
  const check = validatePaymentConfig(input);
  if (!check.ok) throw new PaymentConfigError(check.errors);
  return check.config;
}

// ---------------------------------------------------------------------------------------------------------
// Environment variables (what the cloud console's function configuration holds)
// ---------------------------------------------------------------------------------------------------------

/** The variable each field is read from; docs/payments.md lists them for a deployment. */
export const PAYMENT_ENV = {
  mode: 'PAY_MODE',
  appid: 'PAY_APPID',
  mchid: 'PAY_MCHID',
  merchantSerialNo: 'PAY_MERCHANT_SERIAL_NO',
  merchantPrivateKeyPem: 'PAY_MERCHANT_PRIVATE_KEY',
  apiV3Key: 'PAY_API_V3_KEY',
  wechatpayPublicKeyId: 'PAY_WECHATPAY_PUBLIC_KEY_ID',
  wechatpayPublicKeyPem: 'PAY_WECHATPAY_PUBLIC_KEY',
  platformCertificatePems: 'PAY_PLATFORM_CERTIFICATES',
  notifyUrl: 'PAY_NOTIFY_URL',
  baseUrl: 'PAY_BASE_URL',
  subMchId: 'PAY_SUB_MCH_ID',
  envId: 'PAY_ENV_ID',
  callbackFunction: 'PAY_CALLBACK_FUNCTION',
} as const;

/** Consoles store one line per value, so PEMs may come with literal "\n" for their line breaks. */
function pemFrom(value: string): string {
  return value.includes('\\n') ? value.replace(/\\n/g, '\n') : value;
}

function splitCertificates(value: string): string[] {
  return pemFrom(value).match(/-----BEGIN CERTIFICATE-----[\s\S]*?-----END CERTIFICATE-----/g) ?? [];
}

/**
 * The raw configuration from environment variables, to be checked by validatePaymentConfig. Empty variables
 * count as unset, so a console field left blank gives "is required" rather than a format error.
 */
export function paymentConfigFromEnv(
  env: Readonly<Record<string, string | undefined>>,
): Record<string, unknown> {
  const read = (name: string): string | undefined => {
    const value = env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  };
  const mode = read(PAYMENT_ENV.mode);
  if (mode === 'cloudpay') {
    return {
      mode,
      appid: read(PAYMENT_ENV.appid),
      subMchId: read(PAYMENT_ENV.subMchId),
      envId: read(PAYMENT_ENV.envId),
      callbackFunction: read(PAYMENT_ENV.callbackFunction),
    };
  }
  const optional = (name: string, transform: (value: string) => unknown = (value) => value) => {
    const value = read(name);
    return value === undefined ? undefined : transform(value);
  };
  return {
    mode,
    appid: read(PAYMENT_ENV.appid),
    mchid: read(PAYMENT_ENV.mchid),
    merchantSerialNo: read(PAYMENT_ENV.merchantSerialNo),
    merchantPrivateKeyPem: optional(PAYMENT_ENV.merchantPrivateKeyPem, pemFrom),
    apiV3Key: read(PAYMENT_ENV.apiV3Key),
    wechatpayPublicKeyId: optional(PAYMENT_ENV.wechatpayPublicKeyId),
    wechatpayPublicKeyPem: optional(PAYMENT_ENV.wechatpayPublicKeyPem, pemFrom),
    platformCertificatePems: optional(PAYMENT_ENV.platformCertificatePems, splitCertificates),
    notifyUrl: read(PAYMENT_ENV.notifyUrl),
    baseUrl: optional(PAYMENT_ENV.baseUrl),
  };
}
