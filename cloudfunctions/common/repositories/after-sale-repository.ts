/**
 * After-sales requests (one document each) and the small marker each order line carries about them. Every
 * change is a compare-and-set: a request moves only from the state it was read in, and a line is claimed only
 * while no request is open on it and its request count is the one read.
 */
import type {
  AfterSaleLineMark,
  AfterSaleState,
  AfterSaleTimelineEntry,
  AfterSaleView,
} from '../../../types/after-sales';
import { OPEN_AFTER_SALE_STATES } from '../../../types/after-sales';
import type { Fen } from '../../../types/entities';
import { lineKey } from '../domain/after-sale-rules';
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, insertOrFind, updatedCount, type InsertOutcome } from './query-helpers';

/** The document: the view plus the buyer's OPENID and whether the returned goods' stock came back. */
export type StoredAfterSale = AfterSaleView & { openid: string; stockReturnedAt?: number };

const afterSales = () => db.collection(COLLECTIONS.afterSales);
const orders = () => db.collection(COLLECTIONS.orders);

export async function insertAfterSale(doc: StoredAfterSale): Promise<InsertOutcome<StoredAfterSale>> {
  return insertOrFind(afterSales(), doc);
}

export async function findAfterSale(id: string): Promise<StoredAfterSale | undefined> {
  return documentsOf<StoredAfterSale>(await afterSales().where({ _id: id }).limit(1).get())[0];
}

/** The buyer's requests, newest first (index openid_createdAt). */
export async function findBuyerAfterSales(
  openid: string,
  skip: number,
  limit: number,
): Promise<StoredAfterSale[]> {
  const answer = await afterSales()
    .where({ openid })
    .orderBy('createdAt', 'desc')
    .skip(skip)
    .limit(limit)
    .get();
  return documentsOf<StoredAfterSale>(answer);
}

/** How many of the buyer's requests are still open (index openid_createdAt: the buyer's requests only). */
export async function countOpenBuyerAfterSales(openid: string): Promise<number> {
  const answer = (await afterSales()
    .where({ openid, state: command.in([...OPEN_AFTER_SALE_STATES]) })
    .count()) as { total?: number };
  return answer.total ?? 0;
}

/** The merchant's queue, newest first; by state when given (indexes createdAt, state_createdAt). */
export async function findAfterSalesForMerchant(
  state: AfterSaleState | undefined,
  skip: number,
  limit: number,
): Promise<StoredAfterSale[]> {
  const query = state ? afterSales().where({ state }) : afterSales().where({});
  const answer = await query.orderBy('createdAt', 'desc').skip(skip).limit(limit).get();
  return documentsOf<StoredAfterSale>(answer);
}

/** Refunds decided or at WeChat Pay, least recently looked at first: the worker follows them (state_updatedAt). */
export async function findRefundsToFollow(before: number, limit: number): Promise<StoredAfterSale[]> {
  const answer = await afterSales()
    .where({
      state: 'REFUNDING',
      'refund.status': command.in(['PENDING', 'PROCESSING']),
      updatedAt: command.lt(before),
    })
    .orderBy('updatedAt', 'asc')
    .limit(limit)
    .get();
  return documentsOf<StoredAfterSale>(answer);
}

/** Moves a request from `from` with its fields and one timeline entry; false when another writer moved it. */
export async function moveAfterSale(
  id: string,
  from: AfterSaleState,
  fields: Record<string, unknown>,
  entry: AfterSaleTimelineEntry,
): Promise<boolean> {
  const answer = await afterSales()
    .where({ _id: id, state: from })
    .update({
      data: { ...fields, state: entry.state, updatedAt: entry.at, timeline: command.push([entry]) },
    });
  return updatedCount(answer) > 0;
}

/** Writes fields of a request only while it is in `state`. */
export async function updateAfterSaleInState(
  id: string,
  state: AfterSaleState,
  fields: Record<string, unknown>,
): Promise<boolean> {
  return updatedCount(await afterSales().where({ _id: id, state }).update({ data: fields })) > 0;
}

/** Marks the returned goods' stock as given back; true for the one caller that marked it. */
export async function claimStockReturn(id: string, at: number): Promise<boolean> {
  const answer = await afterSales()
    .where({ _id: id, stockReturnedAt: command.exists(false) })
    .update({ data: { stockReturnedAt: at } });
  return updatedCount(answer) > 0;
}

const markPath = (lineIndex: number, field: keyof AfterSaleLineMark) =>
  `afterSales.lines.${lineKey(lineIndex)}.${field}`;

/**
 * Opens request `id` on a line: only while the line has no open request and has had `seen.requests` requests,
 * so of many buyers' taps at once one opens it. `units` more units are held.
 */
export async function claimLine(
  orderId: string,
  lineIndex: number,
  seen: AfterSaleLineMark,
  id: string,
  units: number,
): Promise<boolean> {
  const requests = markPath(lineIndex, 'requests');
  const where =
    seen.requests === 0
      ? { _id: orderId, [requests]: command.exists(false) }
      : { _id: orderId, [requests]: seen.requests, [markPath(lineIndex, 'open')]: null };
  const data =
    seen.requests === 0
      ? {
          [markPath(lineIndex, 'open')]: id,
          [requests]: 1,
          [markPath(lineIndex, 'units')]: units,
          [markPath(lineIndex, 'refundedUnits')]: 0,
          [markPath(lineIndex, 'refundedFen')]: 0,
        }
      : {
          [markPath(lineIndex, 'open')]: id,
          [requests]: seen.requests + 1,
          [markPath(lineIndex, 'units')]: command.inc(units),
        };
  return updatedCount(await orders().where(where).update({ data })) > 0;
}

/** A rejected or withdrawn request lets its units go, once (only while it is the line's open request). */
export async function releaseLine(
  orderId: string,
  lineIndex: number,
  id: string,
  units: number,
): Promise<boolean> {
  const answer = await orders()
    .where({ _id: orderId, [markPath(lineIndex, 'open')]: id })
    .update({
      data: { [markPath(lineIndex, 'open')]: null, [markPath(lineIndex, 'units')]: command.inc(-units) },
    });
  return updatedCount(answer) > 0;
}

/** A refunded request's units and fen are counted on the line and the order, once. */
export async function settleLine(
  orderId: string,
  lineIndex: number,
  id: string,
  units: number,
  fen: Fen,
): Promise<boolean> {
  const answer = await orders()
    .where({ _id: orderId, [markPath(lineIndex, 'open')]: id })
    .update({
      data: {
        [markPath(lineIndex, 'open')]: null,
        [markPath(lineIndex, 'refundedUnits')]: command.inc(units),
        [markPath(lineIndex, 'refundedFen')]: command.inc(fen),
        'afterSales.refundedFen': command.inc(fen),
      },
    });
  return updatedCount(answer) > 0;
}

/** Records that the order's coupon went back to the buyer; true for the one caller that recorded it. */
export async function claimCouponReturn(orderId: string, at: number): Promise<boolean> {
  const answer = await orders()
    .where({ _id: orderId, 'afterSales.couponReturnedAt': command.exists(false) })
    .update({ data: { 'afterSales.couponReturnedAt': at } });
  return updatedCount(answer) > 0;
}
