/**
 * Answers the sandbox's v3 merchant API gives instead of the real one when a test asks for them: WeChat Pay's
 * error answers, signed or not (WeChat Pay signs its successful answers, but an error may come unsigned from a
 * gateway in front of it), and query answers in states the sandbox never reaches by itself (USERPAYING; a
 * refund still PROCESSING past its settling time, ABNORMAL or CLOSED).
 */
import type { TradeState } from './wechatpay-crypto';

export type V3Operation = 'prepay' | 'query' | 'close' | 'refund' | 'queryRefund';

export const V3_OPERATIONS: readonly V3Operation[] = ['prepay', 'query', 'close', 'refund', 'queryRefund'];

export type InjectedFault =
  | {
      operation: V3Operation;
      /** Only requests about this merchant order number (prepay, query, close, refund); any when absent. */
      outTradeNo?: string;
      /** An error answer: `{ code, message }` with this HTTP status. */
      status: number;
      code: string;
      message?: string;
      /** Signed as WeChat Pay (default false: an unsigned error, which a merchant cannot verify). */
      signed?: boolean;
      /** How many matching requests get it (default 1). */
      times?: number;
    }
  | {
      operation: 'query';
      outTradeNo?: string;
      /** A signed 200 query answer with the order's fields and this trade state. */
      tradeState: TradeState;
      times?: number;
    }
  | {
      operation: 'queryRefund';
      /** Only queries of this refund number; any when absent. */
      outRefundNo?: string;
      /** A signed 200 refund query answer with the refund's fields and this status. */
      refundStatus: InjectedRefundStatus;
      times?: number;
    };

export type InjectedRefundStatus = 'PROCESSING' | 'ABNORMAL' | 'CLOSED';
const INJECTED_REFUND_STATUSES: readonly string[] = ['PROCESSING', 'ABNORMAL', 'CLOSED'];

/** The request a fault is matched against: which operation, about which order. */
export interface V3Call {
  operation: V3Operation;
  outTradeNo?: string;
  /** The refund a refund query asks about. */
  outRefundNo?: string;
}

/** Which operation a v3 request is (undefined for anything else, e.g. /v3/certificates). */
export function v3CallOf(
  method: string,
  pathname: string,
  body: Record<string, unknown> | undefined,
): V3Call | undefined {
  const upper = method.toUpperCase();
  if (upper === 'POST' && pathname === '/v3/pay/transactions/jsapi')
    return { operation: 'prepay', outTradeNo: stringField(body, 'out_trade_no') };
  const byOutTradeNo = /^\/v3\/pay\/transactions\/out-trade-no\/([^/]+)(\/close)?$/.exec(pathname);
  if (byOutTradeNo) {
    const outTradeNo = decodeURIComponent(byOutTradeNo[1]);
    if (byOutTradeNo[2] && upper === 'POST') return { operation: 'close', outTradeNo };
    if (!byOutTradeNo[2] && upper === 'GET') return { operation: 'query', outTradeNo };
  }
  if (upper === 'GET' && /^\/v3\/pay\/transactions\/id\/[^/]+$/.test(pathname)) return { operation: 'query' };
  if (upper === 'POST' && pathname === '/v3/refund/domestic/refunds')
    return { operation: 'refund', outTradeNo: stringField(body, 'out_trade_no') };
  const refundQuery = /^\/v3\/refund\/domestic\/refunds\/([^/]+)$/.exec(pathname);
  if (upper === 'GET' && refundQuery)
    return { operation: 'queryRefund', outRefundNo: decodeURIComponent(refundQuery[1]) };
  return undefined;
}

function stringField(body: Record<string, unknown> | undefined, name: string): string | undefined {
  const value = body?.[name];
  return typeof value === 'string' ? value : undefined;
}

/** Faults waiting for their requests, first added first used. */
export class FaultBook {
  private readonly pending: { fault: InjectedFault; left: number }[] = [];

  add(fault: InjectedFault): void {
    this.pending.push({ fault, left: Math.max(1, fault.times ?? 1) });
  }

  clear(): void {
    this.pending.length = 0;
  }

  /** The fault for this call, counted as used; undefined when none matches. */
  take(call: V3Call): InjectedFault | undefined {
    const index = this.pending.findIndex(
      ({ fault }) =>
        fault.operation === call.operation &&
        ('refundStatus' in fault
          ? fault.outRefundNo === undefined || fault.outRefundNo === call.outRefundNo
          : fault.outTradeNo === undefined || fault.outTradeNo === call.outTradeNo),
    );
    if (index < 0) return undefined;
    const entry = this.pending[index];
    entry.left -= 1;
    if (entry.left <= 0) this.pending.splice(index, 1);
    return entry.fault;
  }
}

/** Reads a fault from JSON (the /_/paysandbox/faults route); a string names what is wrong. */
export function readInjectedFault(value: unknown): InjectedFault | string {
  if (typeof value !== 'object' || value === null) return 'the body must be a JSON object';
  const raw = value as Record<string, unknown>;
  const operation = raw.operation;
  if (typeof operation !== 'string' || !V3_OPERATIONS.includes(operation as V3Operation))
    return `operation must be one of ${V3_OPERATIONS.join(', ')}`;
  const outTradeNo = raw.outTradeNo === undefined ? undefined : String(raw.outTradeNo);
  const times = typeof raw.times === 'number' ? raw.times : undefined;
  if (typeof raw.tradeState === 'string') {
    if (operation !== 'query') return 'tradeState is for query only';
    return { operation, outTradeNo, tradeState: raw.tradeState as TradeState, times };
  }
  if (typeof raw.refundStatus === 'string') {
    if (operation !== 'queryRefund') return 'refundStatus is for queryRefund only';
    if (!INJECTED_REFUND_STATUSES.includes(raw.refundStatus))
      return `refundStatus must be one of ${INJECTED_REFUND_STATUSES.join(', ')}`;
    const outRefundNo = raw.outRefundNo === undefined ? undefined : String(raw.outRefundNo);
    return { operation, outRefundNo, refundStatus: raw.refundStatus as InjectedRefundStatus, times };
  }
  if (typeof raw.status !== 'number' || raw.status < 400 || raw.status > 599)
    return 'status must be an HTTP error status (400-599)';
  if (typeof raw.code !== 'string' || raw.code === '') return 'code must be a WeChat Pay error code';
  return {
    operation: operation as V3Operation,
    outTradeNo,
    status: raw.status,
    code: raw.code,
    message: typeof raw.message === 'string' ? raw.message : undefined,
    signed: raw.signed === true,
    times,
  };
}
