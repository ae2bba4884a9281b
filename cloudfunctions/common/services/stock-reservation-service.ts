/**
 * Reserving stock for an order and giving it back, as steps that survive a function dying between any two
 * of them (docs/orders.md). Taking stock is a conditional decrement of each SKU that leaves a pending mark;
 * the reservation document is written next, then the marks go. Giving back claims the reservation
 * (HELD → RELEASING), returns each SKU's stock under a mark that makes the return happen once, records
 * RELEASED and drops the marks. The worker finishes whatever a dead writer left half way.
 *
 * Only the holder of a claim may run the release's steps: a caller that gives the stock back after the
 * holder dropped its marks gives it back a second time. A claim whose holder is gone (its check time passed)
 * is taken over first (`finishStaleRelease`), by one caller however many find it stale.
 */
import { REPAIR_GRACE_MS } from '../domain/repair-timing';
import { stockReturned } from './restock-service';
import { stockGivenBack, stockTaken } from './sold-out-service';
import {
  dropMarks,
  giveBackStock,
  reserveMark,
  takeStock,
  undoMark,
  undoTake,
} from '../repositories/stock-repository';
import {
  findReservation,
  insertReservation,
  moveReservation,
  reservationIdFor,
  takeOverRelease,
  type ReservedLine,
  type StockReservation,
} from '../repositories/stock-reservation-repository';

export interface ReservationRequest {
  attempt: string;
  orderId: string;
  openid: string;
  lines: readonly ReservedLine[];
  now: number;
}

/** Takes the stock of every line or none of it; answers the reservation, or undefined when out of stock. */
export async function reserveStock(request: ReservationRequest): Promise<StockReservation | undefined> {
  const id = reservationIdFor(request.attempt);
  const taken = await Promise.all(
    request.lines.map((line) => takeStock(line.skuId, line.quantity, id, request.now)),
  );
  const undoTaken = () =>
    Promise.all(request.lines.map((line, i) => (taken[i] ? undoTake(line.skuId, id, line.quantity) : false)));
  if (taken.includes(false)) {
    await undoTaken();
    // An undone take gives stock back: a recheck that read a SKU at 0 meanwhile must not stand.
    const undone = request.lines.filter((_, i) => taken[i]).map((line) => line.skuId);
    if (undone.length > 0) await stockGivenBack(undone);
    return undefined;
  }
  const reservation: StockReservation = {
    _id: id,
    attempt: request.attempt,
    orderId: request.orderId,
    openid: request.openid,
    lines: request.lines.map(({ skuId, quantity }) => ({ skuId, quantity })),
    state: 'HELD',
    at: request.now,
    checkAt: request.now + REPAIR_GRACE_MS,
  };
  try {
    await insertReservation(reservation);
  } catch (error) {
    // The write may have landed before the error: read it back. Without a record the takes are undone
    // (conditional on their marks); with one, the marks stay and the worker settles it by its order.
    const recorded = await findReservation(id).catch(() => reservation);
    if (!recorded) await undoTaken().catch(() => undefined);
    throw error;
  }
  // The record exists; the marks go once 已售罄 was rechecked too. A writer that dies before, or a recheck
  // that fails, leaves them: the worker finds them old and rechecks the products (order-upkeep).
  if (await stockTaken(reservation.lines.map((line) => line.skuId)))
    await Promise.all(reservation.lines.map((line) => dropMarks(line.skuId, [reserveMark(id)]))).catch(
      (error: unknown) => console.error('dropping stock marks failed', error),
    );
  return reservation;
}

/** Returns the stock of a RELEASING reservation; every step may run again without returning twice. */
export async function finishRelease(reservation: StockReservation, now: number): Promise<void> {
  const id = reservation._id;
  await Promise.all(reservation.lines.map((line) => giveBackStock(line.skuId, line.quantity, id, now)));
  await moveReservation(id, 'RELEASING', 'RELEASED', { at: now });
  // 已售罄 is rechecked and 到货提醒 of these SKUs are due: both may run again, so a repeated finish changes
  // nothing. The marks go after the recheck: until then they tell the worker it is owed.
  const skuIds = reservation.lines.map((line) => line.skuId);
  const [flagged] = await Promise.all([stockGivenBack(skuIds), stockReturned(skuIds, now)]);
  if (flagged) await Promise.all(reservation.lines.map((line) => dropMarks(line.skuId, [undoMark(id)])));
}

/** Gives back a HELD reservation's stock, once: false when it was not HELD (already released or settled). */
export async function releaseReservation(reservation: StockReservation, now: number): Promise<boolean> {
  const claimed = await moveReservation(reservation._id, 'HELD', 'RELEASING', {
    at: now,
    checkAt: now + REPAIR_GRACE_MS,
  });
  if (claimed) await finishRelease(reservation, now);
  return claimed;
}

/**
 * Finishes a release whose claimer is gone (RELEASING past its check time), after taking the claim over: of
 * the callers that read the same stale claim (the worker, a late confirmation) only one finishes it. False,
 * with nothing done, when the claim is live or another caller took it over.
 */
export async function finishStaleRelease(reservation: StockReservation, now: number): Promise<boolean> {
  if (reservation.state !== 'RELEASING' || now < reservation.checkAt) return false;
  const taken = await takeOverRelease(reservation._id, reservation.checkAt, {
    at: now,
    checkAt: now + REPAIR_GRACE_MS,
  });
  if (taken) await finishRelease(reservation, now);
  return taken;
}

/** The order was paid: the stock stays sold and the reservation is done with. */
export async function settleReservation(reservationId: string, now: number): Promise<boolean> {
  return moveReservation(reservationId, 'HELD', 'SETTLED', { at: now });
}

/**
 * A paid order's stock comes back (refunded before shipping, or its goods came back after): the reservation
 * is claimed from SETTLED (or from HELD, if the payment's settle has not run yet) to RELEASING, then
 * released as any other. Claiming is compare-and-set and only the claimer releases, so however often this runs
 * the stock comes back once; a claim whose release was cut short is taken over and finished after its checkAt,
 * here or by the worker.
 */
export async function returnPaidStock(reservationId: string, now: number): Promise<boolean> {
  const fields = { at: now, checkAt: now + REPAIR_GRACE_MS };
  const claimed =
    (await moveReservation(reservationId, 'SETTLED', 'RELEASING', fields)) ||
    (await moveReservation(reservationId, 'HELD', 'RELEASING', fields));
  const reservation = await findReservation(reservationId);
  if (!reservation) {
    console.error(`[stock] reservation ${reservationId} of a refunded order does not exist`);
    return false;
  }
  // Only the claimer finishes a live release: another caller finishing it too could give the stock back after
  // the claimer dropped its marks, i.e. twice. A release cut short is finished once its check time has passed,
  // when its claimer is gone, by whichever caller takes the claim over.
  if (reservation.state === 'RELEASING') {
    if (claimed) await finishRelease(reservation, now);
    else await finishStaleRelease(reservation, now);
  }
  return claimed;
}
