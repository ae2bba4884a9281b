/**
 * The merchant's writes and reads of the catalog: products and SKUs as the workspace edits them, stock
 * adjustments, the low-stock list and categories. Buyers' reads stay in catalog-repository.
 */
import type { Category, EpochMs, Product, Sku } from '../../../types/entities';
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { keywordCondition } from './catalog-repository';
import type { KeywordPart } from '../domain/search-terms';
import { documentsOf, listOf, readInChunks, updatedCount } from './query-helpers';
import { publicSku, type PendingMark } from './stock-repository';

const products = () => db.collection(COLLECTIONS.products);
const skus = () => db.collection(COLLECTIONS.skus);
const categories = () => db.collection(COLLECTIONS.categories);

/** The last stock adjustment of a SKU, kept on it so the audit log's before → after shows the reason. */
export interface StockAdjustmentMark {
  delta: number;
  reason: string;
  by: string;
  at: EpochMs;
}

export type ProductFields = Omit<Product, '_id' | 'reviewCount' | 'ratingTotal' | 'positiveCount'>;

export async function insertProduct(product: ProductFields & { _id: string }): Promise<void> {
  await products().add({ data: { ...product } });
}

export async function updateProduct(productId: string, fields: Partial<ProductFields>): Promise<boolean> {
  const answer = await products()
    .where({ _id: productId })
    .update({ data: { ...fields } });
  return updatedCount(answer) > 0;
}

/** A SKU of a saved product, with the save's mark when the product exists already (stock-repository). */
export async function insertSku(sku: Sku, mark?: PendingMark): Promise<void> {
  await skus().add({ data: { ...sku, ...(mark ? { pending: [mark] } : {}) } });
}

/**
 * Everything of a SKU but its stock and sales, which only reservations and adjustments move; the save's mark
 * goes in the same write (its on-sale flag may change whether the product can be bought).
 */
export async function updateSkuListing(
  sku: Pick<Sku, '_id' | 'productId' | 'specValues' | 'price' | 'originalPrice' | 'onSale'>,
  mark: PendingMark,
): Promise<void> {
  const { _id, productId, ...fields } = sku;
  await skus()
    .where({ _id, productId })
    .update({ data: { ...fields, pending: command.push([mark]) } });
}

export async function setSkusOffSale(skuIds: readonly string[], mark: PendingMark): Promise<void> {
  if (skuIds.length === 0) return;
  await skus()
    .where({ _id: command.in([...skuIds]) })
    .update({ data: { onSale: false, pending: command.push([mark]) } });
}

export interface MerchantProductQuery {
  keyword?: KeywordPart[][];
  categoryId?: string;
  onSale?: boolean;
  skip: number;
  limit: number;
}

const ROW_FIELDS = {
  _id: true,
  title: true,
  images: true,
  categoryId: true,
  onSale: true,
  minPrice: true,
  maxPrice: true,
  sales: true,
  createdAt: true,
};
export type ProductRowSource = Pick<
  Product,
  '_id' | 'title' | 'images' | 'categoryId' | 'onSale' | 'minPrice' | 'maxPrice' | 'sales' | 'createdAt'
>;

/** Newest first, on and off sale. */
export async function findMerchantProducts(query: MerchantProductQuery): Promise<ProductRowSource[]> {
  const conditions: object[] = [];
  if (query.onSale !== undefined) conditions.push({ onSale: query.onSale });
  if (query.categoryId) conditions.push({ categoryPath: query.categoryId });
  for (const alternatives of query.keyword ?? []) conditions.push(keywordCondition(alternatives));
  const where =
    conditions.length === 0 ? {} : conditions.length === 1 ? conditions[0] : command.and(conditions);
  const answer = await products()
    .where(where)
    .field(ROW_FIELDS)
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'asc')
    .skip(query.skip)
    .limit(query.limit)
    .get();
  return documentsOf<ProductRowSource>(answer);
}

export async function findProductRow(productId: string): Promise<ProductRowSource | undefined> {
  const answer = await products().where({ _id: productId }).field(ROW_FIELDS).limit(1).get();
  return documentsOf<ProductRowSource>(answer)[0];
}

/** Total stock of each product, summed by the database: one request for a page of products. */
export async function stockOfProducts(productIds: readonly string[]): Promise<Map<string, number>> {
  if (productIds.length === 0) return new Map();
  const $ = command.aggregate;
  const answer = await skus()
    .aggregate()
    .match({ productId: command.in([...productIds]) })
    .group({ _id: '$productId', stock: $.sum('$stock') })
    .limit(productIds.length)
    .end();
  return new Map(listOf<{ _id: string; stock: number }>(answer).map((row) => [row._id, row.stock]));
}

/**
 * Adds `delta` to a SKU's stock in one conditional write: a decrement only while that much is left, so an
 * adjustment racing buyers never takes stock below zero, with the mark its 已售罄 recheck drops. False when the
 * condition failed (nothing written).
 */
export async function adjustSkuStock(
  skuId: string,
  delta: number,
  adjustment: StockAdjustmentMark,
  mark: PendingMark,
): Promise<boolean> {
  const condition = delta < 0 ? { _id: skuId, stock: command.gte(-delta) } : { _id: skuId };
  const answer = await skus()
    .where(condition)
    .update({
      data: { stock: command.inc(delta), lastAdjustment: { ...adjustment }, pending: command.push([mark]) },
    });
  return updatedCount(answer) > 0;
}

export async function findSkuDocument(
  skuId: string,
): Promise<(Sku & { lastAdjustment?: StockAdjustmentMark }) | undefined> {
  const answer = await skus().where({ _id: skuId }).limit(1).get();
  return documentsOf<Sku & { lastAdjustment?: StockAdjustmentMark }>(answer)[0];
}

/** On-sale SKUs with at most `threshold` left, lowest first (index onSale_stock). */
export async function findLowStockSkus(threshold: number, limit: number): Promise<Sku[]> {
  const answer = await skus()
    .where({ onSale: true, stock: command.lte(threshold) })
    .orderBy('stock', 'asc')
    .orderBy('_id', 'asc')
    .limit(limit)
    .get();
  return documentsOf<Sku>(answer).map(publicSku);
}

export type ProductLabel = Pick<Product, '_id' | 'title' | 'images' | 'specs' | 'onSale'>;

export async function findProductLabels(productIds: readonly string[]): Promise<ProductLabel[]> {
  return readInChunks(productIds, async (chunk) =>
    documentsOf<ProductLabel>(
      await products()
        .where({ _id: command.in(chunk) })
        .field({ _id: true, title: true, images: true, specs: true, onSale: true })
        .limit(chunk.length)
        .get(),
    ),
  );
}

// ---------------------------------------------------------------- categories

export async function findCategory(categoryId: string): Promise<Category | undefined> {
  return documentsOf<Category>(await categories().where({ _id: categoryId }).limit(1).get())[0];
}

export async function insertCategory(category: Category): Promise<void> {
  await categories().add({ data: { ...category } });
}

export async function updateCategory(categoryId: string, fields: Omit<Category, '_id'>): Promise<boolean> {
  const answer = await categories()
    .where({ _id: categoryId })
    .update({ data: { ...fields } });
  return updatedCount(answer) > 0;
}

export async function removeCategory(categoryId: string): Promise<boolean> {
  const answer = await categories().where({ _id: categoryId }).remove();
  return updatedCount(answer) > 0;
}

/** Whether any subcategory or product refers to the category (two indexed reads of one document at most). */
export async function categoryInUse(categoryId: string): Promise<boolean> {
  const [children, members] = await Promise.all([
    categories().where({ parentId: categoryId }).field({ _id: true }).limit(1).get(),
    products().where({ categoryPath: categoryId }).field({ _id: true }).limit(1).get(),
  ]);
  return documentsOf(children).length > 0 || documentsOf(members).length > 0;
}
