/**
 * The event cloudPay gives the payment callback function: validated into a payment notice, and the answer the
 * callback must return.
 */
import type { NoticeCheck, PaymentTransaction } from './gateway';
import { parseChinaCompactTime, readFen, readTradeState } from './v2-fields';

/**
 * `getWXContext().SOURCE` of an invocation made by WeChat Pay's callback. The event carries no signature we
 * could check (cloudPay signs with the service provider's key, which merchants never hold), so this is what
 * tells WeChat's call from a user calling the callback function with a forged event.
 */
export const CLOUDPAY_CALLBACK_SOURCE = 'wx_paycallback';

export interface CloudPayCallbackExpectations {
  /** The mini program's appid: cloudPay reports it as subAppid (appid is the service provider's). */
  appid: string;
  /** The merchant number bound to the cloud environment. */
  subMchId: string;
}

type JsonObject = { readonly [key: string]: unknown };

function isObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function nonEmptyString(value: unknown): string | undefined {
  return typeof value === 'string' && value !== '' ? value : undefined;
}

/**
 * Checks, in order: who invoked, that WeChat Pay reports success at both levels (returnCode is only the
 * transport, resultCode the payment), that the payment is for this mini program and merchant, and that the
 * fields the domain needs are there. The amount is for the order to compare.
 */
export function parseCloudPayCallback(
  event: unknown,
  source: string | undefined,
  expected: CloudPayCallbackExpectations,
): NoticeCheck {
  // SOURCE may carry a suffix chain (",scf" when relayed); the first entry is who started the call.
  if (source?.split(',')[0] !== CLOUDPAY_CALLBACK_SOURCE) return { ok: false, reason: 'WRONG_SOURCE' };
  if (!isObject(event)) return { ok: false, reason: 'BAD_EVENT' };
  if (event.returnCode !== 'SUCCESS') return { ok: false, reason: 'RETURN_FAIL' };
  if (event.resultCode !== 'SUCCESS') return { ok: false, reason: 'RESULT_FAIL' };
  if (event.subAppid !== expected.appid) return { ok: false, reason: 'APPID_MISMATCH' };
  if (event.subMchId !== expected.subMchId) return { ok: false, reason: 'SUB_MCH_ID_MISMATCH' };

  const outTradeNo = nonEmptyString(event.outTradeNo);
  const transactionId = nonEmptyString(event.transactionId);
  const totalFen = readFen(event.totalFee);
  // cashFee is what the buyer paid out of pocket; absent when no coupon changed it.
  const payerTotalFen = event.cashFee === undefined ? totalFen : readFen(event.cashFee);
  const payerOpenid = nonEmptyString(event.subOpenid) ?? nonEmptyString(event.openid);
  if (
    !outTradeNo ||
    !transactionId ||
    totalFen === undefined ||
    payerTotalFen === undefined ||
    !payerOpenid
  ) {
    return { ok: false, reason: 'BAD_EVENT' };
  }
  // The callback is sent for successful payments only; a trade state, when present, must agree.
  const state = event.tradeState === undefined ? 'SUCCESS' : readTradeState(event.tradeState);
  if (state !== 'SUCCESS') return { ok: false, reason: 'BAD_EVENT' };

  const transaction: PaymentTransaction = {
    outTradeNo,
    transactionId,
    state,
    totalFen,
    payerTotalFen,
    payerOpenid,
    appid: expected.appid,
    mchid: expected.subMchId,
  };
  const paidAt = parseChinaCompactTime(event.timeEnd);
  if (paidAt !== undefined) transaction.paidAt = paidAt;
  const attach = nonEmptyString(event.attach);
  if (attach !== undefined) transaction.attach = attach;
  // cloudPay has no event id; repeated callbacks for one payment carry the same transaction id.
  return { ok: true, notice: { eventId: `cloudpay:${transactionId}`, transaction } };
}

/** What the callback function returns: errcode 0 stops cloudPay's retries, anything else asks for another try. */
export interface CloudPayCallbackAnswer {
  errcode: number;
  errmsg: string;
}

export function cloudPayCallbackAnswer(accepted: boolean, message = ''): CloudPayCallbackAnswer {
  return accepted ? { errcode: 0, errmsg: message || 'OK' } : { errcode: 1, errmsg: message || 'FAIL' };
}
