/**
 * cloudPay in the sandbox: the /admin action `wx.wxPayApi` that wx-server-sdk sends for `cloud.cloudPay.<api>`,
 * answered in WeChat Pay v2's snake_case fields, and the callback event a paid cloudPay order produces.
 */
import { createHash, randomBytes } from 'node:crypto';
import { readFields } from '../protobuf-fields';
import type { PaySandboxKeys } from './sandbox-keys';
import { parseJsonBody, type SandboxResponse } from './sandbox-http';
import { isPaid, type LedgerFailure, type PaySandboxLedger } from './sandbox-ledger';
import type { SandboxRefund, SandboxTransaction } from './transaction-store';
import { v2Signature, type Clock, type V2Fields } from './wechatpay-crypto';

/**
 * The fields of the multipart body @cloudbase/node-sdk posts for `wx.wxPayApi` (see wxpay-api-form.ts), plus
 * who called: cloudPay takes the mini program's appid and the buyer from the calling function's context.
 */
export interface WxPayApiRequest {
  /** The cloudPay method as called: `unifiedOrder`, `queryOrder`, `closeOrder`, `refund`, `queryRefund`. */
  apiName: string;
  /** JSON of the call's data, already converted to snake_case by the SDK. An object is taken as is. */
  requestData: Buffer | string | Record<string, unknown>;
  /** Protobuf `ApiOptions { string appid = 1; }`, which carries an appid only for cross-account calls. */
  apiOptions?: Uint8Array;
  /** WX_APPID of the invocation that called (the mini program). */
  callerAppid?: string;
  /** WX_OPENID of the invocation that called (the buyer, when a user's call is paying). */
  callerOpenid?: string;
}

export interface CloudPayApiContext {
  keys: PaySandboxKeys;
  ledger: PaySandboxLedger;
  clock: Clock;
  /** The mini program's appid when neither the call nor its caller names one. */
  appid?: string;
}

/** The SOURCE of the invocation WeChat makes of the payment callback function (CloudBase documentation). */
export const CLOUDPAY_CALLBACK_SOURCE = 'wx_paycallback';

/** cloudPay acts as a WeChat Pay service provider: these stand for its own appid and merchant number. */
export const CLOUDPAY_PROVIDER_APPID = 'wxcloudpaysandbox1';
export const CLOUDPAY_PROVIDER_MCH_ID = '1800008281';

type Fields = Record<string, string | number | readonly (string | number)[] | undefined>;

class ReturnFail {
  constructor(readonly message: string) {}
}

function randomNonce(): string {
  return randomBytes(16).toString('hex');
}

function chinaCompact(epochMs: number): string {
  return new Date(epochMs + 8 * 3600 * 1000).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

function chinaDashed(epochMs: number): string {
  return new Date(epochMs + 8 * 3600 * 1000).toISOString().slice(0, 19).replace('T', ' ');
}

/** The buyer's openid under the provider's appid: a different id for the same person, as in the cloud. */
function providerOpenid(openid: string): string {
  return `oCP${createHash('sha256').update(openid).digest('base64url').slice(0, 25)}`;
}

/**
 * Answered as a JSON body the SDK parses itself. Not "application/json; charset=utf-8": @cloudbase/node-sdk
 * pre-parses that exact content type for wx.* actions, and wx-server-sdk then takes the object for an error.
 */
function wxPayAnswer(value: unknown): SandboxResponse {
  return {
    status: 200,
    headers: { 'content-type': 'application/json' },
    body: Buffer.from(JSON.stringify(value), 'utf8'),
  };
}

/** Reads field 1 (appid) of the SDK's ApiOptions message; undefined when absent or malformed. */
export function decodeApiOptionsAppid(bytes: Uint8Array | undefined): string | undefined {
  if (!bytes) return undefined;
  try {
    for (const field of readFields(Buffer.from(bytes))) {
      const value = field.field === 1 ? field.bytes?.toString('utf8') : undefined;
      if (value) return value;
    }
  } catch {
    return undefined;
  }
  return undefined;
}

function readData(requestData: WxPayApiRequest['requestData']): Record<string, unknown> | undefined {
  if (Buffer.isBuffer(requestData)) return parseJsonBody(requestData);
  if (typeof requestData === 'string') return parseJsonBody(Buffer.from(requestData, 'utf8'));
  return requestData;
}

function text(data: Record<string, unknown>, field: string): string | undefined {
  const value = data[field];
  if (typeof value === 'number') return String(value);
  return typeof value === 'string' && value !== '' ? value : undefined;
}

function required(data: Record<string, unknown>, field: string): string {
  const value = text(data, field);
  if (value === undefined) throw new ReturnFail(`${field} 参数缺失`);
  return value;
}

function fen(data: Record<string, unknown>, field: string): number {
  const value = required(data, field);
  if (!/^\d{1,15}$/.test(value) || Number(value) < 1)
    throw new ReturnFail(`${field} 必须为正整数（单位：分）`);
  return Number(value);
}

function parseCompact(value: string): number | undefined {
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(value);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  return Date.UTC(year, month - 1, day, hour, minute, second) - 8 * 3600 * 1000;
}

const TRADE_STATE_DESC: Readonly<Record<string, string>> = {
  SUCCESS: '支付成功',
  REFUND: '转入退款',
  NOTPAY: '未支付',
  CLOSED: '已关闭',
  PAYERROR: '支付失败(其他原因，如银行返回失败)',
};

/** v2's err_code and err_code_des for each ledger outcome, with the wording cloudPay answers. */
const V2_FAILURES: Readonly<Record<LedgerFailure, [string, string]>> = {
  ORDER_NOT_EXIST: ['ORDERNOTEXIST', '此交易订单号不存在'],
  ORDER_PAID: ['ORDERPAID', '该订单已支付'],
  ORDER_CLOSED: ['ORDERCLOSED', '该订单已关闭'],
  ORDER_EXPIRED: ['ORDERCLOSED', '该订单已关闭'],
  PREPAY_EXPIRED: ['ORDERCLOSED', '该订单已关闭'],
  OUT_TRADE_NO_USED: ['OUT_TRADE_NO_USED', '商户订单号重复'],
  PAYER_MISMATCH: ['PARAM_ERROR', '支付用户与下单用户不一致'],
  NOT_PAID: ['TRADE_STATE_ERROR', '订单状态错误'],
  AMOUNT_MISMATCH: ['PARAM_ERROR', '订单金额与原订单不一致'],
  REFUND_EXCEEDS: ['PARAM_ERROR', '退款金额大于支付金额'],
  REFUND_COUNT_EXCEEDED: ['PARAM_ERROR', '该订单部分退款次数已超过50次'],
  TRADE_OVERDUE: ['TRADE_OVERDUE', '订单已经超过退款期限'],
  OUT_REFUND_NO_USED: ['PARAM_ERROR', '退款单号已用于其他退款，金额不一致'],
  REFUND_NOT_EXIST: ['REFUNDNOTEXIST', '退款订单查询失败'],
};

class CloudPayCall {
  constructor(
    private readonly context: CloudPayApiContext,
    private readonly request: WxPayApiRequest,
    private readonly data: Record<string, unknown>,
  ) {}

  private get keys(): PaySandboxKeys {
    return this.context.keys;
  }

  private appid(): string {
    const appid =
      decodeApiOptionsAppid(this.request.apiOptions) ??
      text(this.data, 'sub_appid') ??
      this.request.callerAppid ??
      this.context.appid;
    if (appid === undefined) throw new ReturnFail('sub_appid 参数缺失，且调用方没有小程序 AppID');
    return appid;
  }

  /** Every answer carries the provider and the sub-merchant, and a v2 sign like cloudPay's. */
  private envelope(appid: string, fields: Fields): Record<string, unknown> {
    const params: Fields = {
      return_code: 'SUCCESS',
      return_msg: 'OK',
      appid: CLOUDPAY_PROVIDER_APPID,
      mch_id: CLOUDPAY_PROVIDER_MCH_ID,
      sub_appid: appid,
      sub_mch_id: this.keys.mchid,
      nonce_str: randomNonce(),
      ...fields,
    };
    return { ...params, sign: v2Signature(params as V2Fields, this.keys.cloudPayKey) };
  }

  private answer(appid: string, fields: Fields): SandboxResponse {
    return wxPayAnswer(this.envelope(appid, fields));
  }

  private failure(appid: string, failure: LedgerFailure): SandboxResponse {
    const [code, description] = V2_FAILURES[failure];
    return this.answer(appid, { result_code: 'FAIL', err_code: code, err_code_des: description });
  }

  private checkMerchant(): void {
    if (required(this.data, 'sub_mch_id') !== this.keys.mchid) {
      throw new ReturnFail('sub_mch_id 未绑定到当前云开发环境');
    }
  }

  run(): SandboxResponse {
    switch (this.request.apiName.toLowerCase()) {
      case 'unifiedorder':
        return this.unifiedOrder();
      case 'queryorder':
        return this.queryOrder();
      case 'closeorder':
        return this.closeOrder();
      case 'refund':
        return this.refund();
      case 'queryrefund':
        return this.queryRefund();
      default:
        // An API cloudPay has but the sandbox does not answers at the TCB level, as an unknown action would.
        return wxPayAnswer({
          code: 'INVALID_PARAM',
          message: `pay sandbox does not support cloudPay.${this.request.apiName}`,
        });
    }
  }

  private unifiedOrder(): SandboxResponse {
    this.checkMerchant();
    const appid = this.appid();
    const description = required(this.data, 'body');
    const outTradeNo = required(this.data, 'out_trade_no');
    if (!/^[0-9A-Za-z_-]{1,32}$/.test(outTradeNo)) throw new ReturnFail('out_trade_no 格式错误');
    const totalFen = fen(this.data, 'total_fee');
    required(this.data, 'spbill_create_ip');
    required(this.data, 'nonce_str');
    const envId = required(this.data, 'env_id');
    const functionName = required(this.data, 'function_name');
    const tradeType = text(this.data, 'trade_type') ?? 'JSAPI';
    if (tradeType !== 'JSAPI') throw new ReturnFail(`沙箱仅支持 JSAPI，收到 ${tradeType}`);
    const payerOpenid =
      text(this.data, 'sub_openid') ?? text(this.data, 'openid') ?? this.request.callerOpenid;
    if (payerOpenid === undefined) throw new ReturnFail('JSAPI 支付必须传 openid 或 sub_openid');
    let expiresAt: number | undefined;
    const timeExpire = text(this.data, 'time_expire');
    if (timeExpire !== undefined) {
      expiresAt = parseCompact(timeExpire);
      if (expiresAt === undefined) throw new ReturnFail('time_expire 格式错误，应为 yyyyMMddHHmmss');
      if (expiresAt <= this.context.clock().getTime()) {
        return this.answer(appid, {
          result_code: 'FAIL',
          err_code: 'PARAM_ERROR',
          err_code_des: 'time_expire 时间过短',
        });
      }
    }
    const result = this.context.ledger.prepay({
      channel: 'cloudpay',
      appid,
      mchid: this.keys.mchid,
      outTradeNo,
      description,
      totalFen,
      payerOpenid,
      attach: text(this.data, 'attach'),
      callback: { envId, functionName },
      expiresAt,
    });
    if (!result.ok) return this.failure(appid, result.failure);
    const prepayId = result.value.prepayId;
    const payment = {
      appId: appid,
      timeStamp: String(Math.floor(this.context.clock().getTime() / 1000)),
      nonceStr: randomNonce(),
      package: `prepay_id=${prepayId}`,
      signType: 'MD5',
    };
    const paySign = v2Signature(payment, this.keys.cloudPayKey, 'MD5');
    // `payment` is outside the v2 sign and already in wx.requestPayment's camelCase, as cloudPay returns it.
    return wxPayAnswer({
      ...this.envelope(appid, { result_code: 'SUCCESS', trade_type: 'JSAPI', prepay_id: prepayId }),
      payment: { ...payment, paySign },
    });
  }

  private findOrder(): SandboxTransaction | undefined {
    const outTradeNo = text(this.data, 'out_trade_no');
    const transactionId = text(this.data, 'transaction_id');
    if (outTradeNo === undefined && transactionId === undefined) {
      throw new ReturnFail('out_trade_no 与 transaction_id 至少填一个');
    }
    return outTradeNo !== undefined
      ? this.context.ledger.find({ outTradeNo })
      : this.context.ledger.findByTransactionId(transactionId ?? '');
  }

  private queryOrder(): SandboxResponse {
    this.checkMerchant();
    const appid = this.appid();
    const transaction = this.findOrder();
    if (!transaction) return this.failure(appid, 'ORDER_NOT_EXIST');
    const fields: Fields = {
      result_code: 'SUCCESS',
      trade_state: transaction.state,
      trade_state_desc: TRADE_STATE_DESC[transaction.state] ?? transaction.state,
      out_trade_no: transaction.outTradeNo,
      total_fee: transaction.totalFen,
      fee_type: 'CNY',
      trade_type: 'JSAPI',
      attach: transaction.attach,
    };
    if (isPaid(transaction) && transaction.paidAt !== undefined) {
      Object.assign(fields, {
        transaction_id: transaction.transactionId,
        time_end: chinaCompact(transaction.paidAt),
        cash_fee: transaction.totalFen,
        bank_type: 'OTHERS',
        openid: providerOpenid(transaction.payerOpenid),
        is_subscribe: 'N',
        sub_openid: transaction.payerOpenid,
        sub_is_subscribe: 'N',
      });
    }
    return this.answer(appid, fields);
  }

  private closeOrder(): SandboxResponse {
    this.checkMerchant();
    const appid = this.appid();
    const outTradeNo = required(this.data, 'out_trade_no');
    // v2 refuses a second close, unlike v3, which answers 204 again.
    if (this.context.ledger.find({ outTradeNo })?.state === 'CLOSED')
      return this.failure(appid, 'ORDER_CLOSED');
    const result = this.context.ledger.close(outTradeNo);
    if (!result.ok) return this.failure(appid, result.failure);
    return this.answer(appid, { result_code: 'SUCCESS', result_msg: 'OK' });
  }

  private refundFields(refund: SandboxRefund): Fields {
    return {
      transaction_id: refund.transactionId,
      out_trade_no: refund.outTradeNo,
      total_fee: refund.totalFen,
      cash_fee: refund.totalFen,
    };
  }

  private refund(): SandboxResponse {
    this.checkMerchant();
    const appid = this.appid();
    const outTradeNo = text(this.data, 'out_trade_no');
    const transactionId = text(this.data, 'transaction_id');
    if (outTradeNo === undefined && transactionId === undefined) {
      throw new ReturnFail('out_trade_no 与 transaction_id 至少填一个');
    }
    const result = this.context.ledger.refund({
      outTradeNo,
      transactionId,
      outRefundNo: required(this.data, 'out_refund_no'),
      totalFen: fen(this.data, 'total_fee'),
      refundFen: fen(this.data, 'refund_fee'),
      reason: text(this.data, 'refund_desc'),
    });
    if (!result.ok) return this.failure(appid, result.failure);
    const { refund } = result.value;
    return this.answer(appid, {
      result_code: 'SUCCESS',
      ...this.refundFields(refund),
      out_refund_no: refund.outRefundNo,
      refund_id: refund.refundId,
      refund_fee: refund.refundFen,
    });
  }

  private queryRefund(): SandboxResponse {
    this.checkMerchant();
    const appid = this.appid();
    const result = this.context.ledger.findRefund(required(this.data, 'out_refund_no'));
    if (!result.ok) return this.failure(appid, result.failure);
    const refund = result.value;
    const status = this.context.ledger.refundStatus(refund);
    // cloudPay answers lists (one entry per refund of the order; a lookup by out_refund_no lists just that
    // one), not v2's indexed refund_status_0 fields, and the lists stay empty while WeChat Pay has not yet
    // reported the refund's outcome (docs/local-cloud.md).
    const settled = status !== 'PROCESSING';
    const list = <T>(value: T): T[] => (settled ? [value] : []);
    return this.answer(appid, {
      result_code: 'SUCCESS',
      ...this.refundFields(refund),
      refund_count: settled ? 1 : 0,
      out_refund_no_list: list(refund.outRefundNo),
      refund_id_list: list(refund.refundId),
      refund_fee_list: list(refund.refundFen),
      refund_status_list: list(status),
      refund_success_time_list: status === 'SUCCESS' ? [chinaDashed(refund.settlesAt)] : [],
      refund_recv_accout_list: list('支付用户零钱'),
      refund_channel_list: list('ORIGINAL'),
    });
  }
}

/** One wx.wxPayApi call. Transport-level problems answer return_code FAIL, as cloudPay does. */
export function handleCloudPayApi(context: CloudPayApiContext, request: WxPayApiRequest): SandboxResponse {
  const data = readData(request.requestData);
  if (!data) return wxPayAnswer({ code: 'INVALID_PARAM', message: 'requestData is not a JSON object' });
  try {
    return new CloudPayCall(context, request, data).run();
  } catch (error) {
    if (error instanceof ReturnFail) return wxPayAnswer({ return_code: 'FAIL', return_msg: error.message });
    throw error;
  }
}

/** What the callback function receives when the buyer pays (camelCase, as cloudPay delivers it). */
export function cloudPayCallbackEvent(transaction: SandboxTransaction): Record<string, unknown> {
  const event: Record<string, unknown> = {
    returnCode: 'SUCCESS',
    appid: CLOUDPAY_PROVIDER_APPID,
    mchId: CLOUDPAY_PROVIDER_MCH_ID,
    subAppid: transaction.appid,
    subMchId: transaction.mchid,
    nonceStr: randomNonce(),
    resultCode: 'SUCCESS',
    openid: providerOpenid(transaction.payerOpenid),
    isSubscribe: 'N',
    subOpenid: transaction.payerOpenid,
    subIsSubscribe: 'N',
    tradeType: 'JSAPI',
    bankType: 'OTHERS',
    totalFee: transaction.totalFen,
    feeType: 'CNY',
    cashFee: transaction.totalFen,
    transactionId: transaction.transactionId,
    outTradeNo: transaction.outTradeNo,
    timeEnd: transaction.paidAt === undefined ? undefined : chinaCompact(transaction.paidAt),
  };
  if (transaction.attach !== undefined) event.attach = transaction.attach;
  return event;
}
