/** The gateway over WeChat Pay API v3 (direct merchant, JSAPI), also used against the local sandbox. */
import {
  GatewayError,
  checkMerchantNumber,
  checkPrepayInput,
  checkRefundInput,
  prepayValidUntil,
  type NoticeCheck,
  type PaymentGateway,
  type PaymentState,
  type PaymentTransaction,
  type RefundResult,
  type RefundStatus,
} from './gateway';
import type { PaymentMode } from '../../../types/api';
import type { FetchLike } from './http-fetch';
import { defaultFetch } from './http-fetch';
import { toPrivateKey } from './keys';
import { systemClock } from './nonce-and-timestamp';
import { formatChinaTime, readTransaction, verifyTransactionNotification } from './notification';
import { createPaymentParams } from './request-signature';
import type { Clock, KeyResolver, NonceSource, PrivateKeyInput, TradeState, Transaction } from './types';
import { WECHATPAY_API_BASE_URL, createWechatpayV3Client } from './wechatpay-v3-client';

export interface WechatpayV3GatewayOptions {
  /** 'sandbox' only changes what the gateway reports as its mode; the protocol is the same. */
  mode?: Extract<PaymentMode, 'wechatpay-v3' | 'sandbox'>;
  appid: string;
  mchid: string;
  /** Serial number of the merchant API certificate (商户API证书序列号). */
  merchantSerialNo: string;
  /** apiclient_key.pem */
  merchantPrivateKey: PrivateKeyInput;
  apiV3Key: string;
  /** WeChat Pay's keys by serial (see createKeyResolver): platform certificates and/or a public key id. */
  resolveKey: KeyResolver;
  /** Default notify URL for payments; HTTPS and reachable from the internet in production. */
  notifyUrl: string;
  /** Defaults to https://api.mch.weixin.qq.com. */
  baseUrl?: string;
}

export interface WechatpayV3GatewayDeps {
  fetch?: FetchLike;
  clock?: Clock;
  nonce?: NonceSource;
}

const TRADE_STATES: readonly TradeState[] = [
  'SUCCESS',
  'REFUND',
  'NOTPAY',
  'CLOSED',
  'REVOKED',
  'USERPAYING',
  'PAYERROR',
];
const REFUND_STATUSES: readonly RefundStatus[] = ['PROCESSING', 'SUCCESS', 'CLOSED', 'ABNORMAL'];

type JsonObject = { readonly [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function badResponse(operation: string, what: string): GatewayError {
  return new GatewayError('BAD_RESPONSE', 'UNKNOWN', `${operation}: unexpected answer: ${what}`, {
    operation,
  });
}

function epochMs(rfc3339: string | undefined): number | undefined {
  if (rfc3339 === undefined || rfc3339 === '') return undefined;
  const ms = Date.parse(rfc3339);
  return Number.isNaN(ms) ? undefined : ms;
}

/** The v3 transaction in the shop's terms. */
export function fromV3Transaction(transaction: Transaction): PaymentTransaction {
  const normalized: PaymentTransaction = {
    outTradeNo: transaction.out_trade_no,
    transactionId: transaction.transaction_id,
    state: transaction.trade_state,
    totalFen: transaction.amount.total,
    payerTotalFen: transaction.amount.payer_total,
    payerOpenid: transaction.payer.openid,
    appid: transaction.appid,
    mchid: transaction.mchid,
  };
  const paidAt = epochMs(transaction.success_time);
  if (paidAt !== undefined) normalized.paidAt = paidAt;
  if (transaction.attach !== undefined && transaction.attach !== '') normalized.attach = transaction.attach;
  return normalized;
}

function readRefund(json: unknown, operation: string): RefundResult {
  if (!isObject(json)) throw badResponse(operation, 'no refund object');
  const { refund_id, out_refund_no, status, amount, success_time } = json;
  if (typeof refund_id !== 'string' || typeof out_refund_no !== 'string') {
    throw badResponse(operation, 'refund_id or out_refund_no missing');
  }
  if (typeof status !== 'string' || !(REFUND_STATUSES as readonly string[]).includes(status)) {
    throw badResponse(operation, `refund status ${String(status)}`);
  }
  const refund = isObject(amount) ? amount.refund : undefined;
  if (typeof refund !== 'number' || !Number.isSafeInteger(refund))
    throw badResponse(operation, 'amount.refund');
  const result: RefundResult = {
    status: status as RefundStatus,
    refundId: refund_id,
    outRefundNo: out_refund_no,
    refundFen: refund,
  };
  const succeededAt = epochMs(typeof success_time === 'string' ? success_time : undefined);
  if (status === 'SUCCESS' && succeededAt !== undefined) result.succeededAt = succeededAt;
  return result;
}

export function createWechatpayV3Gateway(
  options: WechatpayV3GatewayOptions,
  deps: WechatpayV3GatewayDeps = {},
): PaymentGateway {
  const clock = deps.clock ?? systemClock;
  // Parsed once: a broken key fails at start-up, and signing does not re-parse the PEM per request.
  const privateKey = toPrivateKey(options.merchantPrivateKey);
  const client = createWechatpayV3Client({
    baseUrl: options.baseUrl ?? WECHATPAY_API_BASE_URL,
    merchant: { mchid: options.mchid, serialNo: options.merchantSerialNo, privateKey },
    resolveKey: options.resolveKey,
    fetch: deps.fetch ?? defaultFetch(),
    clock,
    nonce: deps.nonce,
  });
  const mchidQuery = `mchid=${encodeURIComponent(options.mchid)}`;

  /** A signed answer for another app or merchant means the configuration is crossed; never apply it. */
  function checkOwner(json: JsonObject, operation: string): void {
    if (json.appid !== options.appid || json.mchid !== options.mchid) {
      throw new GatewayError(
        'MERCHANT_MISMATCH',
        'UNKNOWN',
        `${operation}: answer is for appid ${String(json.appid)} / mchid ${String(json.mchid)}, not this shop`,
        { operation },
      );
    }
  }

  return {
    mode: options.mode ?? 'wechatpay-v3',
    notificationChannel: 'http',

    async prepay(input) {
      const now = clock().getTime();
      checkPrepayInput(input, now);
      const body: Record<string, unknown> = {
        appid: options.appid,
        mchid: options.mchid,
        description: input.description,
        out_trade_no: input.outTradeNo,
        time_expire: formatChinaTime(new Date(input.expiresAt)),
        notify_url: input.notifyUrl ?? options.notifyUrl,
        amount: { total: input.amountFen, currency: 'CNY' },
        payer: { openid: input.payerOpenid },
      };
      if (input.attach !== undefined) body.attach = input.attach;
      const answer = await client.send({
        method: 'POST',
        path: '/v3/pay/transactions/jsapi',
        body,
        operation: 'prepay',
      });
      const prepayId = isObject(answer.json) ? answer.json.prepay_id : undefined;
      if (typeof prepayId !== 'string' || prepayId === '') throw badResponse('prepay', 'no prepay_id');
      const params = createPaymentParams({ appId: options.appid, prepayId }, privateKey, {
        clock,
        nonce: deps.nonce,
      });
      return { params, prepayId, validUntil: prepayValidUntil(now, input.expiresAt) };
    },

    async query(outTradeNo) {
      checkMerchantNumber('outTradeNo', outTradeNo, 'query');
      const answer = await client.send({
        method: 'GET',
        path: `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}?${mchidQuery}`,
        operation: 'query',
      });
      const json = answer.json;
      if (!isObject(json)) throw badResponse('query', 'no transaction object');
      const state = json.trade_state;
      if (typeof state !== 'string' || !(TRADE_STATES as readonly string[]).includes(state)) {
        throw badResponse('query', `trade_state ${String(state)}`);
      }
      checkOwner(json, 'query');
      if (json.out_trade_no !== outTradeNo)
        throw badResponse('query', 'out_trade_no differs from the one asked');
      if (state !== 'SUCCESS' && state !== 'REFUND') return { state: state as PaymentState };
      const transaction = readTransaction(json);
      // A paid order must come with a complete transaction, or the domain could not check the amount.
      if (!transaction) throw badResponse('query', 'paid transaction is incomplete');
      return { state: transaction.trade_state, transaction: fromV3Transaction(transaction) };
    },

    async close(outTradeNo) {
      checkMerchantNumber('outTradeNo', outTradeNo, 'close');
      await client.send({
        method: 'POST',
        path: `/v3/pay/transactions/out-trade-no/${encodeURIComponent(outTradeNo)}/close`,
        body: { mchid: options.mchid },
        operation: 'close',
      });
    },

    async refund(input) {
      checkRefundInput(input);
      const body: Record<string, unknown> = {
        out_trade_no: input.outTradeNo,
        out_refund_no: input.outRefundNo,
        amount: { refund: input.refundFen, total: input.totalFen, currency: 'CNY' },
      };
      if (input.reason !== undefined && input.reason !== '') body.reason = input.reason.slice(0, 80);
      if (input.notifyUrl !== undefined) body.notify_url = input.notifyUrl;
      const answer = await client.send({
        method: 'POST',
        path: '/v3/refund/domestic/refunds',
        body,
        operation: 'refund',
      });
      return readRefund(answer.json, 'refund');
    },

    async queryRefund(outRefundNo) {
      checkMerchantNumber('outRefundNo', outRefundNo, 'queryRefund');
      const answer = await client.send({
        method: 'GET',
        path: `/v3/refund/domestic/refunds/${encodeURIComponent(outRefundNo)}`,
        operation: 'queryRefund',
      });
      return readRefund(answer.json, 'queryRefund');
    },

    parseNotification(delivery): NoticeCheck {
      if (delivery.channel !== 'http') return { ok: false, reason: 'WRONG_CHANNEL' };
      const check = verifyTransactionNotification({
        headers: delivery.headers,
        body: delivery.body,
        resolveKey: options.resolveKey,
        now: clock(),
        apiV3Key: options.apiV3Key,
        expected: { appid: options.appid, mchid: options.mchid },
      });
      if (!check.ok) return check;
      return {
        ok: true,
        notice: { eventId: check.event.id, transaction: fromV3Transaction(check.transaction) },
      };
    },
  };
}
