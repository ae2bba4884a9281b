/**
 * The product's 已售罄 flag (`products.soldOut`), kept on every stock change so lists and the home feed read it
 * with the card instead of joining SKU stock. `soldOutCheck` is the token of the latest stock change: a
 * recomputation writes the flag only while its token stands, so a later change's own recomputation wins.
 */
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, updatedCount } from './query-helpers';

const products = () => db.collection(COLLECTIONS.products);

/** Claims the next recomputation of the product's flag. */
export async function markStockChange(productId: string, token: string): Promise<void> {
  await products()
    .where({ _id: productId })
    .update({ data: { soldOutCheck: token } });
}

/** True when some SKU of the product on sale has stock (index productId). */
export async function productHasStock(productId: string): Promise<boolean> {
  const answer = await db
    .collection(COLLECTIONS.skus)
    .where({ productId, onSale: true, stock: command.gt(0) })
    .field({ _id: true })
    .limit(1)
    .get();
  return documentsOf(answer).length > 0;
}

/** Writes the flag if no later stock change claimed the product since `token`. */
export async function writeSoldOut(productId: string, token: string, soldOut: boolean): Promise<boolean> {
  const answer = await products()
    .where({ _id: productId, soldOutCheck: token })
    .update({ data: { soldOut } });
  return updatedCount(answer) > 0;
}

/**
 * Stock is known to be back (a SKU on sale with stock): the flag goes off under a fresh token in one write, so
 * a recomputation that read the SKUs before it cannot turn it on again.
 */
export async function clearSoldOut(productId: string, token: string): Promise<void> {
  await products()
    .where({ _id: productId })
    .update({ data: { soldOut: false, soldOutCheck: token } });
}
