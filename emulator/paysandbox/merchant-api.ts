/**
 * The sandbox's WeChat Pay API v3 (the merchant API under /v3/): checks the merchant's Authorization signature
 * as WeChat Pay does, answers in v3's JSON with v3's error codes, and signs every answer as WeChat Pay.
 */
import { randomBytes, type KeyObject } from 'node:crypto';
import {
  chinaTime as formatChinaTime,
  headerValue,
  readAuthorization,
  requestSignatureString,
  rsaVerify,
  sameSerial,
  sealResource,
  wechatpaySignatureHeaders,
  type Clock,
  type TradeState,
} from './wechatpay-crypto';
import { v3CallOf, type FaultBook, type InjectedFault, type V3Call } from './injected-faults';
import type { PaySandboxKeys } from './sandbox-keys';
import { parseJsonBody, splitTarget, type SandboxRequest, type SandboxResponse } from './sandbox-http';
import type { LedgerFailure, PaySandboxLedger } from './sandbox-ledger';
import type { SandboxRefund, SandboxTransaction } from './transaction-store';

/** The transaction object of v3 (query answers and the notification's resource), in WeChat Pay's field names. */
export interface V3Transaction {
  appid: string;
  mchid: string;
  out_trade_no: string;
  transaction_id: string;
  trade_type: 'JSAPI';
  trade_state: TradeState;
  trade_state_desc: string;
  bank_type: string;
  success_time: string;
  payer: { openid: string };
  amount: { total: number; payer_total: number; currency: 'CNY'; payer_currency: 'CNY' };
  attach?: string;
}

/** WeChat Pay's signer: a platform certificate serial, or a public key id in public-key mode. */
export interface PlatformSigner {
  serial: string;
  privateKey: KeyObject;
  /** Certificate mode only: served by GET /v3/certificates. */
  certificate?: { pem: string; validFrom: Date; validTo: Date };
}

export interface MerchantApiContext {
  keys: PaySandboxKeys;
  merchantPublicKey: KeyObject;
  signer: PlatformSigner;
  ledger: PaySandboxLedger;
  clock: Clock;
  /** When set, orders for another appid are refused with APPID_MCHID_NOT_MATCH. */
  appid?: string;
  /** Answers tests asked for in place of the real ones (see injected-faults.ts). */
  faults?: FaultBook;
}

const MAX_SKEW_SECONDS = 300;
const OUT_NUMBER = /^[0-9A-Za-z_\-|*]{6,32}$/;

const TRADE_STATE_DESC: Readonly<Record<string, string>> = {
  SUCCESS: '支付成功',
  REFUND: '转入退款',
  NOTPAY: '未支付',
  CLOSED: '已关闭',
  PAYERROR: '支付失败',
  USERPAYING: '用户支付中',
  REVOKED: '已撤销',
};

class ApiError {
  constructor(
    readonly status: number,
    readonly code: string,
    readonly message: string,
  ) {}
}

const paramError = (message: string) => new ApiError(400, 'PARAM_ERROR', message);

/** The ledger's outcomes in v3's codes and statuses. */
function fromLedger(failure: LedgerFailure): ApiError {
  switch (failure) {
    case 'ORDER_NOT_EXIST':
      return new ApiError(404, 'ORDER_NOT_EXIST', '订单不存在');
    case 'ORDER_PAID':
      return new ApiError(400, 'ORDERPAID', '该订单已支付');
    case 'ORDER_CLOSED':
      return new ApiError(400, 'ORDER_CLOSED', '订单已关闭');
    case 'OUT_TRADE_NO_USED':
      return new ApiError(403, 'OUT_TRADE_NO_USED', '商户订单号重复');
    case 'NOT_PAID':
      return new ApiError(400, 'INVALID_REQUEST', '订单未支付，不能退款');
    case 'AMOUNT_MISMATCH':
      return new ApiError(400, 'INVALID_REQUEST', '订单金额与原订单不一致');
    case 'REFUND_EXCEEDS':
      return new ApiError(400, 'INVALID_REQUEST', '申请退款金额超过订单可退金额');
    case 'REFUND_COUNT_EXCEEDED':
      return new ApiError(400, 'INVALID_REQUEST', '该订单部分退款次数已超过50次');
    case 'TRADE_OVERDUE':
      return new ApiError(400, 'INVALID_REQUEST', '交易时间超过一年的订单无法提交退款');
    case 'OUT_REFUND_NO_USED':
      return new ApiError(400, 'INVALID_REQUEST', '退款单号已用于其他退款');
    case 'REFUND_NOT_EXIST':
      return new ApiError(404, 'RESOURCE_NOT_EXISTS', '退款单不存在');
    default:
      return new ApiError(400, 'INVALID_REQUEST', failure);
  }
}

/** The transaction object of v3 query answers and notifications. */
export function v3Transaction(transaction: SandboxTransaction, state = transaction.state): V3Transaction {
  const result: V3Transaction = {
    appid: transaction.appid,
    mchid: transaction.mchid,
    out_trade_no: transaction.outTradeNo,
    transaction_id: transaction.transactionId ?? '',
    trade_type: 'JSAPI',
    trade_state: state,
    trade_state_desc: TRADE_STATE_DESC[state] ?? state,
    bank_type: 'OTHERS',
    success_time: transaction.paidAt === undefined ? '' : formatChinaTime(new Date(transaction.paidAt)),
    payer: { openid: transaction.payerOpenid },
    amount: {
      total: transaction.totalFen,
      payer_total: transaction.totalFen,
      currency: 'CNY',
      payer_currency: 'CNY',
    },
  };
  if (transaction.attach !== undefined) result.attach = transaction.attach;
  return result;
}

/** Unpaid orders are answered without the payment fields, as WeChat Pay does. */
function queryAnswer(transaction: SandboxTransaction): Record<string, unknown> {
  if (transaction.state === 'SUCCESS' || transaction.state === 'REFUND') {
    return { ...v3Transaction(transaction), scene_info: { device_id: '' }, promotion_detail: [] };
  }
  const answer: Record<string, unknown> = {
    appid: transaction.appid,
    mchid: transaction.mchid,
    out_trade_no: transaction.outTradeNo,
    trade_state: transaction.state,
    trade_state_desc: TRADE_STATE_DESC[transaction.state] ?? transaction.state,
    amount: { total: transaction.totalFen, currency: 'CNY', payer_currency: 'CNY' },
  };
  if (transaction.attach !== undefined) answer.attach = transaction.attach;
  return answer;
}

function refundAnswer(context: MerchantApiContext, refund: SandboxRefund): Record<string, unknown> {
  const status = context.ledger.refundStatus(refund);
  const answer: Record<string, unknown> = {
    refund_id: refund.refundId,
    out_refund_no: refund.outRefundNo,
    transaction_id: refund.transactionId,
    out_trade_no: refund.outTradeNo,
    channel: 'ORIGINAL',
    user_received_account: '支付用户零钱',
    create_time: formatChinaTime(new Date(refund.createdAt)),
    status,
    funds_account: 'AVAILABLE',
    amount: {
      total: refund.totalFen,
      refund: refund.refundFen,
      payer_total: refund.totalFen,
      payer_refund: refund.refundFen,
      settlement_total: refund.totalFen,
      settlement_refund: refund.refundFen,
      discount_refund: 0,
      currency: 'CNY',
      refund_fee: 0,
    },
  };
  if (status === 'SUCCESS') answer.success_time = formatChinaTime(new Date(refund.settlesAt));
  return answer;
}

/** WeChat Pay's checks of an API v3 request, each failure a 401 SIGN_ERROR as WeChat Pay answers it. */
function authenticate(
  context: MerchantApiContext,
  request: SandboxRequest,
  body: string,
): ApiError | undefined {
  const header = headerValue(request.headers, 'Authorization');
  const fields = header === undefined ? undefined : readAuthorization(header);
  if (!fields)
    return new ApiError(401, 'SIGN_ERROR', 'Authorization 缺失或格式错误（WECHATPAY2-SHA256-RSA2048）');
  if (fields.mchid !== context.keys.mchid)
    return new ApiError(401, 'SIGN_ERROR', `商户号 ${fields.mchid} 不存在`);
  if (!sameSerial(fields.serial_no, context.keys.merchantSerialNo)) {
    return new ApiError(401, 'SIGN_ERROR', '商户API证书序列号不正确');
  }
  const now = Math.floor(context.clock().getTime() / 1000);
  if (!/^\d{1,12}$/.test(fields.timestamp) || Math.abs(now - Number(fields.timestamp)) > MAX_SKEW_SECONDS) {
    return new ApiError(401, 'SIGN_ERROR', '请求时间戳与当前时间相差超过5分钟');
  }
  const message = requestSignatureString({
    method: request.method,
    url: request.path,
    timestamp: fields.timestamp,
    nonce: fields.nonce_str,
    body,
  });
  if (!rsaVerify(message, fields.signature, context.merchantPublicKey)) {
    return new ApiError(401, 'SIGN_ERROR', '签名错误，请检查签名串与商户私钥');
  }
  return undefined;
}

function signedAnswer(context: MerchantApiContext, status: number, value?: unknown): SandboxResponse {
  const body = value === undefined ? '' : JSON.stringify(value);
  const headers: Record<string, string> = {
    ...wechatpaySignatureHeaders(body, context.signer, context.clock),
    'Request-ID': randomBytes(16).toString('hex'),
  };
  if (body !== '') headers['Content-Type'] = 'application/json; charset=utf-8';
  return { status, headers, body: Buffer.from(body, 'utf8') };
}

function requireString(body: Record<string, unknown>, field: string): string {
  const value = body[field];
  if (typeof value !== 'string' || value === '') throw paramError(`缺少参数 ${field}`);
  return value;
}

function readAmount(body: Record<string, unknown>, field: string): number {
  const amount = body.amount;
  const value =
    typeof amount === 'object' && amount !== null ? (amount as Record<string, unknown>)[field] : undefined;
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 1) {
    throw paramError(`amount.${field} 必须为正整数（单位：分）`);
  }
  const currency = (amount as Record<string, unknown>).currency;
  if (currency !== undefined && currency !== 'CNY') throw paramError('amount.currency 仅支持 CNY');
  return value;
}

function requireMchidQuery(context: MerchantApiContext, query: URLSearchParams): void {
  const mchid = query.get('mchid');
  if (mchid === null || mchid === '') throw paramError('缺少参数 mchid');
  if (mchid !== context.keys.mchid) throw paramError('mchid 与请求商户号不一致');
}

function jsapiPrepay(context: MerchantApiContext, body: Record<string, unknown>): SandboxResponse {
  const appid = requireString(body, 'appid');
  const mchid = requireString(body, 'mchid');
  if (mchid !== context.keys.mchid) throw paramError('mchid 与请求商户号不一致');
  if (context.appid !== undefined && appid !== context.appid) {
    throw new ApiError(400, 'APPID_MCHID_NOT_MATCH', 'appid和mch_id不匹配');
  }
  const description = requireString(body, 'description');
  if (description.length > 127) throw paramError('description 长度超过127');
  const outTradeNo = requireString(body, 'out_trade_no');
  if (!OUT_NUMBER.test(outTradeNo)) throw paramError('out_trade_no 格式错误：6-32位数字、字母或_-|*');
  const notifyUrl = requireString(body, 'notify_url');
  if (!/^https?:\/\/[^?#]+$/.test(notifyUrl)) throw paramError('notify_url 必须为不带参数的 http(s) 地址');
  const totalFen = readAmount(body, 'total');
  const payer = body.payer;
  const openid =
    typeof payer === 'object' && payer !== null ? (payer as Record<string, unknown>).openid : undefined;
  if (typeof openid !== 'string' || openid === '') throw paramError('缺少参数 payer.openid');
  const attach = body.attach;
  if (attach !== undefined && (typeof attach !== 'string' || attach.length > 128))
    throw paramError('attach 长度超过128');
  let expiresAt: number | undefined;
  if (body.time_expire !== undefined) {
    expiresAt = typeof body.time_expire === 'string' ? Date.parse(body.time_expire) : Number.NaN;
    if (Number.isNaN(expiresAt)) throw paramError('time_expire 格式错误，应为 RFC3339');
    if (expiresAt <= context.clock().getTime()) throw paramError('time_expire 已过期');
  }
  const result = context.ledger.prepay({
    channel: 'v3',
    appid,
    mchid,
    outTradeNo,
    description,
    totalFen,
    payerOpenid: openid,
    attach: typeof attach === 'string' ? attach : undefined,
    notifyUrl,
    expiresAt,
  });
  if (!result.ok) throw fromLedger(result.failure);
  return signedAnswer(context, 200, { prepay_id: result.value.prepayId });
}

function refund(context: MerchantApiContext, body: Record<string, unknown>): SandboxResponse {
  const outTradeNo = typeof body.out_trade_no === 'string' ? body.out_trade_no : undefined;
  const transactionId = typeof body.transaction_id === 'string' ? body.transaction_id : undefined;
  if (outTradeNo === undefined && transactionId === undefined)
    throw paramError('out_trade_no 与 transaction_id 至少填一个');
  const outRefundNo = requireString(body, 'out_refund_no');
  if (!OUT_NUMBER.test(outRefundNo)) throw paramError('out_refund_no 格式错误');
  const reason = body.reason;
  if (reason !== undefined && (typeof reason !== 'string' || reason.length > 80))
    throw paramError('reason 长度超过80');
  const result = context.ledger.refund({
    outTradeNo,
    transactionId,
    outRefundNo,
    refundFen: readAmount(body, 'refund'),
    totalFen: readAmount(body, 'total'),
    reason: typeof reason === 'string' ? reason : undefined,
  });
  if (!result.ok) {
    // The refund API reports a missing order as a missing resource, not as the query API's ORDER_NOT_EXIST.
    if (result.failure === 'ORDER_NOT_EXIST') throw new ApiError(404, 'RESOURCE_NOT_EXISTS', '订单不存在');
    throw fromLedger(result.failure);
  }
  return signedAnswer(context, 200, refundAnswer(context, result.value.refund));
}

/** Certificate mode: the platform certificate, sealed with the APIv3 key as /v3/certificates delivers it. */
function certificates(context: MerchantApiContext): SandboxResponse {
  const certificate = context.signer.certificate;
  if (!certificate) {
    throw new ApiError(404, 'RESOURCE_NOT_EXISTS', '该商户使用微信支付公钥验签，无平台证书');
  }
  return signedAnswer(context, 200, {
    data: [
      {
        serial_no: context.signer.serial,
        effective_time: formatChinaTime(certificate.validFrom),
        expire_time: formatChinaTime(certificate.validTo),
        encrypt_certificate: sealResource({
          plaintext: certificate.pem,
          originalType: 'certificate',
          associatedData: 'certificate',
          apiV3Key: context.keys.apiV3Key,
        }),
      },
    ],
  });
}

/**
 * An injected answer: an error (signed only when asked), a query answered in another trade state, or a refund
 * query answered in another status.
 */
function faultAnswer(context: MerchantApiContext, fault: InjectedFault, call: V3Call): SandboxResponse {
  const { outTradeNo } = call;
  if ('refundStatus' in fault) {
    const found = context.ledger.findRefund(call.outRefundNo ?? '');
    if (!found.ok) throw fromLedger(found.failure);
    const { success_time: _settled, ...answer } = refundAnswer(context, found.value);
    return signedAnswer(context, 200, { ...answer, status: fault.refundStatus });
  }
  if ('tradeState' in fault) {
    const transaction = outTradeNo === undefined ? undefined : context.ledger.find({ outTradeNo });
    if (!transaction) throw fromLedger('ORDER_NOT_EXIST');
    return signedAnswer(context, 200, queryAnswer({ ...transaction, state: fault.tradeState }));
  }
  const value = { code: fault.code, message: fault.message ?? fault.code };
  if (fault.signed) return signedAnswer(context, fault.status, value);
  return {
    status: fault.status,
    headers: {
      'Content-Type': 'application/json; charset=utf-8',
      'Request-ID': randomBytes(16).toString('hex'),
    },
    body: Buffer.from(JSON.stringify(value), 'utf8'),
  };
}

function route(context: MerchantApiContext, request: SandboxRequest, body: string): SandboxResponse {
  const { pathname, query } = splitTarget(request.path);
  const method = request.method.toUpperCase();
  const json = () => {
    const parsed = parseJsonBody(Buffer.from(body, 'utf8'));
    if (!parsed) throw paramError('请求体不是合法的 JSON 对象');
    return parsed;
  };

  if (method === 'POST' && pathname === '/v3/pay/transactions/jsapi') return jsapiPrepay(context, json());

  const byOutTradeNo = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)(\/close)?$/.exec(pathname);
  if (byOutTradeNo) {
    const outTradeNo = decodeURIComponent(byOutTradeNo[1]);
    if (byOutTradeNo[2] && method === 'POST') {
      if (json().mchid !== context.keys.mchid) throw paramError('mchid 与请求商户号不一致');
      const result = context.ledger.close(outTradeNo);
      if (!result.ok) throw fromLedger(result.failure);
      return signedAnswer(context, 204);
    }
    if (!byOutTradeNo[2] && method === 'GET') {
      requireMchidQuery(context, query);
      const transaction = context.ledger.find({ outTradeNo });
      if (!transaction) throw fromLedger('ORDER_NOT_EXIST');
      return signedAnswer(context, 200, queryAnswer(transaction));
    }
  }

  const byId = /^\/v3\/pay\/transactions\/id\/([^/]+)$/.exec(pathname);
  if (byId && method === 'GET') {
    requireMchidQuery(context, query);
    const transaction = context.ledger.findByTransactionId(decodeURIComponent(byId[1]));
    if (!transaction) throw fromLedger('ORDER_NOT_EXIST');
    return signedAnswer(context, 200, queryAnswer(transaction));
  }

  if (method === 'POST' && pathname === '/v3/refund/domestic/refunds') return refund(context, json());
  const refundQuery = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(pathname);
  if (refundQuery && method === 'GET') {
    const result = context.ledger.findRefund(decodeURIComponent(refundQuery[1]));
    if (!result.ok) throw fromLedger(result.failure);
    return signedAnswer(context, 200, refundAnswer(context, result.value));
  }

  if (method === 'GET' && pathname === '/v3/certificates') return certificates(context);
  throw new ApiError(404, 'NOT_FOUND', `沙箱不支持 ${method} ${pathname}`);
}

/** Every /v3/ request: authenticate, route, and answer signed, errors included (WeChat Pay signs those too). */
export function handleMerchantApi(context: MerchantApiContext, request: SandboxRequest): SandboxResponse {
  const body = request.body.toString('utf8');
  try {
    const refused = authenticate(context, request, body);
    if (refused) throw refused;
    const { pathname } = splitTarget(request.path);
    const call = v3CallOf(request.method, pathname, parseJsonBody(Buffer.from(body, 'utf8')));
    const fault = call && context.faults?.take(call);
    if (fault) return faultAnswer(context, fault, call);
    return route(context, request, body);
  } catch (error) {
    if (error instanceof ApiError) {
      return signedAnswer(context, error.status, { code: error.code, message: error.message });
    }
    // A sandbox bug answers like WeChat Pay's own outage, which the gateway must survive anyway.
    return signedAnswer(context, 500, {
      code: 'SYSTEM_ERROR',
      message: error instanceof Error ? error.message : String(error),
    });
  }
}
