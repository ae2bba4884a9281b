/**
 * Stock of SKUs. A reservation is one conditional write per SKU: decrement only while enough is left, so
 * stock never goes below zero however many buyers race. Each reservation leaves a hold on the SKU naming
 * the attempt that made it, so a later worker run can give back stock taken by an attempt that died before
 * its order was written.
 */
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, updatedCount } from './query-helpers';

export interface StockHold {
  /** The order-creation attempt that took the stock (several attempts may race for one order id). */
  attempt: string;
  orderId: string;
  quantity: number;
  at: number;
}

const skus = () => db.collection(COLLECTIONS.skus);

export async function reserveStock(skuId: string, quantity: number, hold: StockHold): Promise<boolean> {
  const answer = await skus()
    .where({ _id: skuId, onSale: true, stock: command.gte(quantity) })
    .update({
      data: { stock: command.inc(-quantity), sold: command.inc(quantity), holds: command.push([hold]) },
    });
  return updatedCount(answer) > 0;
}

/** Gives back what an attempt took, once: the write is conditional on the attempt's hold still being there. */
export async function undoReservation(
  skuId: string,
  hold: Pick<StockHold, 'attempt' | 'quantity'>,
): Promise<boolean> {
  const answer = await skus()
    .where({ _id: skuId, 'holds.attempt': hold.attempt })
    .update({
      data: {
        stock: command.inc(hold.quantity),
        sold: command.inc(-hold.quantity),
        holds: command.pull({ attempt: hold.attempt }),
      },
    });
  return updatedCount(answer) > 0;
}

/** Drops holds whose order was written: the stock stays taken, only the repair note goes. */
export async function settleHolds(skuId: string, attempts: readonly string[]): Promise<void> {
  await skus()
    .where({ _id: skuId })
    .update({ data: { holds: command.pull({ attempt: command.in([...attempts]) }) } });
}

/** Returns stock of a cancelled, closed or refunded order (no hold: the order itself is the record). */
export async function releaseStock(skuId: string, quantity: number): Promise<void> {
  await skus()
    .where({ _id: skuId })
    .update({ data: { stock: command.inc(quantity), sold: command.inc(-quantity) } });
}

export interface SkuWithHolds {
  _id: string;
  holds: StockHold[];
}

/** SKUs carrying a hold older than `before`: the worker settles or undoes each. */
export async function findSkusWithOldHolds(before: number, limit: number): Promise<SkuWithHolds[]> {
  const answer = await skus()
    .where({ 'holds.at': command.lt(before) })
    .field({ _id: true, holds: true })
    .limit(limit)
    .get();
  return documentsOf<SkuWithHolds>(answer);
}
