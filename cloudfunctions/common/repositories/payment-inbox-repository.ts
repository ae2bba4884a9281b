/**
 * The payment inbox: every verified payment notice, keyed by WeChat Pay's transaction id so a notice
 * delivered many times is stored once. Items wait here until applied to their order; one that keeps failing
 * ends as DEAD, and a genuine one that cannot be applied (no such order, another amount or payer) stays as an
 * ANOMALY until the merchant settles it.
 */
import type { PaymentAnomalyCode } from '../../../types/merchant-payments';
import type { PaymentTransaction } from '../payments/gateway';
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, insertOrFind, updatedCount } from './query-helpers';

/**
 * PENDING: waiting to be applied. APPLIED: the order is paid by it. REFUNDED: it arrived for an order closed,
 * cancelled or paid by another transaction, and went back. ANOMALY: genuine but names no order of ours, or
 * another amount or payer. SETTLED: an anomaly the merchant refunded or marked handled. DEAD: failed too often.
 */
export type InboxState = 'PENDING' | 'APPLIED' | 'REFUNDED' | 'ANOMALY' | 'SETTLED' | 'DEAD';

export interface InboxItem {
  /** WeChat Pay's transaction_id. */
  _id: string;
  outTradeNo: string;
  /** Where it came from: the v3 notify URL, the cloudPay callback, or an active query. */
  source: 'notify' | 'callback' | 'query';
  transaction: PaymentTransaction;
  state: InboxState;
  receivedAt: number;
  attempts: number;
  nextAttemptAt: number;
  /** While an apply runs: no other apply starts before this time (a dead one's lease runs out). */
  leaseUntil?: number;
  lastError?: string;
  doneAt?: number;
  /** The refund of a late or second payment: its number and WeChat Pay's answer (followed while PROCESSING). */
  refund?: { outRefundNo: string; status: string };
  anomaly?: { code: PaymentAnomalyCode; detail: string; at: number };
  settlement?: {
    how: 'REFUNDED' | 'HANDLED';
    at: number;
    by: string;
    note: string;
    outRefundNo?: string;
    refundStatus?: string;
  };
  /**
   * While WeChat Pay is still processing the refund of this payment (`refund` or `settlement`): when the worker
   * asks about it next. Removed once the refund settles, so the worker's query only ever sees refunds in flight.
   */
  refundFollowAt?: number;
  /** How often the worker has asked about that refund: the wait before the next question grows with it. */
  refundChecks?: number;
}

const inbox = () => db.collection(COLLECTIONS.paymentInbox);

export type RecordOutcome = { stored: 'NEW' } | { stored: 'DUPLICATE'; item: InboxItem };

/**
 * Stores a notice. A transaction stored before (a redelivery, or the notice and a query racing) is answered
 * as DUPLICATE with the item as it stands, read back: nothing of it is overwritten.
 */
export async function recordInboxItem(item: InboxItem): Promise<RecordOutcome> {
  const outcome = await insertOrFind(inbox(), item);
  return outcome.inserted ? { stored: 'NEW' } : { stored: 'DUPLICATE', item: outcome.existing };
}

export async function findInboxItem(transactionId: string): Promise<InboxItem | undefined> {
  return documentsOf<InboxItem>(await inbox().where({ _id: transactionId }).limit(1).get())[0];
}

export async function findDueInboxItems(now: number, limit: number): Promise<InboxItem[]> {
  const answer = await inbox()
    .where({ state: 'PENDING', nextAttemptAt: command.lte(now) })
    .orderBy('nextAttemptAt', 'asc')
    .limit(limit)
    .get();
  return documentsOf<InboxItem>(answer);
}

/** The notices of one order still waiting to be applied (a handful at most: one per transaction). */
export async function findPendingItemsOfOrder(outTradeNo: string): Promise<InboxItem[]> {
  return documentsOf<InboxItem>(await inbox().where({ outTradeNo, state: 'PENDING' }).limit(10).get());
}

export async function findDeadInboxItems(limit: number): Promise<InboxItem[]> {
  return documentsOf<InboxItem>(
    await inbox().where({ state: 'DEAD' }).orderBy('receivedAt', 'desc').limit(limit).get(),
  );
}

export async function findAnomalies(state: 'ANOMALY' | 'SETTLED', limit: number): Promise<InboxItem[]> {
  return documentsOf<InboxItem>(
    await inbox().where({ state }).orderBy('receivedAt', 'desc').limit(limit).get(),
  );
}

/**
 * Takes a PENDING item for one apply until `until`; false when another apply holds it. Only the holder
 * refunds and writes notes, so a notice applied by the worker and the buyer's sync at once acts once.
 */
export async function leaseInboxItem(transactionId: string, now: number, until: number): Promise<boolean> {
  const answer = await inbox()
    .where(
      command.and([
        { _id: transactionId, state: 'PENDING' },
        command.or([{ leaseUntil: command.exists(false) }, { leaseUntil: command.lte(now) }]),
      ]),
    )
    .update({ data: { leaseUntil: until } });
  return updatedCount(answer) > 0;
}

/** Puts a DEAD item back in the queue for the next worker run, with its attempts counted afresh. */
export async function reviveInboxItem(transactionId: string, now: number): Promise<boolean> {
  const answer = await inbox()
    .where({ _id: transactionId, state: 'DEAD' })
    .update({ data: { state: 'PENDING', attempts: 0, nextAttemptAt: now, leaseUntil: 0 } });
  return updatedCount(answer) > 0;
}

/** Closes a pending item; false when another apply closed it first. */
export async function finishInboxItem(
  transactionId: string,
  state: 'APPLIED' | 'REFUNDED',
  now: number,
  fields: Pick<InboxItem, 'refund' | 'refundFollowAt'> = {},
): Promise<boolean> {
  const answer = await inbox()
    .where({ _id: transactionId, state: 'PENDING' })
    .update({ data: { ...fields, state, doneAt: now, leaseUntil: 0 } });
  return updatedCount(answer) > 0;
}

/** A genuine notice that cannot be applied: kept for the merchant, never retried. */
export async function markInboxAnomaly(
  transactionId: string,
  anomaly: NonNullable<InboxItem['anomaly']>,
): Promise<boolean> {
  const answer = await inbox()
    .where({ _id: transactionId, state: 'PENDING' })
    .update({ data: { state: 'ANOMALY', anomaly, leaseUntil: 0 } });
  return updatedCount(answer) > 0;
}

/** ANOMALY → SETTLED once; false when it was settled meanwhile (or is no anomaly). */
export async function settleInboxAnomaly(
  transactionId: string,
  settlement: NonNullable<InboxItem['settlement']>,
  fields: Pick<InboxItem, 'refundFollowAt'> = {},
): Promise<boolean> {
  const answer = await inbox()
    .where({ _id: transactionId, state: 'ANOMALY' })
    .update({ data: { ...fields, state: 'SETTLED', settlement } });
  return updatedCount(answer) > 0;
}

/** Refunds of inbox items WeChat Pay was still processing, due to be asked about again, longest waiting first. */
export async function findRefundsToFollow(now: number, limit: number): Promise<InboxItem[]> {
  const answer = await inbox()
    .where({ refundFollowAt: command.lte(now) })
    .orderBy('refundFollowAt', 'asc')
    .limit(limit)
    .get();
  return documentsOf<InboxItem>(answer);
}

/**
 * Records how the refund of an item settled and stops following it, only while its `refundFollowAt` is the
 * one read: of two workers asking at once, one writes.
 */
export async function recordFollowedRefund(
  item: Pick<InboxItem, '_id' | 'state' | 'refundFollowAt'>,
  status: string,
): Promise<boolean> {
  const field = item.state === 'SETTLED' ? 'settlement.refundStatus' : 'refund.status';
  const answer = await inbox()
    .where({ _id: item._id, refundFollowAt: item.refundFollowAt })
    .update({ data: { [field]: status, refundFollowAt: command.remove() } });
  return updatedCount(answer) > 0;
}

/** The refund is still processing: ask again at `nextAt` (only if no one moved it since it was read). */
export async function postponeFollowedRefund(
  item: Pick<InboxItem, '_id' | 'refundFollowAt'>,
  nextAt: number,
  checks: number,
): Promise<boolean> {
  const answer = await inbox()
    .where({ _id: item._id, refundFollowAt: item.refundFollowAt })
    .update({ data: { refundFollowAt: nextAt, refundChecks: checks } });
  return updatedCount(answer) > 0;
}

export async function postponeInboxItem(
  transactionId: string,
  attempts: number,
  fields: { nextAttemptAt: number; lastError: string; state: 'PENDING' | 'DEAD' },
): Promise<void> {
  await inbox()
    .where({ _id: transactionId, state: 'PENDING', attempts })
    .update({ data: { ...fields, attempts: attempts + 1, leaseUntil: 0 } });
}
