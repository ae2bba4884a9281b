/**
 * The badges of 我的订单: count queries on the buyer's orders in one state (the openid_state_createdAt index),
 * so the cost depends on the buyer's open orders, never on their history.
 */
import type { OrderState } from '../../../types/order-states';
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';

/** Orders of the buyer in `state`; `unreviewed` keeps those with an item still to review. */
export async function countBuyerOrdersIn(
  openid: string,
  state: OrderState,
  unreviewed = false,
): Promise<number> {
  const where = unreviewed ? { openid, state, reviewedAt: command.exists(false) } : { openid, state };
  const answer = (await db.collection(COLLECTIONS.orders).where(where).count()) as { total?: number };
  return answer.total ?? 0;
}
