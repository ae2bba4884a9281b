/**
 * Stock reservations: what one order-creation attempt took from which SKUs, as a document of its own (one
 * per attempt, `_id` derived from the attempt, so no step can record it twice). A reservation is HELD while
 * its order is unpaid, SETTLED once paid (the stock stays sold), RELEASING then RELEASED when the stock goes
 * back. `checkAt` is when the worker next looks at it: soon after creation (to catch an attempt that died),
 * then after its order's expiry, so the worker's work does not grow with the number of unpaid orders.
 */
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, updatedCount } from './query-helpers';

export type ReservationState = 'HELD' | 'SETTLED' | 'RELEASING' | 'RELEASED';

export interface ReservedLine {
  skuId: string;
  quantity: number;
}

export interface StockReservation {
  _id: string;
  attempt: string;
  orderId: string;
  openid: string;
  lines: ReservedLine[];
  state: ReservationState;
  at: number;
  checkAt: number;
}

const reservations = () => db.collection(COLLECTIONS.stockReservations);

export function reservationIdFor(attempt: string): string {
  return `rs${attempt}`;
}

export async function insertReservation(reservation: StockReservation): Promise<void> {
  const { _id, ...fields } = reservation;
  await reservations().add({ data: { _id, ...fields } });
}

export async function findReservation(reservationId: string): Promise<StockReservation | undefined> {
  const answer = await reservations().where({ _id: reservationId }).limit(1).get();
  return documentsOf<StockReservation>(answer)[0];
}

/** Moves a reservation from one state to another only if it is still in `from`; false when it was not. */
export async function moveReservation(
  reservationId: string,
  from: ReservationState,
  to: ReservationState,
  fields: Partial<Pick<StockReservation, 'at' | 'checkAt'>> = {},
): Promise<boolean> {
  const answer = await reservations()
    .where({ _id: reservationId, state: from })
    .update({ data: { state: to, ...fields } });
  return updatedCount(answer) > 0;
}

/**
 * Takes over a RELEASING reservation whose claimer is gone: compare-and-set on the check time the caller read,
 * so of the callers that found the same stale claim exactly one gets it; the new check time gives the taker
 * the grace the claimer had. False when another caller took it first or it is no longer RELEASING.
 */
export async function takeOverRelease(
  reservationId: string,
  staleCheckAt: number,
  fields: Pick<StockReservation, 'at' | 'checkAt'>,
): Promise<boolean> {
  const answer = await reservations()
    .where({ _id: reservationId, state: 'RELEASING', checkAt: staleCheckAt })
    .update({ data: fields });
  return updatedCount(answer) > 0;
}

export async function postponeCheck(reservationId: string, checkAt: number): Promise<void> {
  await reservations().where({ _id: reservationId, state: 'HELD' }).update({ data: { checkAt } });
}

/** Reservations still HELD or RELEASING whose check is due: the worker's repair list. */
export async function findDueReservations(now: number, limit: number): Promise<StockReservation[]> {
  const answer = await reservations()
    .where({ state: command.in(['HELD', 'RELEASING']), checkAt: command.lt(now) })
    .orderBy('checkAt', 'asc')
    .limit(limit)
    .get();
  return documentsOf<StockReservation>(answer);
}

export async function findReservationsByIds(ids: readonly string[]): Promise<StockReservation[]> {
  if (ids.length === 0) return [];
  const answer = await reservations()
    .where({ _id: command.in([...ids]) })
    .limit(ids.length)
    .get();
  return documentsOf<StockReservation>(answer);
}
