/** The payment gateway the order code talks to: one interface over WeChat Pay API v3, cloudPay and the sandbox. */
import type { PaymentMode, RequestPaymentParams } from '../../../types/api';
import type { HeaderBag, NotificationFailureReason, TradeState } from './types';

/** WeChat Pay's trade states, the same in v3 and cloudPay (v2) answers. */
export type PaymentState = TradeState;

export interface PrepayInput {
  /** The order's payment number at WeChat Pay: 6-32 of [0-9A-Za-z_-], unique per merchant. */
  outTradeNo: string;
  /** What the buyer sees on the payment sheet and in the bill (at most 127 characters). */
  description: string;
  /** Integer fen, at least 1. */
  amountFen: number;
  payerOpenid: string;
  /** Epoch ms after which WeChat Pay refuses to take the payment; the order's own payment deadline. */
  expiresAt: number;
  /** Overrides the configured notify URL (v3 only; cloudPay notifies its callback function). */
  notifyUrl?: string;
  /** Returned untouched by query and notification (at most 128 characters). */
  attach?: string;
  /** The buyer's IP, which cloudPay requires (spbill_create_ip); a placeholder is sent when unknown. */
  clientIp?: string;
}

export interface PrepayResult {
  params: RequestPaymentParams;
  prepayId: string;
  /**
   * Epoch ms until which `params` may be handed to the client again (a prepay_id lives two hours, and the
   * order's deadline may come first). After it, prepay again with the same outTradeNo.
   */
  validUntil: number;
}

/** A transaction in the shop's terms, whichever API reported it. Amounts in integer fen. */
export interface PaymentTransaction {
  outTradeNo: string;
  transactionId: string;
  state: PaymentState;
  /** The order amount; the domain compares it with the order before applying a payment. */
  totalFen: number;
  /** What the buyer paid out of pocket (below totalFen when WeChat Pay coupons were used). */
  payerTotalFen: number;
  payerOpenid: string;
  /** Epoch ms of the payment; undefined when WeChat Pay reports none. */
  paidAt?: number;
  attach?: string;
  /** Who WeChat Pay says the money went to (the mini program and merchant): already checked by the gateway. */
  appid: string;
  mchid: string;
}

export interface QueryResult {
  state: PaymentState;
  /** Present once there is a payment (SUCCESS, REFUND); absent for NOTPAY, CLOSED and the like. */
  transaction?: PaymentTransaction;
}

export interface RefundInput {
  outTradeNo: string;
  /** Unique per refund; sending the same one again returns the same refund (safe to retry). */
  outRefundNo: string;
  /** The original order amount, which WeChat Pay checks. */
  totalFen: number;
  refundFen: number;
  reason?: string;
  /** v3 only: where WeChat Pay sends the refund result notification. */
  notifyUrl?: string;
}

export type RefundStatus = 'PROCESSING' | 'SUCCESS' | 'CLOSED' | 'ABNORMAL';

export interface RefundResult {
  status: RefundStatus;
  refundId: string;
  outRefundNo: string;
  refundFen: number;
  /** Epoch ms the refund succeeded, when it has. */
  succeededAt?: number;
}

/**
 * What a refund query learnt: a refund WeChat Pay has not reported yet is PROCESSING and may carry no id or
 * amount (cloudPay answers empty lists until then).
 */
export interface RefundProgress {
  status: RefundStatus;
  outRefundNo: string;
  refundId?: string;
  refundFen?: number;
  /** Epoch ms the refund succeeded, when it has. */
  succeededAt?: number;
}

/**
 * What a notification endpoint received. v3 notifications arrive over HTTP (headers and the raw body); cloudPay
 * invokes a callback function with an event, and only the invocation's SOURCE tells WeChat's call from a user's.
 */
export type NotificationDelivery =
  | { channel: 'http'; headers: HeaderBag; body: string }
  | {
      channel: 'cloudpay-callback';
      event: unknown;
      /** `cloud.getWXContext().SOURCE` of the callback invocation. */
      source: string | undefined;
    };

export type NotificationChannel = NotificationDelivery['channel'];

export type CloudPayCallbackFailureReason =
  'WRONG_SOURCE' | 'BAD_EVENT' | 'RETURN_FAIL' | 'RESULT_FAIL' | 'APPID_MISMATCH' | 'SUB_MCH_ID_MISMATCH';

export type NoticeFailureReason = NotificationFailureReason | CloudPayCallbackFailureReason | 'WRONG_CHANNEL';

/** A verified payment notice: the transaction is genuine and for this shop; its amount is still the order's to check. */
export interface PaymentNotice {
  /** Unique per notification event; the inbox key together with the transaction id. */
  eventId: string;
  transaction: PaymentTransaction;
}

export type NoticeCheck = { ok: true; notice: PaymentNotice } | { ok: false; reason: NoticeFailureReason };

export interface PaymentGateway {
  /** Which implementation this is, for logs and the admin page. */
  readonly mode: PaymentMode;
  /** Where this gateway's notifications arrive: an HTTP endpoint or the cloudPay callback function. */
  readonly notificationChannel: NotificationChannel;
  prepay(input: PrepayInput): Promise<PrepayResult>;
  /** Throws GatewayError kind ORDER_NOT_FOUND when WeChat Pay never saw the outTradeNo (no prepay yet). */
  query(outTradeNo: string): Promise<QueryResult>;
  /**
   * Closing an order already closed succeeds. Throws kind ORDER_PAID when the buyer paid first: query and apply
   * the payment instead; ORDER_NOT_FOUND when it was never prepaid (nothing to close).
   */
  close(outTradeNo: string): Promise<void>;
  refund(input: RefundInput): Promise<RefundResult>;
  queryRefund(outRefundNo: string): Promise<RefundProgress>;
  /** Never throws for bad input: a forged or foreign notification is a value with a reason. */
  parseNotification(delivery: NotificationDelivery): NoticeCheck;
}

// ---------------------------------------------------------------------------------------------------------
// Errors
// ---------------------------------------------------------------------------------------------------------

/**
 * What the caller should do about a failure, the same across APIs whose raw codes differ (v3 `ORDER_CLOSED`,
 * v2 `ORDERCLOSED`, ...). The raw code stays in `GatewayError.code` for logs.
 */
export type GatewayErrorKind =
  /** Paid already: do not close or re-prepay; query and apply the payment. */
  | 'ORDER_PAID'
  /** Closed at WeChat Pay: this outTradeNo can never be paid. */
  | 'ORDER_CLOSED'
  /** WeChat Pay has no such order or refund (for an order: it was never prepaid). */
  | 'ORDER_NOT_FOUND'
  /** The outTradeNo was used before with other parameters (amount, payer, description). */
  | 'DUPLICATE_ORDER'
  /** Our request or input is wrong: a bug or a configuration error; retrying the same request cannot help. */
  | 'INVALID_REQUEST'
  /** Signature, credentials or permission refused: configuration. */
  | 'AUTH'
  /** Refunds: the merchant account's balance cannot cover it now. */
  | 'INSUFFICIENT_FUNDS'
  | 'RATE_LIMITED'
  /** WeChat Pay or the network failed; try again later. */
  | 'UNAVAILABLE'
  /** The answer's signature did not verify, so nothing in it is believed. */
  | 'UNTRUSTED_RESPONSE'
  | 'UNKNOWN';

const RETRYABLE_KINDS: ReadonlySet<GatewayErrorKind> = new Set([
  'RATE_LIMITED',
  'UNAVAILABLE',
  'UNTRUSTED_RESPONSE',
]);

export interface GatewayErrorDetails {
  /** HTTP status of a v3 answer, when there was one. */
  httpStatus?: number;
  /** The operation that failed, e.g. `prepay`, for logs. */
  operation?: string;
  /**
   * v3 answers: whether WeChat Pay's signature on the answer verified. An unverified error answer is a
   * diagnostic: its code is logged and may choose a retry or a query, never a payment state.
   */
  verified?: boolean;
}

/** The only error a gateway throws: raw errors (network, JSON, SDK) are wrapped so callers switch on `kind`. */
export class GatewayError extends Error {
  readonly retryable: boolean;

  constructor(
    /** WeChat Pay's own error code (`ORDER_CLOSED`, `ORDERPAID`, `SIGN_ERROR`, ...) or one of ours. */
    readonly code: string,
    readonly kind: GatewayErrorKind,
    message: string,
    readonly details: GatewayErrorDetails = {},
  ) {
    super(message);
    this.name = 'GatewayError';
    this.retryable = RETRYABLE_KINDS.has(kind);
  }
}

// ---------------------------------------------------------------------------------------------------------
// Input checks shared by the implementations
// ---------------------------------------------------------------------------------------------------------

/** The characters both APIs accept in out_trade_no / out_refund_no (v3 also allows | and *, v2 does not). */
const MERCHANT_NUMBER = /^[0-9A-Za-z_-]{6,32}$/;

/** Refuses input WeChat Pay would refuse, before anything is signed or sent, with the field named. */
export function checkPrepayInput(input: PrepayInput, now: number): void {
  const refuse = (field: string, rule: string): never => {
    throw new GatewayError('INVALID_INPUT', 'INVALID_REQUEST', `prepay: ${field} ${rule}`, {
      operation: 'prepay',
    });
  };
  if (!MERCHANT_NUMBER.test(input.outTradeNo)) refuse('outTradeNo', 'must be 6-32 of [0-9A-Za-z_-]');
  if (input.description.trim() === '' || input.description.length > 127) {
    refuse('description', 'must be 1-127 characters');
  }
  if (!Number.isSafeInteger(input.amountFen) || input.amountFen < 1) {
    refuse('amountFen', 'must be an integer number of fen, at least 1');
  }
  if (input.payerOpenid.trim() === '') refuse('payerOpenid', 'is required');
  if (!Number.isFinite(input.expiresAt) || input.expiresAt <= now)
    refuse('expiresAt', 'must be in the future');
  if (input.attach !== undefined && input.attach.length > 128)
    refuse('attach', 'must be at most 128 characters');
}

export function checkMerchantNumber(field: string, value: string, operation: string): void {
  if (!MERCHANT_NUMBER.test(value)) {
    throw new GatewayError(
      'INVALID_INPUT',
      'INVALID_REQUEST',
      `${operation}: ${field} must be 6-32 of [0-9A-Za-z_-]`,
      {
        operation,
      },
    );
  }
}

export function checkRefundInput(input: RefundInput): void {
  checkMerchantNumber('outTradeNo', input.outTradeNo, 'refund');
  checkMerchantNumber('outRefundNo', input.outRefundNo, 'refund');
  const isFen = (value: number) => Number.isSafeInteger(value) && value >= 1;
  if (!isFen(input.totalFen) || !isFen(input.refundFen) || input.refundFen > input.totalFen) {
    throw new GatewayError(
      'INVALID_INPUT',
      'INVALID_REQUEST',
      'refund: totalFen and refundFen must be integer fen, 1 <= refundFen <= totalFen',
      { operation: 'refund' },
    );
  }
}

/** A prepay_id is valid for two hours at WeChat Pay. */
export const PREPAY_ID_LIFETIME_MS = 2 * 3600 * 1000;

export function prepayValidUntil(now: number, expiresAt: number): number {
  return Math.min(now + PREPAY_ID_LIFETIME_MS, expiresAt);
}
