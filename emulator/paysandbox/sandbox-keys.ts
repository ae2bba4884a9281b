/**
 * The sandbox merchant's credentials and the sandbox's own WeChat Pay key, made on first start into
 * <dataDir>/paysandbox/keys.json, and the payment configuration of the functions that goes with them.
 */
import { generateKeyPairSync, randomBytes, randomInt } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import path from 'node:path';

/**
 * The environment variables the shop's functions take their payment settings from, as documented for
 * deployments (docs/payments.md). The local cloud sets them like any operator would.
 */
const PAYMENT_ENV = {
  mode: 'PAY_MODE',
  appid: 'PAY_APPID',
  mchid: 'PAY_MCHID',
  merchantSerialNo: 'PAY_MERCHANT_SERIAL_NO',
  merchantPrivateKeyPem: 'PAY_MERCHANT_PRIVATE_KEY',
  apiV3Key: 'PAY_API_V3_KEY',
  wechatpayPublicKeyId: 'PAY_WECHATPAY_PUBLIC_KEY_ID',
  wechatpayPublicKeyPem: 'PAY_WECHATPAY_PUBLIC_KEY',
  notifyUrl: 'PAY_NOTIFY_URL',
  baseUrl: 'PAY_BASE_URL',
  subMchId: 'PAY_SUB_MCH_ID',
  envId: 'PAY_ENV_ID',
  callbackFunction: 'PAY_CALLBACK_FUNCTION',
} as const;

export interface PaySandboxKeys {
  /** The merchant number (商户号) of the sandbox merchant. */
  mchid: string;
  /** Serial of the merchant API certificate: what our Authorization header names as serial_no. */
  merchantSerialNo: string;
  /** apiclient_key.pem: the functions sign requests and paySign with it. */
  merchantPrivateKeyPem: string;
  /** The sandbox checks the functions' signatures with it, as WeChat Pay does with the merchant certificate. */
  merchantPublicKeyPem: string;
  /** The APIv3 key: seals notification resources. */
  apiV3Key: string;
  /** Public-key mode: the id WeChat Pay signs under (Wechatpay-Serial) and its public key (pub_key.pem). */
  wechatpayPublicKeyId: string;
  wechatpayPublicKeyPem: string;
  /** Only the sandbox holds this: it signs answers and notifications as WeChat Pay. */
  wechatpayPrivateKeyPem: string;
  /** The v2 key the sandbox signs cloudPay's payment parameters (MD5 paySign) with, as cloudPay's provider does. */
  cloudPayKey: string;
  createdAt: string;
}

export const PAY_SANDBOX_FOLDER = 'paysandbox';
const KEYS_FILE = 'keys.json';
const SANDBOX_MCHID = '1900000109';

export function paySandboxFolder(dataDir: string): string {
  return path.join(dataDir, PAY_SANDBOX_FOLDER);
}

export function paySandboxKeysPath(dataDir: string): string {
  return path.join(paySandboxFolder(dataDir), KEYS_FILE);
}

const ALPHANUMERIC = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

function randomText(length: number, alphabet = ALPHANUMERIC): string {
  let text = '';
  for (let i = 0; i < length; i += 1) text += alphabet[randomInt(alphabet.length)];
  return text;
}

function rsaKeyPair(): { privateKeyPem: string; publicKeyPem: string } {
  const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    // PKCS#8, the "BEGIN PRIVATE KEY" form the merchant platform's apiclient_key.pem has.
    privateKeyPem: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
    publicKeyPem: publicKey.export({ type: 'spki', format: 'pem' }).toString(),
  };
}

function generateKeys(now: Date): PaySandboxKeys {
  const merchant = rsaKeyPair();
  const wechatpay = rsaKeyPair();
  const day = now.toISOString().slice(0, 10).replace(/-/g, '');
  return {
    mchid: SANDBOX_MCHID,
    merchantSerialNo: randomBytes(20).toString('hex').toUpperCase(),
    merchantPrivateKeyPem: merchant.privateKeyPem,
    merchantPublicKeyPem: merchant.publicKeyPem,
    apiV3Key: randomText(32),
    wechatpayPublicKeyId: `PUB_KEY_ID_01${SANDBOX_MCHID}${day}${randomText(16, '0123456789')}`,
    wechatpayPublicKeyPem: wechatpay.publicKeyPem,
    wechatpayPrivateKeyPem: wechatpay.privateKeyPem,
    cloudPayKey: randomText(32),
    createdAt: now.toISOString(),
  };
}

function isKeys(value: unknown): value is PaySandboxKeys {
  if (typeof value !== 'object' || value === null) return false;
  const record = value as Record<string, unknown>;
  return [
    'mchid',
    'merchantSerialNo',
    'merchantPrivateKeyPem',
    'merchantPublicKeyPem',
    'apiV3Key',
    'wechatpayPublicKeyId',
    'wechatpayPublicKeyPem',
    'wechatpayPrivateKeyPem',
    'cloudPayKey',
  ].every((field) => typeof record[field] === 'string' && record[field] !== '');
}

/** The keys of an existing sandbox, or undefined before its first start. */
export function readPaySandboxKeys(dataDir: string): PaySandboxKeys | undefined {
  const file = paySandboxKeysPath(dataDir);
  if (!existsSync(file)) return undefined;
  const value: unknown = JSON.parse(readFileSync(file, 'utf8'));
  if (!isKeys(value)) throw new Error(`${file} is not a pay sandbox key file; delete it to make new keys`);
  return value;
}

/**
 * Reads the keys, making them first if there are none. Kept across restarts: transactions, the functions'
 * configuration and notifications already sent all depend on the same keys.
 */
export function ensurePaySandboxKeys(dataDir: string, now = new Date()): PaySandboxKeys {
  const existing = readPaySandboxKeys(dataDir);
  if (existing) return existing;
  const keys = generateKeys(now);
  mkdirSync(paySandboxFolder(dataDir), { recursive: true });
  const file = paySandboxKeysPath(dataDir);
  // Written whole then renamed, so a crash never leaves half a key file that would block the next start.
  writeFileSync(`${file}.tmp`, `${JSON.stringify(keys, null, 2)}\n`, { mode: 0o600 });
  renameSync(`${file}.tmp`, file);
  return keys;
}

export interface SandboxV3Settings {
  appid: string;
  /** Base URL of the local cloud (where /v3/... is mounted), e.g. http://127.0.0.1:8080. */
  baseUrl: string;
  /** Where the sandbox POSTs notifications: the notify function over HTTP access. */
  notifyUrl: string;
}

/** The `sandbox` mode configuration (input of validatePaymentConfig) that works with these keys. */
export function sandboxPaymentConfig(
  keys: PaySandboxKeys,
  settings: SandboxV3Settings,
): Record<string, unknown> {
  return {
    mode: 'sandbox',
    appid: settings.appid,
    mchid: keys.mchid,
    merchantSerialNo: keys.merchantSerialNo,
    merchantPrivateKeyPem: keys.merchantPrivateKeyPem,
    apiV3Key: keys.apiV3Key,
    wechatpayPublicKeyId: keys.wechatpayPublicKeyId,
    wechatpayPublicKeyPem: keys.wechatpayPublicKeyPem,
    notifyUrl: settings.notifyUrl,
    baseUrl: settings.baseUrl,
  };
}

/** The same as environment variables for the functions (LocalCloudOptions.functionEnv). */
export function sandboxPaymentEnv(keys: PaySandboxKeys, settings: SandboxV3Settings): Record<string, string> {
  return {
    [PAYMENT_ENV.mode]: 'sandbox',
    [PAYMENT_ENV.appid]: settings.appid,
    [PAYMENT_ENV.mchid]: keys.mchid,
    [PAYMENT_ENV.merchantSerialNo]: keys.merchantSerialNo,
    [PAYMENT_ENV.merchantPrivateKeyPem]: keys.merchantPrivateKeyPem,
    [PAYMENT_ENV.apiV3Key]: keys.apiV3Key,
    [PAYMENT_ENV.wechatpayPublicKeyId]: keys.wechatpayPublicKeyId,
    [PAYMENT_ENV.wechatpayPublicKeyPem]: keys.wechatpayPublicKeyPem,
    [PAYMENT_ENV.notifyUrl]: settings.notifyUrl,
    [PAYMENT_ENV.baseUrl]: settings.baseUrl,
  };
}

export interface SandboxCloudPaySettings {
  appid: string;
  envId: string;
  callbackFunction: string;
}

/** The `cloudpay` mode environment variables for functions run against the sandbox's wx.wxPayApi. */
export function sandboxCloudPayEnv(
  keys: PaySandboxKeys,
  settings: SandboxCloudPaySettings,
): Record<string, string> {
  return {
    [PAYMENT_ENV.mode]: 'cloudpay',
    [PAYMENT_ENV.appid]: settings.appid,
    [PAYMENT_ENV.subMchId]: keys.mchid,
    [PAYMENT_ENV.envId]: settings.envId,
    [PAYMENT_ENV.callbackFunction]: settings.callbackFunction,
  };
}
