/**
 * What WeChat Pay does with orders, whatever API asked: prepay (idempotent on the same parameters), pay, fail,
 * close, refund. The v3 and cloudPay handlers only translate their wire formats to and from these outcomes.
 */
import { randomBytes, randomInt } from 'node:crypto';
import type { Clock } from './wechatpay-crypto';
import type {
  SandboxChannel,
  SandboxRefund,
  SandboxTransaction,
  TransactionStore,
} from './transaction-store';

/** A prepay_id is good for two hours at WeChat Pay. */
export const PREPAY_ID_LIFETIME_MS = 2 * 3600 * 1000;

export interface NewOrder {
  channel: SandboxChannel;
  appid: string;
  mchid: string;
  outTradeNo: string;
  description: string;
  totalFen: number;
  payerOpenid: string;
  attach?: string;
  notifyUrl?: string;
  callback?: { envId: string; functionName: string };
  expiresAt?: number;
}

export type LedgerFailure =
  | 'ORDER_NOT_EXIST'
  | 'ORDER_PAID'
  | 'ORDER_CLOSED'
  | 'ORDER_EXPIRED'
  | 'PREPAY_EXPIRED'
  | 'OUT_TRADE_NO_USED'
  | 'PAYER_MISMATCH'
  | 'NOT_PAID'
  | 'AMOUNT_MISMATCH'
  | 'REFUND_EXCEEDS'
  | 'REFUND_COUNT_EXCEEDED'
  | 'TRADE_OVERDUE'
  | 'OUT_REFUND_NO_USED'
  | 'REFUND_NOT_EXIST';

export type LedgerResult<T> = { ok: true; value: T } | { ok: false; failure: LedgerFailure };

const ok = <T>(value: T): LedgerResult<T> => ({ ok: true, value });
const fail = <T>(failure: LedgerFailure): LedgerResult<T> => ({ ok: false, failure });

/** How the payment sheet names an order: by its number, or by the prepay_id it got in `package`. */
export type OrderRef = { outTradeNo: string } | { prepayId: string };

/** WeChat Pay refunds one payment at most 50 times (partial refunds), and only within a year of payment. */
export const MAX_REFUNDS_PER_PAYMENT = 50;
export const REFUNDABLE_FOR_MS = 365 * 24 * 60 * 60 * 1000;

export type RefundStatusNow = 'PROCESSING' | 'SUCCESS';

export interface RefundRequest {
  outTradeNo?: string;
  transactionId?: string;
  outRefundNo: string;
  refundFen: number;
  totalFen: number;
  reason?: string;
}

function chinaCompact(epochMs: number): string {
  return new Date(epochMs + 8 * 3600 * 1000).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

function digits(count: number): string {
  let text = '';
  for (let i = 0; i < count; i += 1) text += String(randomInt(10));
  return text;
}

export function isPaid(transaction: SandboxTransaction): boolean {
  return transaction.state === 'SUCCESS' || transaction.state === 'REFUND';
}

export class PaySandboxLedger {
  constructor(
    private readonly store: TransactionStore,
    private readonly clock: Clock,
    /** How long a refund reports PROCESSING before SUCCESS; 0 settles at once. */
    private readonly refundSettleMs: number,
  ) {}

  private now(): number {
    return this.clock().getTime();
  }

  /** Looks like WeChat's: "wx", the China time to the second, then 20 hex digits. */
  private newPrepayId(): string {
    return `wx${chinaCompact(this.now())}${randomBytes(10).toString('hex')}`;
  }

  find(ref: OrderRef): SandboxTransaction | undefined {
    return 'outTradeNo' in ref ? this.store.get(ref.outTradeNo) : this.store.findByPrepayId(ref.prepayId);
  }

  findByTransactionId(transactionId: string): SandboxTransaction | undefined {
    return this.store.findByTransactionId(transactionId);
  }

  /**
   * The same order asked again (the buyer tapped pay twice, or the function retried) gets its prepay_id back,
   * renewed once the old one has lapsed; different parameters under the same number are refused.
   */
  prepay(order: NewOrder): LedgerResult<SandboxTransaction> {
    const existing = this.store.get(order.outTradeNo);
    const now = this.now();
    if (existing) {
      if (isPaid(existing)) return fail('ORDER_PAID');
      if (existing.state === 'CLOSED') return fail('ORDER_CLOSED');
      const same =
        existing.channel === order.channel &&
        existing.totalFen === order.totalFen &&
        existing.payerOpenid === order.payerOpenid &&
        existing.description === order.description &&
        existing.appid === order.appid;
      if (!same) return fail('OUT_TRADE_NO_USED');
      if (now - existing.prepayIssuedAt < PREPAY_ID_LIFETIME_MS) return ok(existing);
      const renewed: SandboxTransaction = { ...existing, prepayId: this.newPrepayId(), prepayIssuedAt: now };
      this.store.putTransaction(renewed);
      return ok(renewed);
    }
    const transaction: SandboxTransaction = {
      ...order,
      prepayId: this.newPrepayId(),
      prepayIssuedAt: now,
      createdAt: now,
      state: 'NOTPAY',
      refundedFen: 0,
    };
    this.store.putTransaction(transaction);
    return ok(transaction);
  }

  /** The buyer confirms on the payment sheet. `openid`, when given, must be the payer the order was made for. */
  pay(ref: OrderRef, openid?: string): LedgerResult<SandboxTransaction> {
    const transaction = this.find(ref);
    if (!transaction) return fail('ORDER_NOT_EXIST');
    if (isPaid(transaction)) return fail('ORDER_PAID');
    if (transaction.state === 'CLOSED') return fail('ORDER_CLOSED');
    const now = this.now();
    if (transaction.expiresAt !== undefined && now > transaction.expiresAt) return fail('ORDER_EXPIRED');
    if ('prepayId' in ref && now - transaction.prepayIssuedAt >= PREPAY_ID_LIFETIME_MS)
      return fail('PREPAY_EXPIRED');
    if (openid !== undefined && openid !== transaction.payerOpenid) return fail('PAYER_MISMATCH');
    const paid: SandboxTransaction = {
      ...transaction,
      state: 'SUCCESS',
      // 28 digits starting 4200, the shape of WeChat Pay transaction ids.
      transactionId: `4200${digits(6)}${chinaCompact(now).slice(0, 8)}${digits(10)}`,
      paidAt: now,
    };
    this.store.putTransaction(paid);
    return ok(paid);
  }

  /** The payment failed at the bank: PAYERROR, and the buyer may still try again. */
  fail(ref: OrderRef): LedgerResult<SandboxTransaction> {
    const transaction = this.find(ref);
    if (!transaction) return fail('ORDER_NOT_EXIST');
    if (isPaid(transaction)) return fail('ORDER_PAID');
    if (transaction.state === 'CLOSED') return fail('ORDER_CLOSED');
    const failed: SandboxTransaction = { ...transaction, state: 'PAYERROR' };
    this.store.putTransaction(failed);
    return ok(failed);
  }

  /** Closing twice is fine; closing a paid order is not, and is how the caller learns the buyer paid first. */
  close(outTradeNo: string): LedgerResult<SandboxTransaction> {
    const transaction = this.store.get(outTradeNo);
    if (!transaction) return fail('ORDER_NOT_EXIST');
    if (isPaid(transaction)) return fail('ORDER_PAID');
    if (transaction.state === 'CLOSED') return ok(transaction);
    const closed: SandboxTransaction = { ...transaction, state: 'CLOSED', closedAt: this.now() };
    this.store.putTransaction(closed);
    return ok(closed);
  }

  /** The same out_refund_no with the same amount answers the refund already made, so a retry is safe. */
  refund(request: RefundRequest): LedgerResult<{ refund: SandboxRefund; transaction: SandboxTransaction }> {
    const transaction =
      request.outTradeNo !== undefined
        ? this.store.get(request.outTradeNo)
        : request.transactionId !== undefined
          ? this.store.findByTransactionId(request.transactionId)
          : undefined;
    if (!transaction) return fail('ORDER_NOT_EXIST');
    const existing = this.store.getRefund(request.outRefundNo);
    if (existing) {
      const same = existing.outTradeNo === transaction.outTradeNo && existing.refundFen === request.refundFen;
      return same ? ok({ refund: existing, transaction }) : fail('OUT_REFUND_NO_USED');
    }
    if (!isPaid(transaction) || transaction.transactionId === undefined) return fail('NOT_PAID');
    if (request.totalFen !== transaction.totalFen) return fail('AMOUNT_MISMATCH');
    if (request.refundFen < 1 || transaction.refundedFen + request.refundFen > transaction.totalFen) {
      return fail('REFUND_EXCEEDS');
    }
    const now = this.now();
    // WeChat Pay: at most 50 partial refunds of one payment, each with its own out_refund_no, and none for a
    // payment older than a year (docs/local-cloud.md cites the refund API's notes).
    if ((transaction.refundCount ?? 0) >= MAX_REFUNDS_PER_PAYMENT) return fail('REFUND_COUNT_EXCEEDED');
    if (transaction.paidAt !== undefined && now - transaction.paidAt > REFUNDABLE_FOR_MS)
      return fail('TRADE_OVERDUE');
    const refund: SandboxRefund = {
      outRefundNo: request.outRefundNo,
      refundId: `50${digits(10)}${chinaCompact(now).slice(0, 8)}${digits(10)}`,
      outTradeNo: transaction.outTradeNo,
      transactionId: transaction.transactionId,
      totalFen: transaction.totalFen,
      refundFen: request.refundFen,
      createdAt: now,
      settlesAt: now + this.refundSettleMs,
    };
    if (request.reason !== undefined) refund.reason = request.reason;
    const refunded: SandboxTransaction = {
      ...transaction,
      state: 'REFUND',
      refundedFen: transaction.refundedFen + request.refundFen,
      refundCount: (transaction.refundCount ?? 0) + 1,
    };
    this.store.putRefund(refund);
    this.store.putTransaction(refunded);
    return ok({ refund, transaction: refunded });
  }

  findRefund(outRefundNo: string): LedgerResult<SandboxRefund> {
    const refund = this.store.getRefund(outRefundNo);
    return refund ? ok(refund) : fail('REFUND_NOT_EXIST');
  }

  refundStatus(refund: SandboxRefund): RefundStatusNow {
    return this.now() >= refund.settlesAt ? 'SUCCESS' : 'PROCESSING';
  }
}
