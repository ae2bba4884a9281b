/**
 * 到货提醒 subscriptions, one document per (buyer, SKU): WAITING until the SKU is back in stock, DUE once the
 * merchant raised its stock (marked with one indexed update), NOTIFIED when the worker claimed it and sent its
 * message. Every move is a conditional write on the state, so a subscription is told once per round; subscribing
 * again after being told starts the next round.
 */
import { createHash } from 'node:crypto';
import type { EpochMs } from '../../../types/entities';
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, insertUnlessExists, updatedCount } from './query-helpers';

export type RestockState = 'WAITING' | 'DUE' | 'NOTIFIED';

export interface RestockSubscriptionDoc {
  _id: string;
  openid: string;
  productId: string;
  skuId: string;
  state: RestockState;
  /** Subscriptions of this document so far: the message claim is per round. */
  round: number;
  subscribedAt: EpochMs;
  /** When the SKU came back in stock (DUE), the worker's order of work. */
  dueAt?: EpochMs;
  notifiedAt?: EpochMs;
  outcome?: 'SENT' | 'FAILED';
  detail?: string;
}

const subscriptions = () => db.collection(COLLECTIONS.restockSubscriptions);

export function restockSubscriptionId(openid: string, skuId: string): string {
  return `rs${createHash('sha256').update(`${openid}\u0000${skuId}`).digest('hex').slice(0, 30)}`;
}

/**
 * Records the buyer's wish to be told about the SKU: a new document, or the next round of one already told.
 * A subscription still waiting (or due) is left as it is, so parallel taps make one subscription.
 */
export async function subscribeRestock(
  openid: string,
  productId: string,
  skuId: string,
  now: EpochMs,
): Promise<string> {
  const _id = restockSubscriptionId(openid, skuId);
  const doc: RestockSubscriptionDoc = {
    _id,
    openid,
    productId,
    skuId,
    state: 'WAITING',
    round: 1,
    subscribedAt: now,
  };
  if ((await insertUnlessExists(subscriptions(), { ...doc })) === 'EXISTS') {
    await subscriptions()
      .where({ _id, state: 'NOTIFIED' })
      .update({ data: { state: 'WAITING', round: command.inc(1), subscribedAt: now } });
  }
  return _id;
}

/** The SKU is back in stock: every waiting subscription of it becomes due (index skuId_state). */
export async function markRestockDue(skuId: string, now: EpochMs): Promise<number> {
  const answer = await subscriptions()
    .where({ skuId, state: 'WAITING' })
    .update({ data: { state: 'DUE', dueAt: now } });
  return updatedCount(answer);
}

/** One subscription made due (the buyer subscribed while the SKU was being restocked). */
export async function markOneDue(id: string, now: EpochMs): Promise<void> {
  await subscriptions()
    .where({ _id: id, state: 'WAITING' })
    .update({ data: { state: 'DUE', dueAt: now } });
}

/** The oldest due subscriptions (index state_dueAt): a bounded batch per worker run. */
export async function findDueRestocks(limit: number): Promise<RestockSubscriptionDoc[]> {
  const answer = await subscriptions()
    .where({ state: 'DUE' })
    .orderBy('dueAt', 'asc')
    .orderBy('_id', 'asc')
    .limit(limit)
    .get();
  return documentsOf<RestockSubscriptionDoc>(answer);
}

/** True for the one caller that may send this subscription's message. */
export async function claimRestockNotice(id: string, now: EpochMs): Promise<boolean> {
  const answer = await subscriptions()
    .where({ _id: id, state: 'DUE' })
    .update({ data: { state: 'NOTIFIED', notifiedAt: now } });
  return updatedCount(answer) > 0;
}

/** Sold out again (or taken off sale) before its message went: back to waiting for the next restock. */
export async function backToWaiting(id: string): Promise<void> {
  await subscriptions()
    .where({ _id: id, state: 'DUE' })
    .update({ data: { state: 'WAITING', dueAt: command.remove() } });
}

export async function recordRestockOutcome(
  id: string,
  outcome: 'SENT' | 'FAILED',
  detail?: string,
): Promise<void> {
  await subscriptions()
    .doc(id)
    .update({ data: { outcome, ...(detail ? { detail } : {}) } });
}
