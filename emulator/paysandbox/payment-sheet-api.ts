/**
 * The routes under /_/paysandbox/ that the H5 payment sheet (standing in for WeChat's own) and tests call:
 * look an order up, pay it, fail it, and push owed notifications out now.
 */
import type { KeyObject } from 'node:crypto';
import type { PaySandboxKeys } from './sandbox-keys';
import {
  jsonResponse,
  parseJsonBody,
  splitTarget,
  type SandboxRequest,
  type SandboxResponse,
} from './sandbox-http';
import type { OrderRef } from './sandbox-ledger';
import type { SandboxTransaction } from './transaction-store';
import { paySignString, rsaVerify, v2SignatureMatches } from './wechatpay-crypto';

export const PAY_SHEET_PREFIX = '/_/paysandbox';

/** The H5 build may be served from another origin (Taro's dev server) than the local cloud. */
const CORS_HEADERS: Record<string, string> = {
  'access-control-allow-origin': '*',
  'access-control-allow-methods': 'GET, POST, OPTIONS',
  'access-control-allow-headers': 'content-type',
  'access-control-max-age': '600',
};

export type SheetOutcome =
  { ok: true; transaction: SandboxTransaction } | { ok: false; code: string; message: string };

/** What the sheet's routes need from the sandbox. */
export interface PaymentSheetContext {
  keys: PaySandboxKeys;
  merchantPublicKey: KeyObject;
  find(ref: OrderRef): SandboxTransaction | undefined;
  list(): SandboxTransaction[];
  pay(ref: OrderRef, openid?: string): Promise<SheetOutcome>;
  fail(ref: OrderRef): Promise<SheetOutcome>;
  flushNotifications(): Promise<number>;
  notificationSettled(outTradeNo: string): Promise<SandboxTransaction['notification']>;
}

export interface TransactionSummary {
  outTradeNo: string;
  prepayId: string;
  channel: SandboxTransaction['channel'];
  appid: string;
  description: string;
  amountFen: number;
  state: SandboxTransaction['state'];
  payerOpenid: string;
  expiresAt?: number;
  transactionId?: string;
  paidAt?: number;
  refundedFen: number;
  notification?: SandboxTransaction['notification'];
}

export function summarize(transaction: SandboxTransaction): TransactionSummary {
  return {
    outTradeNo: transaction.outTradeNo,
    prepayId: transaction.prepayId,
    channel: transaction.channel,
    appid: transaction.appid,
    description: transaction.description,
    amountFen: transaction.totalFen,
    state: transaction.state,
    payerOpenid: transaction.payerOpenid,
    expiresAt: transaction.expiresAt,
    transactionId: transaction.transactionId,
    paidAt: transaction.paidAt,
    refundedFen: transaction.refundedFen,
    notification: transaction.notification,
  };
}

const STATUS_BY_CODE: Readonly<Record<string, number>> = {
  ORDER_NOT_EXIST: 404,
  PAYER_MISMATCH: 403,
  SIGN_ERROR: 403,
  ORDER_PAID: 409,
  ORDER_CLOSED: 409,
  ORDER_EXPIRED: 409,
  PREPAY_EXPIRED: 409,
};

function answer(status: number, value: unknown): SandboxResponse {
  return jsonResponse(status, value, CORS_HEADERS);
}

function outcomeAnswer(outcome: SheetOutcome): SandboxResponse {
  if (!outcome.ok) return answer(STATUS_BY_CODE[outcome.code] ?? 400, outcome);
  return answer(200, { ok: true, ...summarize(outcome.transaction) });
}

/** wx.requestPayment's parameters as the sheet received them; signType is checked against the order's API. */
interface SheetPaymentParams {
  timeStamp: string;
  nonceStr: string;
  package: string;
  signType: string;
  paySign: string;
}

function readPaymentParams(value: unknown): SheetPaymentParams | undefined {
  if (typeof value !== 'object' || value === null) return undefined;
  const { timeStamp, nonceStr, package: pkg, signType, paySign } = value as Record<string, unknown>;
  if ([timeStamp, nonceStr, pkg, signType, paySign].some((field) => typeof field !== 'string'))
    return undefined;
  return {
    timeStamp: String(timeStamp),
    nonceStr: String(nonceStr),
    package: String(pkg),
    signType: String(signType),
    paySign: String(paySign),
  };
}

/**
 * WeChat's client refuses parameters whose paySign does not verify ("支付验证签名失败"); so does the sheet, which
 * is how a wrong merchant key or a tampered package shows up locally.
 */
function verifyPaySign(
  context: PaymentSheetContext,
  transaction: SandboxTransaction,
  params: SheetPaymentParams,
): boolean {
  if (transaction.channel === 'v3') {
    if (params.signType !== 'RSA') return false;
    const message = paySignString({
      appId: transaction.appid,
      timeStamp: params.timeStamp,
      nonceStr: params.nonceStr,
      package: params.package,
    });
    return rsaVerify(message, params.paySign, context.merchantPublicKey);
  }
  if (params.signType !== 'MD5') return false;
  return v2SignatureMatches(
    {
      appId: transaction.appid,
      timeStamp: params.timeStamp,
      nonceStr: params.nonceStr,
      package: params.package,
      signType: params.signType,
      sign: params.paySign,
    },
    context.keys.cloudPayKey,
    'MD5',
  );
}

type RefRead = { ok: true; ref: OrderRef; params?: SheetPaymentParams } | { ok: false; message: string };

/** The order named by `outTradeNo`, `prepayId`, or the `payment` object wx.requestPayment was given. */
function readRef(body: Record<string, unknown>): RefRead {
  if (typeof body.outTradeNo === 'string' && body.outTradeNo !== '')
    return { ok: true, ref: { outTradeNo: body.outTradeNo } };
  if (typeof body.prepayId === 'string' && body.prepayId !== '')
    return { ok: true, ref: { prepayId: body.prepayId } };
  if (body.payment !== undefined) {
    const params = readPaymentParams(body.payment);
    const prepayId = params?.package.startsWith('prepay_id=')
      ? params.package.slice('prepay_id='.length)
      : undefined;
    if (!params || !prepayId)
      return { ok: false, message: 'payment must be the wx.requestPayment parameters' };
    return { ok: true, ref: { prepayId }, params };
  }
  return {
    ok: false,
    message: 'name the order: outTradeNo, prepayId, or payment (the wx.requestPayment parameters)',
  };
}

export async function handlePaymentSheet(
  context: PaymentSheetContext,
  request: SandboxRequest,
): Promise<SandboxResponse> {
  const { pathname } = splitTarget(request.path);
  const route = pathname.slice(PAY_SHEET_PREFIX.length).replace(/\/+$/, '');
  const method = request.method.toUpperCase();
  if (method === 'OPTIONS') return { status: 204, headers: CORS_HEADERS, body: Buffer.alloc(0) };

  if (method === 'GET') {
    if (route === '/transactions') return answer(200, { transactions: context.list().map(summarize) });
    const lookup = /^\/(transactions|prepay)\/([^/]+)$/.exec(route);
    if (lookup) {
      const key = decodeURIComponent(lookup[2]);
      const transaction = context.find(lookup[1] === 'prepay' ? { prepayId: key } : { outTradeNo: key });
      return transaction
        ? answer(200, summarize(transaction))
        : answer(404, { ok: false, code: 'ORDER_NOT_EXIST', message: `no order ${key}` });
    }
  }

  if (method === 'POST') {
    if (route === '/notifications/flush')
      return answer(200, { attempted: await context.flushNotifications() });
    // Answers once the order's notification is delivered or given up: a test waits on this, not on a timer.
    const settled = /^\/notifications\/([^/]+)\/settled$/.exec(route);
    if (settled) {
      const outTradeNo = decodeURIComponent(settled[1]);
      if (!context.find({ outTradeNo }))
        return answer(404, { ok: false, code: 'ORDER_NOT_EXIST', message: `no order ${outTradeNo}` });
      return answer(200, { notification: (await context.notificationSettled(outTradeNo)) ?? null });
    }
    if (route === '/pay' || route === '/fail') {
      const body = parseJsonBody(request.body) ?? {};
      const read = readRef(body);
      if (!read.ok) return answer(400, { ok: false, code: 'PARAM_ERROR', message: read.message });
      if (route === '/fail') return outcomeAnswer(await context.fail(read.ref));
      if (read.params) {
        const transaction = context.find(read.ref);
        if (!transaction)
          return outcomeAnswer({
            ok: false,
            code: 'ORDER_NOT_EXIST',
            message: 'no order for this prepay_id',
          });
        if (!verifyPaySign(context, transaction, read.params)) {
          return outcomeAnswer({ ok: false, code: 'SIGN_ERROR', message: '支付验证签名失败' });
        }
      }
      const openid = typeof body.openid === 'string' && body.openid !== '' ? body.openid : undefined;
      return outcomeAnswer(await context.pay(read.ref, openid));
    }
  }
  return answer(404, { ok: false, code: 'NOT_FOUND', message: `no pay sandbox route ${method} ${pathname}` });
}
