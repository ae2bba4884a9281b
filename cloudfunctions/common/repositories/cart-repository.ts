/**
 * A buyer's cart lines, one document per line, always filtered by the buyer's OPENID. A line's _id is derived
 * from (OPENID, SKU) so two concurrent adds of one SKU cannot create two lines.
 */
import { createHash } from 'node:crypto';
import type { CartLine, Product, Sku } from '../../../types/entities';
import { MAX_CART_LINES } from '../domain/cart-rules';
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, insertUnlessExists, listOf, updatedCount } from './query-helpers';

export function cartLineId(openid: string, skuId: string): string {
  return `cl${createHash('sha256').update(`${openid}\u0000${skuId}`).digest('hex').slice(0, 30)}`;
}

const lines = () => db.collection(COLLECTIONS.cartLines);

export async function findLines(openid: string): Promise<CartLine[]> {
  return documentsOf<CartLine>(await lines().where({ openid }).limit(MAX_CART_LINES).get());
}

export interface CartLineWithCatalog {
  line: CartLine;
  product?: Product;
  sku?: Sku;
}

/** Every line joined with its SKU and product in one database request (aggregate + lookup). */
export async function findLinesWithCatalog(openid: string): Promise<CartLineWithCatalog[]> {
  const answer = await lines()
    .aggregate()
    .match({ openid })
    .limit(MAX_CART_LINES)
    .lookup({ from: COLLECTIONS.skus, localField: 'skuId', foreignField: '_id', as: 'skuMatches' })
    .lookup({
      from: COLLECTIONS.products,
      localField: 'productId',
      foreignField: '_id',
      as: 'productMatches',
    })
    .end();
  type Joined = CartLine & { skuMatches: Sku[]; productMatches: Product[] };
  return listOf<Joined>(answer).map(({ skuMatches, productMatches, ...line }) => ({
    line,
    sku: skuMatches[0],
    product: productMatches[0],
  }));
}

/** Total quantity of the buyer's lines, counted by the database (one request, no documents shipped). */
export async function sumQuantity(openid: string): Promise<number> {
  const answer = await lines()
    .aggregate()
    .match({ openid })
    .group({ _id: null, total: command.aggregate.sum('$quantity') })
    .limit(1)
    .end();
  const row = listOf<{ total?: number }>(answer)[0];
  return row?.total ?? 0;
}

/** 'EXISTS' when a line with this _id is already there (a concurrent add wrote it first). */
export async function insertLine(line: CartLine): Promise<'INSERTED' | 'EXISTS'> {
  return insertUnlessExists(lines(), { ...line });
}

/**
 * Sets a line's quantity. With `expected`, only if the line still holds that quantity (compare-and-set), so
 * two concurrent adds cannot both read 1 and both write 2.
 */
export async function setLineQuantity(
  openid: string,
  lineId: string,
  quantity: number,
  expected?: number,
): Promise<boolean> {
  const where =
    expected === undefined ? { openid, _id: lineId } : { openid, _id: lineId, quantity: expected };
  return updatedCount(await lines().where(where).update({ data: { quantity } })) > 0;
}

export async function setSelected(
  openid: string,
  lineIds: readonly string[] | 'ALL',
  selected: boolean,
): Promise<void> {
  const where = lineIds === 'ALL' ? { openid } : { openid, _id: command.in([...lineIds]) };
  await lines().where(where).update({ data: { selected } });
}

export async function removeLines(openid: string, lineIds: readonly string[]): Promise<void> {
  await lines()
    .where({ openid, _id: command.in([...lineIds]) })
    .remove();
}
