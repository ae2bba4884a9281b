/** WeChat Pay's signatures on its responses and notifications: verification, and signing for tests. */
import { verify } from 'node:crypto';
import { toPublicKey } from './keys';
import { randomNonce, systemClock, unixSeconds } from './nonce-and-timestamp';
import { AUTHORIZATION_SCHEME, signMessage } from './request-signature';
import type {
  HeaderBag,
  PrivateKeyInput,
  PublicKeyInput,
  SignatureCheck,
  SignatureCheckInput,
  SigningEntropy,
  WechatpaySignatureHeaders,
} from './types';

/** WeChat Pay allows five minutes between its clock and ours; so do we, in both directions. */
export const DEFAULT_MAX_SKEW_SECONDS = 300;

export function buildResponseSignatureMessage(timestamp: string, nonce: string, body: string): string {
  return `${timestamp}\n${nonce}\n${body}\n`;
}

/** False rather than an exception for anything that is not a valid signature: the input came from the network. */
export function verifyMessage(message: string, signatureBase64: string, publicKey: PublicKeyInput): boolean {
  try {
    const signature = Buffer.from(signatureBase64, 'base64');
    if (signature.length === 0) return false;
    return verify('sha256', Buffer.from(message, 'utf8'), toPublicKey(publicKey), signature);
  } catch {
    return false;
  }
}

/** HTTP header names are case-insensitive and gateways change their case; repeated headers are ambiguous. */
export function readHeader(headers: HeaderBag, name: string): string | undefined {
  const wanted = name.toLowerCase();
  for (const [key, value] of Object.entries(headers)) {
    if (key.toLowerCase() !== wanted) continue;
    const single = typeof value === 'string' ? value : value?.length === 1 ? value[0] : undefined;
    const trimmed = single?.trim();
    return trimmed === '' ? undefined : trimmed;
  }
  return undefined;
}

/**
 * Proves a response or notification body came from WeChat Pay: known serial, fresh timestamp (a captured
 * notification cannot be replayed later), and a valid signature over exactly the bytes received.
 */
export function verifyWechatpaySignature(input: SignatureCheckInput): SignatureCheck {
  const timestamp = readHeader(input.headers, 'Wechatpay-Timestamp');
  const nonce = readHeader(input.headers, 'Wechatpay-Nonce');
  const signature = readHeader(input.headers, 'Wechatpay-Signature');
  const serial = readHeader(input.headers, 'Wechatpay-Serial');
  if (timestamp === undefined || nonce === undefined || signature === undefined || serial === undefined) {
    return { ok: false, reason: 'MISSING_HEADERS' };
  }
  // Absent on older responses, so only a different value is refused.
  const signatureType = readHeader(input.headers, 'Wechatpay-Signature-Type');
  if (signatureType !== undefined && signatureType !== AUTHORIZATION_SCHEME) {
    return { ok: false, reason: 'UNSUPPORTED_SIGNATURE_TYPE' };
  }

  const publicKey = input.resolveKey(serial);
  if (publicKey === undefined) return { ok: false, reason: 'UNKNOWN_SERIAL' };

  if (!/^\d{1,12}$/.test(timestamp)) return { ok: false, reason: 'STALE_TIMESTAMP' };
  const skewSeconds = Math.abs(Math.floor(input.now.getTime() / 1000) - Number(timestamp));
  if (skewSeconds > (input.maxSkewSeconds ?? DEFAULT_MAX_SKEW_SECONDS)) {
    return { ok: false, reason: 'STALE_TIMESTAMP' };
  }

  const message = buildResponseSignatureMessage(timestamp, nonce, input.body);
  if (!verifyMessage(message, signature, publicKey)) return { ok: false, reason: 'BAD_SIGNATURE' };
  return { ok: true, serial };
}

/** Signs a body as WeChat Pay does, for tests of the verification; never bundled into a function. */
export function signWechatpayBody(
  body: string,
  signer: { serial: string; privateKey: PrivateKeyInput },
  entropy: SigningEntropy = {},
): WechatpaySignatureHeaders {
  const timestamp = unixSeconds((entropy.clock ?? systemClock)());
  const nonce = (entropy.nonce ?? randomNonce)();
  return {
    'Wechatpay-Timestamp': timestamp,
    'Wechatpay-Nonce': nonce,
    'Wechatpay-Signature': signMessage(
      buildResponseSignatureMessage(timestamp, nonce, body),
      signer.privateKey,
    ),
    'Wechatpay-Serial': signer.serial,
    'Wechatpay-Signature-Type': AUTHORIZATION_SCHEME,
  };
}
