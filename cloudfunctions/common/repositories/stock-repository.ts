/**
 * Stock of SKUs. A reservation is one conditional write per SKU: decrement only while enough is left, so
 * stock never goes below zero however many buyers race. The SKU stays constant in size: what an order
 * reserved is recorded in its own document (stock-reservation-repository), and the SKU carries only short
 * lived *pending marks* — one per write in flight — that prove whether a decrement or an increment was
 * applied when the writer dies before recording it. A mark is removed as soon as the record is written, so
 * the marks on a SKU are bounded by the writes in flight (plus those of writers that died, until the worker
 * repairs them), never by the number of orders.
 */
import type { Sku } from '../../../types/entities';
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, updatedCount } from './query-helpers';

/**
 * A write in flight on a SKU: `r:<reservation>` took stock, `u:<reservation>` gave it back; `a:<id>` is the
 * merchant's stock adjustment, `g:<after-sale>` returned goods and `e:<save>` a product save (its on-sale flags
 * or a new SKU's stock). Every mark also stands for the product's 已售罄 recheck (sold-out-service): it is
 * dropped only after the recheck, so a writer that died before it leaves the mark for the worker.
 */
export interface PendingMark {
  op: string;
  quantity: number;
  at: number;
}

const skus = () => db.collection(COLLECTIONS.skus);

export const reserveMark = (reservationId: string) => `r:${reservationId}`;
export const undoMark = (reservationId: string) => `u:${reservationId}`;
export const adjustmentMark = (adjustmentId: string) => `a:${adjustmentId}`;
export const returnedGoodsMark = (afterSaleId: string) => `g:${afterSaleId}`;
export const saveMark = (saveId: string) => `e:${saveId}`;

/** The reservation a take or give-back mark belongs to; undefined for the other marks. */
export function reservationOfMark(op: string): string | undefined {
  return op.startsWith('r:') || op.startsWith('u:') ? op.slice(2) : undefined;
}

/** Takes `quantity` if that much is left, leaving the mark `r:<reservation>`; false when out of stock. */
export async function takeStock(
  skuId: string,
  quantity: number,
  reservationId: string,
  at: number,
): Promise<boolean> {
  const mark: PendingMark = { op: reserveMark(reservationId), quantity, at };
  const answer = await skus()
    .where({ _id: skuId, onSale: true, stock: command.gte(quantity) })
    .update({
      data: { stock: command.inc(-quantity), sold: command.inc(quantity), pending: command.push([mark]) },
    });
  return updatedCount(answer) > 0;
}

/**
 * Gives back a take whose reservation was never recorded, in the same write that drops its mark: conditional
 * on the mark, so it happens at most once whoever runs it (the flow's rollback or the worker).
 */
export async function undoTake(skuId: string, reservationId: string, quantity: number): Promise<boolean> {
  const op = reserveMark(reservationId);
  const answer = await skus()
    .where({ _id: skuId, 'pending.op': op })
    .update({
      data: { stock: command.inc(quantity), sold: command.inc(-quantity), pending: command.pull({ op }) },
    });
  return updatedCount(answer) > 0;
}

/**
 * Returns `quantity` for a reservation being released, leaving the mark `u:<reservation>`. Conditional on
 * that mark being absent, so running it again before the mark is dropped changes nothing.
 */
export async function giveBackStock(
  skuId: string,
  quantity: number,
  reservationId: string,
  at: number,
): Promise<void> {
  const op = undoMark(reservationId);
  const mark: PendingMark = { op, quantity, at };
  await skus()
    .where({ _id: skuId, 'pending.op': command.neq(op) })
    .update({
      data: { stock: command.inc(quantity), sold: command.inc(-quantity), pending: command.push([mark]) },
    });
}

/** Drops marks once their record is written. */
export async function dropMarks(skuId: string, ops: readonly string[]): Promise<void> {
  await skus()
    .where({ _id: skuId })
    .update({ data: { pending: command.pull({ op: command.in([...ops]) }) } });
}

/**
 * Drops one mark from whichever of the product's SKUs carry it (a product save marks several): one write
 * (index productId).
 */
export async function dropMarkOfProduct(productId: string, op: string): Promise<void> {
  await skus()
    .where({ productId, 'pending.op': op })
    .update({ data: { pending: command.pull({ op }) } });
}

/**
 * Returns stock of a refunded order whose reservation was already settled (the caller's claim is the guard),
 * leaving `mark` until the product's 已售罄 recheck is done.
 */
export async function releaseStock(skuId: string, quantity: number, mark: PendingMark): Promise<void> {
  await skus()
    .where({ _id: skuId })
    .update({
      data: { stock: command.inc(quantity), sold: command.inc(-quantity), pending: command.push([mark]) },
    });
}

export interface SkuWithMarks {
  _id: string;
  productId: string;
  pending: PendingMark[];
}

/** SKUs carrying a mark older than `before`: a writer died between a stock write and its record. */
export async function findSkusWithOldMarks(before: number, limit: number): Promise<SkuWithMarks[]> {
  const answer = await skus()
    .where({ 'pending.at': command.lt(before) })
    .field({ _id: true, productId: true, pending: true })
    .limit(limit)
    .get();
  return documentsOf<SkuWithMarks>(answer);
}

/** The buyer-facing fields of a SKU document, nothing the stock machinery keeps on it. */
export function publicSku(document: Sku): Sku {
  const { _id, productId, specValues, price, originalPrice, stock, sold, onSale } = document;
  return { _id, productId, specValues, price, originalPrice, stock, sold, onSale };
}
