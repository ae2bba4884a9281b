/**
 * Behaviour the dashboard's funnel counts (product views, cart adds), recorded by the shop function as one
 * atomic increment on the day's counter of the product: cheap, and nothing grows with the number of events.
 */
import type { EpochMs } from '../../../types/entities';
import { shopDayOf } from '../domain/shop-day';
import { countBehaviour, type BehaviourKind } from '../repositories/behaviour-repository';

/** A counter that fails to write must not fail what the buyer did: it is reported and dropped. */
export async function recordBehaviour(productId: string, kind: BehaviourKind, now: EpochMs): Promise<void> {
  try {
    await countBehaviour(shopDayOf(now), productId, kind);
  } catch (error) {
    console.error(`[behaviour] could not count ${kind} of ${productId}`, error);
  }
}
