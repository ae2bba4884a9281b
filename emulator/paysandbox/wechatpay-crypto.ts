/**
 * WeChat Pay's signatures and encryption as the sandbox plays WeChat Pay's side, written from WeChat Pay's
 * published documentation on node:crypto alone. The functions implement the merchant's side separately; both
 * are checked against the published examples (test/fixtures/wechatpay-vectors.json), never against each other.
 *
 * Sources (pay.weixin.qq.com/doc/v3/merchant): 签名生成 (request signature string and Authorization),
 * 签名验证 (answer and notification signature string, Wechatpay-* headers), 证书和回调报文解密
 * (AEAD_AES_256_GCM with the APIv3 key), 小程序调起支付 (paySign), and the v2 签名算法 (MD5 / HMAC-SHA256).
 */
import {
  X509Certificate,
  createCipheriv,
  createHash,
  createHmac,
  createSign,
  createVerify,
  randomBytes,
  type KeyObject,
} from 'node:crypto';

export type Clock = () => Date;
export const systemClock: Clock = () => new Date();

/** trade_state values WeChat Pay reports (JSAPI payments). */
export type TradeState = 'SUCCESS' | 'REFUND' | 'NOTPAY' | 'CLOSED' | 'REVOKED' | 'USERPAYING' | 'PAYERROR';

type Headers = Readonly<Record<string, string | readonly string[] | undefined>>;

/** A header by name, case-insensitively, trimmed; a header sent twice is ambiguous and reads as absent. */
export function headerValue(headers: Headers, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const single = typeof value === 'string' ? value : value?.length === 1 ? value[0] : undefined;
    const trimmed = single?.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  return undefined;
}

// ---------------------------------------------------------------- RSA (SHA256 with RSA, base64)

export function rsaSign(message: string, privateKey: KeyObject | string): string {
  return createSign('RSA-SHA256').update(message, 'utf8').sign(privateKey, 'base64');
}

export function rsaVerify(message: string, signature: string, publicKey: KeyObject | string): boolean {
  try {
    return createVerify('RSA-SHA256').update(message, 'utf8').verify(publicKey, signature, 'base64');
  } catch {
    return false;
  }
}

/** Every line of a signature string ends with "\n", the last one included. */
function lines(...parts: readonly string[]): string {
  return parts.map((part) => `${part}\n`).join('');
}

// ---------------------------------------------------------------- the merchant's requests

/** HTTP method, the request target (path and query as sent), timestamp, nonce and body ("" for a GET). */
export function requestSignatureString(request: {
  method: string;
  url: string;
  timestamp: string;
  nonce: string;
  body: string;
}): string {
  return lines(request.method.toUpperCase(), request.url, request.timestamp, request.nonce, request.body);
}

export const AUTHORIZATION_SCHEME = 'WECHATPAY2-SHA256-RSA2048';

export interface AuthorizationFields {
  mchid: string;
  nonce_str: string;
  signature: string;
  timestamp: string;
  serial_no: string;
}

const AUTHORIZATION_NAMES: readonly (keyof AuthorizationFields)[] = [
  'mchid',
  'nonce_str',
  'signature',
  'timestamp',
  'serial_no',
];

/**
 * `WECHATPAY2-SHA256-RSA2048 mchid="…",nonce_str="…",signature="…",timestamp="…",serial_no="…"`, in any order;
 * undefined for another scheme, a malformed list or a missing field.
 */
export function readAuthorization(header: string): AuthorizationFields | undefined {
  const text = header.trim();
  if (!text.startsWith(`${AUTHORIZATION_SCHEME} `)) return undefined;
  const fields = new Map<string, string>();
  for (const part of text.slice(AUTHORIZATION_SCHEME.length + 1).split(',')) {
    const match = /^\s*([a-z_]+)="([^"]*)"\s*$/.exec(part);
    if (!match) return undefined;
    fields.set(match[1], match[2]);
  }
  const read: Partial<AuthorizationFields> = {};
  for (const name of AUTHORIZATION_NAMES) {
    const value = fields.get(name);
    if (value === undefined) return undefined;
    read[name] = value;
  }
  return read as AuthorizationFields;
}

/** Certificate serials are hex; WeChat Pay writes them upper-case without leading zeros (OpenSSL may pad). */
export function serialForm(serial: string): string {
  return serial
    .trim()
    .toUpperCase()
    .replace(/^0+(?=.)/, '');
}

export function sameSerial(a: string, b: string): boolean {
  return serialForm(a) === serialForm(b);
}

// ---------------------------------------------------------------- wx.requestPayment

export function paySignString(params: {
  appId: string;
  timeStamp: string;
  nonceStr: string;
  package: string;
}): string {
  return lines(params.appId, params.timeStamp, params.nonceStr, params.package);
}

// ---------------------------------------------------------------- WeChat Pay's answers and notifications

export function answerSignatureString(timestamp: string, nonce: string, body: string): string {
  return lines(timestamp, nonce, body);
}

/** WeChat Pay's signing key: a platform certificate's serial, or the public key id in public-key mode. */
export interface WechatpaySigningKey {
  serial: string;
  privateKey: KeyObject | string;
}

function unixSeconds(date: Date): string {
  return String(Math.floor(date.getTime() / 1000));
}

function randomNonce(): string {
  return randomBytes(16).toString('hex').toUpperCase();
}

/** The headers WeChat Pay puts on a signed answer or notification. */
export function wechatpaySignatureHeaders(
  body: string,
  key: WechatpaySigningKey,
  clock: Clock,
  nonce: string = randomNonce(),
): Record<string, string> {
  const timestamp = unixSeconds(clock());
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': rsaSign(answerSignatureString(timestamp, nonce, body), key.privateKey),
    'Wechatpay-Serial': key.serial,
    'Wechatpay-Signature-Type': AUTHORIZATION_SCHEME,
  };
}

// ---------------------------------------------------------------- AEAD_AES_256_GCM with the APIv3 key

/** base64(ciphertext ‖ 16-byte tag); the APIv3 key is 32 characters used as bytes, the nonce 12 characters. */
export function aesGcmSeal(input: {
  plaintext: string;
  associatedData: string;
  nonce: string;
  apiV3Key: string;
}): string {
  const key = Buffer.from(input.apiV3Key, 'utf8');
  const iv = Buffer.from(input.nonce, 'utf8');
  if (key.length !== 32) throw new RangeError('the APIv3 key must be 32 bytes');
  if (iv.length !== 12) throw new RangeError('the AEAD nonce must be 12 bytes');
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  cipher.setAAD(Buffer.from(input.associatedData, 'utf8'));
  const ciphertext = Buffer.concat([cipher.update(input.plaintext, 'utf8'), cipher.final()]);
  return Buffer.concat([ciphertext, cipher.getAuthTag()]).toString('base64');
}

export interface SealedResource {
  algorithm: 'AEAD_AES_256_GCM';
  ciphertext: string;
  associated_data: string;
  original_type: string;
  nonce: string;
}

/** 12 characters of [0-9A-Za-z], as WeChat Pay's resource nonces are. */
function resourceNonce(): string {
  const alphabet = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz';
  return [...randomBytes(12)].map((byte) => alphabet[byte % alphabet.length]).join('');
}

export function sealResource(input: {
  plaintext: string;
  originalType: string;
  associatedData: string;
  apiV3Key: string;
}): SealedResource {
  const nonce = resourceNonce();
  return {
    algorithm: 'AEAD_AES_256_GCM',
    ciphertext: aesGcmSeal({ ...input, nonce }),
    associated_data: input.associatedData,
    original_type: input.originalType,
    nonce,
  };
}

/** RFC 3339 in China Standard Time, as WeChat Pay writes create_time and success_time. */
export function chinaTime(date: Date): string {
  const shifted = new Date(date.getTime() + 8 * 3600 * 1000);
  return `${shifted.toISOString().slice(0, 19)}+08:00`;
}

/** A payment notification as WeChat Pay POSTs it to notify_url: the encrypted transaction, signed. */
export function signedPaymentNotification(input: {
  transaction: object;
  eventId: string;
  summary: string;
  apiV3Key: string;
  key: WechatpaySigningKey;
  clock: Clock;
}): { headers: Record<string, string>; body: string } {
  const body = JSON.stringify({
    id: input.eventId,
    create_time: chinaTime(input.clock()),
    resource_type: 'encrypt-resource',
    event_type: 'TRANSACTION.SUCCESS',
    summary: input.summary,
    resource: sealResource({
      plaintext: JSON.stringify(input.transaction),
      originalType: 'transaction',
      associatedData: 'transaction',
      apiV3Key: input.apiV3Key,
    }),
  });
  return { headers: wechatpaySignatureHeaders(body, input.key, input.clock), body };
}

/** Serial (upper-case hex) and validity of a platform certificate. */
export function certificateFacts(pem: string): { serial: string; validFrom: Date; validTo: Date } {
  const certificate = new X509Certificate(pem);
  return {
    serial: serialForm(certificate.serialNumber),
    validFrom: new Date(certificate.validFrom),
    validTo: new Date(certificate.validTo),
  };
}

// ---------------------------------------------------------------- v2 (cloudPay) signatures

export type V2Fields = Readonly<Record<string, string | number | undefined | null>>;
export type V2SignType = 'MD5' | 'HMAC-SHA256';

/**
 * Non-empty fields but `sign`, sorted by name (ASCII), as `k=v` joined by "&", then "&key=<API key>";
 * MD5 or HMAC-SHA256 (keyed with the API key), upper-case hex.
 */
export function v2Signature(fields: V2Fields, apiKey: string, type: V2SignType = 'MD5'): string {
  const pairs = Object.keys(fields)
    .filter((name) => name !== 'sign' && fields[name] !== undefined && fields[name] !== null)
    .filter((name) => String(fields[name]) !== '')
    .sort()
    .map((name) => `${name}=${String(fields[name])}`);
  const text = `${pairs.join('&')}&key=${apiKey}`;
  const digest =
    type === 'MD5'
      ? createHash('md5').update(text, 'utf8')
      : createHmac('sha256', apiKey).update(text, 'utf8');
  return digest.digest('hex').toUpperCase();
}

export function v2SignatureMatches(fields: V2Fields, apiKey: string, type: V2SignType = 'MD5'): boolean {
  const sign = fields.sign;
  return typeof sign === 'string' && sign.toUpperCase() === v2Signature(fields, apiKey, type);
}
