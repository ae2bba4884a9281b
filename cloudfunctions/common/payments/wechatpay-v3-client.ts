/**
 * One signed round trip to WeChat Pay API v3: sign the request, send it through the injected fetch, verify the
 * answer's signature before reading it, and turn every failure into a GatewayError.
 */
import { GatewayError } from './gateway';
import type { FetchLike, FetchResponseLike } from './http-fetch';
import { signRequest } from './request-signature';
import { verifyWechatpaySignature } from './response-signature';
import type { Clock, HeaderBag, KeyResolver, MerchantCredentials, NonceSource } from './types';
import { kindOfWechatpayCode, unverifiedKind } from './wechatpay-error-kinds';

export const WECHATPAY_API_BASE_URL = 'https://api.mch.weixin.qq.com';

/** WeChat Pay refuses v3 requests without a User-Agent. */
const USER_AGENT = 'taro-cloud-shop (WeChatPay-APIv3; Node.js)';

const SIGNATURE_HEADERS = [
  'Wechatpay-Timestamp',
  'Wechatpay-Nonce',
  'Wechatpay-Signature',
  'Wechatpay-Serial',
  'Wechatpay-Signature-Type',
] as const;

export interface V3ClientOptions {
  /** Origin (and optional path prefix) the `/v3/...` paths are appended to. */
  baseUrl: string;
  merchant: MerchantCredentials;
  /** WeChat Pay's keys by serial: platform certificates, a public key id, or both. */
  resolveKey: KeyResolver;
  fetch: FetchLike;
  clock: Clock;
  nonce?: NonceSource;
}

export interface V3Request {
  method: 'GET' | 'POST';
  /** Path and query, e.g. `/v3/pay/transactions/out-trade-no/X?mchid=1`. */
  path: string;
  body?: object;
  /** Names the call in error messages, e.g. `prepay`. */
  operation: string;
}

export interface V3Answer {
  status: number;
  /** The parsed JSON body; undefined for 204 No Content. */
  json: unknown;
}

export interface WechatpayV3Client {
  send(request: V3Request): Promise<V3Answer>;
}

function signatureHeaders(response: FetchResponseLike): HeaderBag {
  const bag: Record<string, string> = {};
  for (const name of SIGNATURE_HEADERS) {
    const value = response.headers.get(name);
    if (value !== null) bag[name] = value;
  }
  return bag;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return undefined;
  }
}

/** WeChat Pay's error body: `{ code, message, detail? }`. */
function readErrorBody(json: unknown): { code: string; message: string } | undefined {
  if (typeof json !== 'object' || json === null) return undefined;
  const { code, message } = json as { code?: unknown; message?: unknown };
  if (typeof code !== 'string') return undefined;
  return { code, message: typeof message === 'string' ? message : '' };
}

export function createWechatpayV3Client(options: V3ClientOptions): WechatpayV3Client {
  const baseUrl = options.baseUrl.replace(/\/+$/, '');

  return {
    async send(request) {
      const bodyText = request.body === undefined ? '' : JSON.stringify(request.body);
      // The signed URL must be the path the server sees, prefix included when the base URL has one.
      const url = `${baseUrl}${request.path}`;
      const signed = signRequest({ method: request.method, url, body: bodyText }, options.merchant, {
        clock: options.clock,
        nonce: options.nonce,
      });
      const headers: Record<string, string> = {
        Authorization: signed.authorization,
        Accept: 'application/json',
        'User-Agent': USER_AGENT,
      };
      if (request.body !== undefined) headers['Content-Type'] = 'application/json';

      let response: FetchResponseLike;
      let text: string;
      try {
        response = await options.fetch(url, {
          method: request.method,
          headers,
          body: request.body === undefined ? undefined : bodyText,
        });
        text = await response.text();
      } catch (error) {
        throw new GatewayError(
          'NETWORK_ERROR',
          'UNAVAILABLE',
          `${request.operation}: WeChat Pay could not be reached: ${error instanceof Error ? error.message : String(error)}`,
          { operation: request.operation },
        );
      }

      const json = text === '' ? undefined : parseJson(text);
      // Nothing in the answer is believed before its signature is: a forged ORDERPAID or SUCCESS would move money.
      const signature = verifyWechatpaySignature({
        headers: signatureHeaders(response),
        body: text,
        resolveKey: options.resolveKey,
        now: options.clock(),
      });
      const success = response.status >= 200 && response.status < 300;
      if (success && !signature.ok) {
        // A success is only ever taken when WeChat Pay signed it.
        throw new GatewayError(
          'RESPONSE_SIGNATURE_INVALID',
          'UNTRUSTED_RESPONSE',
          `${request.operation}: answer (HTTP ${response.status}) failed signature verification: ${signature.reason}`,
          { httpStatus: response.status, operation: request.operation, verified: false },
        );
      }

      if (success) {
        if (text !== '' && json === undefined) {
          throw new GatewayError('BAD_RESPONSE', 'UNKNOWN', `${request.operation}: answer is not JSON`, {
            httpStatus: response.status,
            operation: request.operation,
            verified: true,
          });
        }
        return { status: response.status, json };
      }

      // WeChat Pay does not promise a signature on errors: an unsigned (or unverifiable) one is a diagnostic.
      // Its code is kept for logs and may choose a retry or a query, never a payment state (unverifiedKind).
      const error = readErrorBody(json);
      const code = error?.code ?? `HTTP_${response.status}`;
      const kind = kindOfWechatpayCode(code, response.status);
      throw new GatewayError(
        code,
        signature.ok ? kind : unverifiedKind(kind),
        `${request.operation}: WeChat Pay answered ${response.status} ${code}${error?.message ? `: ${error.message}` : ''}${signature.ok ? '' : ` (unsigned, diagnostic only: ${signature.reason})`}`,
        { httpStatus: response.status, operation: request.operation, verified: signature.ok },
      );
    },
  };
}
