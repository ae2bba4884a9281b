/** WeChat Pay's raw error codes (v3 and v2 spellings) sorted into the gateway's error kinds. */
import type { GatewayErrorKind } from './gateway';

const KIND_BY_CODE: Readonly<Record<string, GatewayErrorKind>> = {
  // v3 spells these with underscores, v2 (cloudPay) without; both can reach us.
  ORDERPAID: 'ORDER_PAID',
  ORDER_PAID: 'ORDER_PAID',
  TRADE_PAID: 'ORDER_PAID',
  ORDER_CLOSED: 'ORDER_CLOSED',
  ORDERCLOSED: 'ORDER_CLOSED',
  ORDER_NOT_EXIST: 'ORDER_NOT_FOUND',
  ORDERNOTEXIST: 'ORDER_NOT_FOUND',
  RESOURCE_NOT_EXISTS: 'ORDER_NOT_FOUND',
  REFUNDNOTEXIST: 'ORDER_NOT_FOUND',
  OUT_TRADE_NO_USED: 'DUPLICATE_ORDER',
  PARAM_ERROR: 'INVALID_REQUEST',
  INVALID_REQUEST: 'INVALID_REQUEST',
  APPID_MCHID_NOT_MATCH: 'INVALID_REQUEST',
  MCH_NOT_EXISTS: 'INVALID_REQUEST',
  INVALID_INPUT: 'INVALID_REQUEST',
  TRADE_STATE_ERROR: 'INVALID_REQUEST',
  INVALID_REQ_TOO_MUCH: 'INVALID_REQUEST',
  SIGN_ERROR: 'AUTH',
  SIGNERROR: 'AUTH',
  NO_AUTH: 'AUTH',
  NOAUTH: 'AUTH',
  NOT_ENOUGH: 'INSUFFICIENT_FUNDS',
  NOTENOUGH: 'INSUFFICIENT_FUNDS',
  FREQUENCY_LIMITED: 'RATE_LIMITED',
  FREQUENCY_LIMIT: 'RATE_LIMITED',
  SYSTEM_ERROR: 'UNAVAILABLE',
  SYSTEMERROR: 'UNAVAILABLE',
  BANK_ERROR: 'UNAVAILABLE',
  BANKERROR: 'UNAVAILABLE',
};

/** The kind of a raw code; an unknown code falls back on what the HTTP status says, if there is one. */
export function kindOfWechatpayCode(code: string, httpStatus?: number): GatewayErrorKind {
  const known = KIND_BY_CODE[code.toUpperCase()];
  if (known) return known;
  if (httpStatus === undefined) return 'UNKNOWN';
  if (httpStatus === 401) return 'AUTH';
  // 403 covers both permission and business refusals (TRADE_ERROR, RULE_LIMIT): too mixed to guess from.
  if (httpStatus === 403) return 'UNKNOWN';
  if (httpStatus === 404) return 'ORDER_NOT_FOUND';
  if (httpStatus === 429) return 'RATE_LIMITED';
  if (httpStatus >= 500) return 'UNAVAILABLE';
  if (httpStatus >= 400) return 'INVALID_REQUEST';
  return 'UNKNOWN';
}

/**
 * What an error answer whose signature did not verify may decide. Kinds that only choose what to do next
 * stay: ORDER_PAID sends the caller to query the payment (whose signed answer decides), RATE_LIMITED and
 * UNAVAILABLE to a retry, AUTH / INVALID_REQUEST / DUPLICATE_ORDER / INSUFFICIENT_FUNDS to a log or a retry
 * later. Kinds a caller would take as a fact about the payment (ORDER_CLOSED: never payable; ORDER_NOT_FOUND:
 * never prepaid, so safe to close) are not believed from an unsigned answer: they read as UNTRUSTED_RESPONSE,
 * which is retried.
 */
export function unverifiedKind(kind: GatewayErrorKind): GatewayErrorKind {
  return kind === 'ORDER_CLOSED' || kind === 'ORDER_NOT_FOUND' || kind === 'UNKNOWN'
    ? 'UNTRUSTED_RESPONSE'
    : kind;
}
