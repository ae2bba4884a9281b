/**
 * One document per (order, event) message: claimed before anything is sent, so an event handled twice (a
 * retried worker run, two merchants tapping at once) sends at most one message.
 */
import type { EpochMs } from '../../../types/entities';
import type { MessageEvent } from '../../../types/messages';
import { db } from '../cloud';
import { COLLECTIONS } from './collections';
import { insertUnlessExists } from './query-helpers';

export type SentMessageOutcome = 'SENT' | 'NOT_SUBSCRIBED' | 'FAILED';

const sent = () => db.collection(COLLECTIONS.sentMessages);

/** `occasion` tells apart two messages of one event on one order (a second refund request). */
export function sentMessageId(orderId: string, event: MessageEvent, occasion = ''): string {
  return `${orderId}-${event}${occasion ? `-${occasion}` : ''}`;
}

/** True for the one caller that may send this message. */
export async function claimMessage(
  id: string,
  orderId: string,
  event: MessageEvent,
  openid: string,
  now: EpochMs,
): Promise<boolean> {
  const doc = { _id: id, orderId, event, openid, claimedAt: now };
  return (await insertUnlessExists(sent(), doc)) === 'INSERTED';
}

export async function recordOutcome(id: string, outcome: SentMessageOutcome, detail?: string): Promise<void> {
  await sent()
    .doc(id)
    .update({ data: { outcome, ...(detail ? { detail } : {}) } });
}
