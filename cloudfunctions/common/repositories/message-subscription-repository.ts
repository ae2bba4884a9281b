/**
 * The buyer's one-time subscriptions, one document per (buyer, event) holding how many messages of that event
 * they have accepted and not yet received: WeChat grants one message per acceptance, so the count is what may
 * be sent. Increments and the conditional decrement are atomic, so parallel calls never overspend.
 */
import { createHash } from 'node:crypto';
import type { EpochMs } from '../../../types/entities';
import type { OrderMessageEvent } from '../../../types/messages';
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { insertUnlessExists, updatedCount } from './query-helpers';

export interface MessageSubscriptionDoc {
  _id: string;
  openid: string;
  event: OrderMessageEvent;
  /** Accepted and not yet used. */
  remaining: number;
  updatedAt: EpochMs;
}

const subscriptions = () => db.collection(COLLECTIONS.messageSubscriptions);

export function subscriptionId(openid: string, event: OrderMessageEvent): string {
  return `ms${createHash('sha256').update(`${openid}\u0000${event}`).digest('hex').slice(0, 30)}`;
}

async function increment(id: string, now: EpochMs): Promise<boolean> {
  const answer = await subscriptions()
    .where({ _id: id })
    .update({ data: { remaining: command.inc(1), updatedAt: now } });
  return updatedCount(answer) > 0;
}

/** One more message of `event` may be sent to the buyer. */
export async function addAcceptance(openid: string, event: OrderMessageEvent, now: EpochMs): Promise<void> {
  const id = subscriptionId(openid, event);
  if (await increment(id, now)) return;
  const doc = { _id: id, openid, event, remaining: 1, updatedAt: now };
  // Another call created it in between: count this acceptance on top of theirs.
  if ((await insertUnlessExists(subscriptions(), doc)) === 'EXISTS') await increment(id, now);
}

/** Uses one acceptance; false when the buyer has none left (nothing may be sent). */
export async function spendAcceptance(
  openid: string,
  event: OrderMessageEvent,
  now: EpochMs,
): Promise<boolean> {
  const answer = await subscriptions()
    .where({ _id: subscriptionId(openid, event), remaining: command.gt(0) })
    .update({ data: { remaining: command.inc(-1), updatedAt: now } });
  return updatedCount(answer) > 0;
}
