/**
 * Keeping `products.soldOut` in step with the SKUs (sold-out-repository): every write that can change whether a
 * product can be bought — orders taking stock, cancels / closes / refunds / returned goods giving it back, the
 * merchant's adjustments and product saves — is followed by a recheck of the product (claim a token, read
 * whether any SKU on sale has stock, write the flag while the token stands), so of parallel changes the last
 * claim, which reads after all their writes, wins. Which products a stock change owes a recheck is pure
 * (domain/sold-out).
 *
 * Durability: each such write leaves a pending mark on the SKU it changes, in the same write (stock-repository),
 * and the writer drops it only when these functions answer true. A writer that dies before (or whose recheck
 * fails, or loses to a later claim whose writer may die) leaves the mark, and the worker, finding it old,
 * rechecks the product before dropping it (order-upkeep repairStockMarks). A failure here is logged, never
 * the caller's: the stock write already happened.
 */
import { randomUUID } from 'node:crypto';
import { productsToRecheckAfterGiveBack, productsToRecheckAfterTake } from '../domain/sold-out';
import { findSkusByIds } from '../repositories/catalog-repository';
import { markStockChange, productHasStock, writeSoldOut } from '../repositories/sold-out-repository';

/**
 * Recomputes the flag of one product from its SKUs; true when it was written under this recheck's own token,
 * false when a later recheck claimed the product first (that one writes, or its writer's marks stay).
 */
export async function recomputeSoldOut(productId: string): Promise<boolean> {
  const token = randomUUID();
  await markStockChange(productId, token);
  return writeSoldOut(productId, token, !(await productHasStock(productId)));
}

/** Rechecks each product; the set of those whose flag this wrote (a failure is logged and leaves it out). */
export async function recheckProducts(productIds: readonly string[]): Promise<Set<string>> {
  const written = await Promise.all(
    [...new Set(productIds)].map(async (productId) => {
      try {
        return (await recomputeSoldOut(productId)) ? [productId] : [];
      } catch (error) {
        console.error(`[sold-out] recheck of ${productId} failed`, error);
        return [];
      }
    }),
  );
  return new Set(written.flat());
}

async function settled(what: string, owed: () => Promise<string[]>): Promise<boolean> {
  try {
    const productIds = await owed();
    return (await recheckProducts(productIds)).size === new Set(productIds).size;
  } catch (error) {
    console.error(`[sold-out] ${what} failed`, error);
    return false;
  }
}

/** Stock of these SKUs was taken: products with one of them now at 0 are rechecked. One read when none is. */
export function stockTaken(skuIds: readonly string[]): Promise<boolean> {
  return settled(`after taking ${skuIds.join(',')}`, async () =>
    productsToRecheckAfterTake(await findSkusByIds([...new Set(skuIds)])),
  );
}

/**
 * Stock of these SKUs came back: products with one of them now buyable are rechecked (not simply cleared: an
 * order may have emptied the SKU again after it was read, and its own recheck must not be overwritten).
 */
export function stockGivenBack(skuIds: readonly string[]): Promise<boolean> {
  return settled(`after giving back ${skuIds.join(',')}`, async () =>
    productsToRecheckAfterGiveBack(await findSkusByIds([...new Set(skuIds)])),
  );
}

/** The merchant saved the product's SKUs (on/off sale, added, dropped, new stock): always rechecked. */
export function listingSaved(productId: string): Promise<boolean> {
  return settled(`after saving ${productId}`, async () => [productId]);
}
