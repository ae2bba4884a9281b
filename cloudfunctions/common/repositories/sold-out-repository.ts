/**
 * The product's 已售罄 flag (`products.soldOut`), kept on every change of its SKUs so the home feed and 猜你喜欢
 * read it with the card instead of joining SKU stock. `soldOutCheck` is the token of the latest recheck: a
 * recheck writes the flag only while its token stands, so a later change's own recheck wins.
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

/**
 * Writes the flag if no later recheck claimed the product since `token`; true when it did. The token is retired
 * in the same write, so the write changes the document even when the flag stays (the database reports an
 * unchanged document as not updated).
 */
export async function writeSoldOut(productId: string, token: string, soldOut: boolean): Promise<boolean> {
  const answer = await products()
    .where({ _id: productId, soldOutCheck: token })
    .update({ data: { soldOut, soldOutCheck: `${token}:written` } });
  return updatedCount(answer) > 0;
}
