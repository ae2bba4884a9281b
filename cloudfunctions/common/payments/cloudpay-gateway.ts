/** The gateway over cloudPay (`cloud.cloudPay` of wx-server-sdk): WeChat Pay through the cloud environment's binding. */
import type { RequestPaymentParams } from '../../../types/api';
import { parseCloudPayCallback } from './cloudpay-callback';
import { readCloudPayRefundProgress } from './cloudpay-refund-answer';
import {
  GatewayError,
  checkMerchantNumber,
  checkPrepayInput,
  checkRefundInput,
  prepayValidUntil,
  type NoticeCheck,
  type PaymentGateway,
  type PaymentTransaction,
  type RefundResult,
} from './gateway';
import { randomNonce, systemClock } from './nonce-and-timestamp';
import type { Clock, NonceSource } from './types';
import { formatChinaCompactTime, parseChinaCompactTime, readFen, readTradeState } from './v2-fields';
import { kindOfWechatpayCode } from './wechatpay-error-kinds';

/** cloudPay refuses a prepay whose time_expire is closer than this. */
export const CLOUDPAY_MIN_TIME_EXPIRE_MS = 5 * 60 * 1000;

/** An answer of `cloud.cloudPay.<api>`: v2 fields in camelCase, plus the SDK's own errCode/errMsg. */
export type CloudPayAnswer = Readonly<Record<string, unknown>>;

/**
 * The part of `cloud.cloudPay` the gateway uses. The SDK converts our camelCase to the snake_case WeChat Pay
 * wants and back, and answers `errCode: 0` for any answer it received, even a failed payment.
 */
export interface CloudPayApi {
  unifiedOrder(data: Record<string, unknown>): Promise<CloudPayAnswer>;
  queryOrder(data: Record<string, unknown>): Promise<CloudPayAnswer>;
  closeOrder(data: Record<string, unknown>): Promise<CloudPayAnswer>;
  refund(data: Record<string, unknown>): Promise<CloudPayAnswer>;
  queryRefund(data: Record<string, unknown>): Promise<CloudPayAnswer>;
}

export interface CloudPayGatewayOptions {
  /** The mini program's appid (cloudPay's sub_appid). */
  appid: string;
  /** The merchant number bound to the cloud environment (cloudPay's sub_mch_id). */
  subMchId: string;
  /** Environment of the callback function. */
  envId: string;
  /** Name of the function cloudPay invokes with the payment result. */
  callbackFunction: string;
}

export interface CloudPayGatewayDeps {
  cloudPay: CloudPayApi;
  clock?: Clock;
  nonce?: NonceSource;
}

/** Sent as spbill_create_ip when the buyer's address is unknown; WeChat Pay requires the field, not its truth. */
const UNKNOWN_CLIENT_IP = '127.0.0.1';

function text(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * The SDK overwrites WeChat Pay's err_code with its own `errCode: 0`, so the business code is usually lost and
 * only err_code_des (errCodeDes) tells what failed; its wording is matched for the cases the order code acts on.
 */
function businessCode(answer: CloudPayAnswer): string {
  const raw = answer.errCode;
  if (typeof raw === 'string' && raw !== '' && raw !== '0') return raw;
  const description = typeof answer.errCodeDes === 'string' ? answer.errCodeDes : '';
  if (/已支付|ORDERPAID/i.test(description)) return 'ORDERPAID';
  if (/已关闭|ORDERCLOSED/i.test(description)) return 'ORDERCLOSED';
  if (/退款订单查询失败|退款.*不存在|REFUNDNOTEXIST/i.test(description)) return 'REFUNDNOTEXIST';
  if (/不存在|ORDERNOTEXIST/i.test(description)) return 'ORDERNOTEXIST';
  if (/重复|OUT_TRADE_NO_USED/i.test(description)) return 'OUT_TRADE_NO_USED';
  if (/余额不足|NOTENOUGH/i.test(description)) return 'NOTENOUGH';
  if (/频率|FREQUENCY/i.test(description)) return 'FREQUENCY_LIMITED';
  if (/状态错误|TRADE_STATE_ERROR/i.test(description)) return 'TRADE_STATE_ERROR';
  if (/金额|参数|时间过短|PARAM_ERROR/i.test(description)) return 'PARAM_ERROR';
  if (/系统|繁忙|SYSTEMERROR/i.test(description)) return 'SYSTEMERROR';
  return 'RESULT_FAIL';
}

export function createCloudPayGateway(
  options: CloudPayGatewayOptions,
  deps: CloudPayGatewayDeps,
): PaymentGateway {
  const clock = deps.clock ?? systemClock;
  const nonce = deps.nonce ?? randomNonce;
  const { cloudPay } = deps;

  /** One cloudPay call with both result levels checked; never lets an SDK error escape raw. */
  async function call(
    operation: string,
    api: (data: Record<string, unknown>) => Promise<CloudPayAnswer>,
    data: Record<string, unknown>,
  ): Promise<CloudPayAnswer> {
    let answer: CloudPayAnswer;
    try {
      answer = await api({ ...data, subMchId: options.subMchId, nonceStr: nonce() });
    } catch (error) {
      const { errCode, errMsg } = (error ?? {}) as { errCode?: unknown; errMsg?: unknown };
      const message =
        typeof errMsg === 'string' ? errMsg : error instanceof Error ? error.message : String(error);
      throw new GatewayError(
        `CLOUDPAY_${String(errCode ?? 'ERROR')}`,
        /permission|权限/i.test(message) ? 'AUTH' : 'UNAVAILABLE',
        `${operation}: cloudPay call failed: ${message}`,
        { operation },
      );
    }
    if (answer.returnCode !== 'SUCCESS') {
      const message = text(answer.returnMsg) ?? 'no returnMsg';
      // returnCode FAIL is the transport level: bad parameters or binding, occasionally a busy system.
      const kind = /系统|繁忙|busy|timeout/i.test(message) ? 'UNAVAILABLE' : 'INVALID_REQUEST';
      throw new GatewayError('RETURN_FAIL', kind, `${operation}: cloudPay returnCode FAIL: ${message}`, {
        operation,
      });
    }
    if (answer.resultCode !== 'SUCCESS') {
      const code = businessCode(answer);
      throw new GatewayError(
        code,
        kindOfWechatpayCode(code),
        `${operation}: cloudPay resultCode FAIL ${code}: ${text(answer.errCodeDes) ?? ''}`,
        { operation },
      );
    }
    // A crossed binding would otherwise let one shop's answer be applied to another's order.
    if (answer.subMchId !== undefined && answer.subMchId !== options.subMchId) {
      throw new GatewayError(
        'MERCHANT_MISMATCH',
        'UNKNOWN',
        `${operation}: answer is for another sub_mch_id`,
        {
          operation,
        },
      );
    }
    return answer;
  }

  function badResponse(operation: string, what: string): GatewayError {
    return new GatewayError('BAD_RESPONSE', 'UNKNOWN', `${operation}: unexpected answer: ${what}`, {
      operation,
    });
  }

  function readPayment(payment: unknown): RequestPaymentParams | undefined {
    if (typeof payment !== 'object' || payment === null) return undefined;
    const { timeStamp, nonceStr, package: pkg, signType, paySign } = payment as Record<string, unknown>;
    if (typeof timeStamp !== 'string' && typeof timeStamp !== 'number') return undefined;
    if (typeof nonceStr !== 'string' || typeof pkg !== 'string' || typeof paySign !== 'string')
      return undefined;
    if (signType !== 'MD5' && signType !== 'HMAC-SHA256' && signType !== 'RSA') return undefined;
    return { timeStamp: String(timeStamp), nonceStr, package: pkg, signType, paySign };
  }

  /** The refund API only accepts the request: its answer is PROCESSING; the outcome comes from queryRefund. */
  function readRefundResult(answer: CloudPayAnswer, operation: string): RefundResult {
    const refundId = text(answer.refundId);
    const outRefundNo = text(answer.outRefundNo);
    const refundFen = readFen(answer.refundFee);
    if (!refundId || !outRefundNo || refundFen === undefined)
      throw badResponse(operation, 'refund fields missing');
    return { status: 'PROCESSING', refundId, outRefundNo, refundFen };
  }

  return {
    mode: 'cloudpay',
    notificationChannel: 'cloudpay-callback',

    async prepay(input) {
      const now = clock().getTime();
      checkPrepayInput(input, now);
      if (input.expiresAt - now < CLOUDPAY_MIN_TIME_EXPIRE_MS) {
        // cloudPay (WeChat Pay v2) refuses a time_expire less than 5 minutes away.
        throw new GatewayError(
          'TIME_EXPIRE_TOO_CLOSE',
          'INVALID_REQUEST',
          'prepay: the order closes in less than 5 minutes, which cloudPay refuses',
          { operation: 'prepay' },
        );
      }
      const data: Record<string, unknown> = {
        body: input.description,
        outTradeNo: input.outTradeNo,
        totalFee: input.amountFen,
        spbillCreateIp: input.clientIp ?? UNKNOWN_CLIENT_IP,
        envId: options.envId,
        functionName: options.callbackFunction,
        tradeType: 'JSAPI',
        // The buyer in the mini program's own openid space; cloudPay fills sub_appid from the environment.
        subOpenid: input.payerOpenid,
        timeExpire: formatChinaCompactTime(input.expiresAt),
      };
      if (input.attach !== undefined) data.attach = input.attach;
      const answer = await call('prepay', (d) => cloudPay.unifiedOrder(d), data);
      const params = readPayment(answer.payment);
      const prepayId = text(answer.prepayId) ?? params?.package.replace(/^prepay_id=/, '');
      if (!params || !prepayId) throw badResponse('prepay', 'no payment or prepayId');
      return { params, prepayId, validUntil: prepayValidUntil(now, input.expiresAt) };
    },

    async query(outTradeNo) {
      checkMerchantNumber('outTradeNo', outTradeNo, 'query');
      const answer = await call('query', (d) => cloudPay.queryOrder(d), { outTradeNo });
      const state = readTradeState(answer.tradeState);
      if (!state) throw badResponse('query', `tradeState ${String(answer.tradeState)}`);
      if (answer.outTradeNo !== undefined && answer.outTradeNo !== outTradeNo) {
        throw badResponse('query', 'outTradeNo differs from the one asked');
      }
      if (state !== 'SUCCESS' && state !== 'REFUND') return { state };
      const transactionId = text(answer.transactionId);
      const totalFen = readFen(answer.totalFee);
      const payerTotalFen = answer.cashFee === undefined ? totalFen : readFen(answer.cashFee);
      const payerOpenid = text(answer.subOpenid) ?? text(answer.openid);
      if (!transactionId || totalFen === undefined || payerTotalFen === undefined || !payerOpenid) {
        throw badResponse('query', 'paid transaction is incomplete');
      }
      if (answer.subAppid !== undefined && answer.subAppid !== options.appid) {
        throw new GatewayError('MERCHANT_MISMATCH', 'UNKNOWN', 'query: answer is for another appid', {
          operation: 'query',
        });
      }
      const transaction: PaymentTransaction = {
        outTradeNo,
        transactionId,
        state,
        totalFen,
        payerTotalFen,
        payerOpenid,
        appid: options.appid,
        mchid: options.subMchId,
      };
      const paidAt = parseChinaCompactTime(answer.timeEnd);
      if (paidAt !== undefined) transaction.paidAt = paidAt;
      const attach = text(answer.attach);
      if (attach !== undefined) transaction.attach = attach;
      return { state, transaction };
    },

    async close(outTradeNo) {
      checkMerchantNumber('outTradeNo', outTradeNo, 'close');
      try {
        await call('close', (d) => cloudPay.closeOrder(d), { outTradeNo });
      } catch (error) {
        // v2 refuses a second close with ORDERCLOSED; the order code wants "closed" either way, as v3 answers.
        if (error instanceof GatewayError && error.kind === 'ORDER_CLOSED') return;
        throw error;
      }
    },

    async refund(input) {
      checkRefundInput(input);
      const data: Record<string, unknown> = {
        outTradeNo: input.outTradeNo,
        outRefundNo: input.outRefundNo,
        totalFee: input.totalFen,
        refundFee: input.refundFen,
      };
      if (input.reason !== undefined && input.reason !== '') data.refundDesc = input.reason.slice(0, 80);
      const answer = await call('refund', (d) => cloudPay.refund(d), data);
      return readRefundResult(answer, 'refund');
    },

    async queryRefund(outRefundNo) {
      checkMerchantNumber('outRefundNo', outRefundNo, 'queryRefund');
      const answer = await call('queryRefund', (d) => cloudPay.queryRefund(d), { outRefundNo });
      const progress = readCloudPayRefundProgress(answer, outRefundNo);
      if (!progress) throw badResponse('queryRefund', 'unknown refund status');
      return progress;
    },

    parseNotification(delivery): NoticeCheck {
      if (delivery.channel !== 'cloudpay-callback') return { ok: false, reason: 'WRONG_CHANNEL' };
      return parseCloudPayCallback(delivery.event, delivery.source, {
        appid: options.appid,
        subMchId: options.subMchId,
      });
    },
  };
}
