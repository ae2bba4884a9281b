/** Merchant-side API v3 signatures: the Authorization header of requests and the paySign of wx.requestPayment. */
import { sign } from 'node:crypto';
import { toPrivateKey } from './keys';
import { randomNonce, systemClock, unixSeconds } from './nonce-and-timestamp';
import type {
  AuthorizationFields,
  MerchantCredentials,
  PaySignInput,
  PaymentParams,
  PrivateKeyInput,
  RequestSignatureInput,
  SignedRequest,
  SigningEntropy,
  UnsignedRequest,
} from './types';

export const AUTHORIZATION_SCHEME = 'WECHATPAY2-SHA256-RSA2048';

/** SHA256withRSA (PKCS#1 v1.5) over the UTF-8 message, base64: the one signature primitive of API v3. */
export function signMessage(message: string, privateKey: PrivateKeyInput): string {
  return sign('sha256', Buffer.from(message, 'utf8'), toPrivateKey(privateKey)).toString('base64');
}

/**
 * The signed URL is the request target without scheme and host, query included. The origin is cut off as text
 * rather than re-serialised through `URL`, which could re-encode the path and break the signature.
 */
export function canonicalUrl(url: string): string {
  const withoutOrigin = url.replace(/^https?:\/\/[^/?#]+/i, '');
  return withoutOrigin === '' ? '/' : withoutOrigin;
}

export function buildRequestSignatureMessage(input: RequestSignatureInput): string {
  return `${input.method.toUpperCase()}\n${canonicalUrl(input.url)}\n${input.timestamp}\n${input.nonce}\n${input.body}\n`;
}

/** Field order as in WeChat Pay's documentation; the server does not care, but people comparing logs do. */
const AUTHORIZATION_FIELD_ORDER: readonly (keyof AuthorizationFields)[] = [
  'mchid',
  'nonce_str',
  'signature',
  'timestamp',
  'serial_no',
];

function isAuthorizationField(name: string): name is keyof AuthorizationFields {
  return (AUTHORIZATION_FIELD_ORDER as readonly string[]).includes(name);
}

export function formatAuthorization(fields: AuthorizationFields): string {
  const pairs = AUTHORIZATION_FIELD_ORDER.map((name) => `${name}="${fields[name]}"`);
  return `${AUTHORIZATION_SCHEME} ${pairs.join(',')}`;
}

/**
 * Reads an Authorization header back into its fields, as WeChat Pay would; for tests, never bundled.
 * Returns undefined for another scheme, a malformed list or a missing field.
 */
export function parseAuthorization(header: string): AuthorizationFields | undefined {
  const trimmed = header.trim();
  const prefix = `${AUTHORIZATION_SCHEME} `;
  if (!trimmed.startsWith(prefix)) return undefined;
  const found: Partial<Record<keyof AuthorizationFields, string>> = {};
  // Values are base64, hex or digits, never containing quotes; anything else between the pairs is malformed.
  const pair = /\s*([a-z_]+)="([^"]*)"\s*(?:,|$)/y;
  const list = trimmed.slice(prefix.length);
  pair.lastIndex = 0;
  while (pair.lastIndex < list.length) {
    const match = pair.exec(list);
    if (!match) return undefined;
    const name = match[1];
    if (isAuthorizationField(name)) found[name] = match[2];
  }
  const { mchid, nonce_str, signature, timestamp, serial_no } = found;
  if (
    mchid === undefined ||
    nonce_str === undefined ||
    signature === undefined ||
    timestamp === undefined ||
    serial_no === undefined
  ) {
    return undefined;
  }
  return { mchid, nonce_str, signature, timestamp, serial_no };
}

/** Signs one v3 request; the caller sends `authorization` as the Authorization header with exactly this body. */
export function signRequest(
  request: UnsignedRequest,
  merchant: MerchantCredentials,
  entropy: SigningEntropy = {},
): SignedRequest {
  const timestamp = unixSeconds((entropy.clock ?? systemClock)());
  const nonce = (entropy.nonce ?? randomNonce)();
  const message = buildRequestSignatureMessage({ ...request, timestamp, nonce });
  const fields: AuthorizationFields = {
    mchid: merchant.mchid,
    nonce_str: nonce,
    signature: signMessage(message, merchant.privateKey),
    timestamp,
    serial_no: merchant.serialNo,
  };
  return { ...fields, authorization: formatAuthorization(fields), message };
}

export function buildPaySignMessage(input: PaySignInput): string {
  return `${input.appId}\n${input.timeStamp}\n${input.nonceStr}\n${input.package}\n`;
}

export function signPayment(input: PaySignInput, privateKey: PrivateKeyInput): PaymentParams {
  return {
    timeStamp: input.timeStamp,
    nonceStr: input.nonceStr,
    package: input.package,
    signType: 'RSA',
    paySign: signMessage(buildPaySignMessage(input), privateKey),
  };
}

/** The parameters for `wx.requestPayment` from a prepay_id returned by the JSAPI order API. */
export function createPaymentParams(
  order: { appId: string; prepayId: string },
  privateKey: PrivateKeyInput,
  entropy: SigningEntropy = {},
): PaymentParams {
  return signPayment(
    {
      appId: order.appId,
      timeStamp: unixSeconds((entropy.clock ?? systemClock)()),
      nonceStr: (entropy.nonce ?? randomNonce)(),
      package: `prepay_id=${order.prepayId}`,
    },
    privateKey,
  );
}
