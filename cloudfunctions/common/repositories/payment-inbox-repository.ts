/**
 * The payment inbox: every verified payment notice, keyed by WeChat Pay's transaction id so a notice
 * delivered many times is stored once. Items wait here until applied to their order; one that keeps failing
 * ends as DEAD for the merchant to look at.
 */
import type { PaymentTransaction } from '../payments/gateway';
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, insertUnlessExists, updatedCount } from './query-helpers';

export type InboxState = 'PENDING' | 'APPLIED' | 'REFUNDED' | 'DEAD';

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
  lastError?: string;
  doneAt?: number;
}

const inbox = () => db.collection(COLLECTIONS.paymentInbox);

/** Stores a notice; false when its transaction was stored before (a duplicate delivery: nothing to do). */
export async function recordInboxItem(item: InboxItem): Promise<boolean> {
  return (await insertUnlessExists(inbox(), { ...item })) === 'INSERTED';
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

export async function findDeadInboxItems(limit: number): Promise<InboxItem[]> {
  return documentsOf<InboxItem>(
    await inbox().where({ state: 'DEAD' }).orderBy('receivedAt', 'desc').limit(limit).get(),
  );
}

/** Puts a DEAD item back in the queue for the next worker run, with its attempts counted afresh. */
export async function reviveInboxItem(transactionId: string, now: number): Promise<boolean> {
  const answer = await inbox()
    .where({ _id: transactionId, state: 'DEAD' })
    .update({ data: { state: 'PENDING', attempts: 0, nextAttemptAt: now } });
  return updatedCount(answer) > 0;
}

/** Closes a pending item; false when another worker closed it first. */
export async function finishInboxItem(
  transactionId: string,
  state: 'APPLIED' | 'REFUNDED',
  now: number,
): Promise<boolean> {
  const answer = await inbox()
    .where({ _id: transactionId, state: 'PENDING' })
    .update({ data: { state, doneAt: now } });
  return updatedCount(answer) > 0;
}

export async function postponeInboxItem(
  transactionId: string,
  attempts: number,
  fields: { nextAttemptAt: number; lastError: string; state: 'PENDING' | 'DEAD' },
): Promise<void> {
  await inbox()
    .where({ _id: transactionId, state: 'PENDING', attempts })
    .update({ data: { ...fields, attempts: attempts + 1 } });
}
