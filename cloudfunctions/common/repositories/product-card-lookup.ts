/** Cards of products named by id whatever their sale state: lists a buyer keeps show 已下架 products too. */
import { command, db } from '../cloud';
import { PRODUCT_CARD_FIELDS, productCard, type ProductCardSource } from '../domain/product-card';
import type { CardWithSaleState } from '../domain/kept-products';
import type { LiveSaleState } from '../domain/sold-out';
import { COLLECTIONS } from './collections';
import { documentsOf, readInChunks } from './query-helpers';

/** The named products' documents, only `fields` of them, in chunks of one `_id in` query each. */
async function readProductsById<T>(
  productIds: readonly string[],
  fields: Record<string, true>,
): Promise<T[]> {
  return readInChunks(productIds, async (chunk) =>
    documentsOf<T>(
      await db
        .collection(COLLECTIONS.products)
        .where({ _id: command.in(chunk) })
        .field(fields)
        .limit(chunk.length)
        .get(),
    ),
  );
}

export async function findCardsWithSaleState(productIds: readonly string[]): Promise<CardWithSaleState[]> {
  const sources = await readProductsById<ProductCardSource & { onSale: boolean }>(productIds, {
    ...PRODUCT_CARD_FIELDS,
    onSale: true,
  });
  return sources.map((source) => ({ card: productCard(source), onSale: source.onSale }));
}

/** Whether a product exists and is on sale, in one small read; undefined when it does not exist. */
export async function findSaleState(productId: string): Promise<boolean | undefined> {
  const answer = await db
    .collection(COLLECTIONS.products)
    .where({ _id: productId })
    .field({ onSale: true })
    .limit(1)
    .get();
  return documentsOf<{ onSale: boolean }>(answer)[0]?.onSale;
}

/**
 * On-sale state and kept 已售罄 flag of the named products, in one request by _id (a list's few ids): what the
 * copies of cards in 猜你喜欢 are checked against. A product that no longer exists is simply absent.
 */
export async function findLiveSaleStates(productIds: readonly string[]): Promise<LiveSaleState[]> {
  return readProductsById<LiveSaleState>(productIds, { _id: true, onSale: true, soldOut: true });
}
