/**
 * Reads of the catalog: categories, product listings and a product with its SKUs. Buyers write here only the
 * review summary of a product.
 */
import type { ProductCard, ProductSort } from '../../../types/api';
import type { Category, Product, Sku } from '../../../types/entities';
import { command, db } from '../cloud';
import { PRODUCT_CARD_FIELDS, productCard, type ProductCardSource } from '../domain/product-card';
import { COLLECTIONS } from './collections';
import type { KeywordPart } from '../domain/search-terms';
import { documentsOf, readInChunks, updatedCount } from './query-helpers';
import { publicSku } from './stock-repository';

export interface ProductQuery {
  categoryId?: string;
  /** Parts of a keyword, each with its synonyms: a product must match one alternative of every part. */
  keyword?: KeywordPart[][];
  /** Lowest price range, fen, inclusive. */
  minPrice?: number;
  maxPrice?: number;
  sort: ProductSort;
  skip: number;
  limit: number;
}

/** One alternative of a keyword part: all its character pairs, or its letters as pinyin initials. */
function partCondition(part: KeywordPart): object {
  const grams = { terms: command.all(part.grams) };
  return part.initials ? command.or([grams, { terms: part.initials }]) : grams;
}

export function keywordCondition(alternatives: KeywordPart[]): object {
  return alternatives.length === 1
    ? partCondition(alternatives[0])
    : command.or(alternatives.map(partCondition));
}

/** Field and direction of each sort, with _id last so pages never overlap or skip a product. */
const SORTS: Record<ProductSort, [string, 'asc' | 'desc'][]> = {
  default: [
    ['sales', 'desc'],
    ['createdAt', 'desc'],
    ['_id', 'asc'],
  ],
  sales: [
    ['sales', 'desc'],
    ['_id', 'asc'],
  ],
  priceAsc: [
    ['minPrice', 'asc'],
    ['_id', 'asc'],
  ],
  priceDesc: [
    ['minPrice', 'desc'],
    ['_id', 'asc'],
  ],
  newest: [
    ['createdAt', 'desc'],
    ['_id', 'asc'],
  ],
};

export async function listCategories(topLevelOnly: boolean): Promise<Category[]> {
  const where = topLevelOnly ? { parentId: null } : {};
  const answer = await db
    .collection(COLLECTIONS.categories)
    .where(where)
    .orderBy('sort', 'asc')
    .limit(1000)
    .get();
  return documentsOf<Category>(answer);
}

export async function findProducts(query: ProductQuery): Promise<ProductCard[]> {
  const conditions: object[] = [{ onSale: true }];
  if (query.categoryId) conditions.push({ categoryPath: query.categoryId });
  // The terms array is indexed: each part is an index match, never a scan of titles.
  for (const alternatives of query.keyword ?? []) conditions.push(keywordCondition(alternatives));
  if (query.minPrice !== undefined && query.maxPrice !== undefined) {
    conditions.push({ minPrice: command.gte(query.minPrice).and(command.lte(query.maxPrice)) });
  } else if (query.minPrice !== undefined) conditions.push({ minPrice: command.gte(query.minPrice) });
  else if (query.maxPrice !== undefined) conditions.push({ minPrice: command.lte(query.maxPrice) });
  let request = db
    .collection(COLLECTIONS.products)
    .where(conditions.length === 1 ? conditions[0] : command.and(conditions))
    .field(PRODUCT_CARD_FIELDS);
  for (const [field, direction] of SORTS[query.sort]) request = request.orderBy(field, direction);
  const answer = await request.skip(query.skip).limit(query.limit).get();
  return documentsOf<ProductCardSource>(answer).map(productCard);
}

/**
 * Which of `productIds` have a SKU on sale with stock, in one request: listings mark the others 已售罄. Reads
 * live SKU stock, so a product sells out the moment its last reservation lands, with nothing to keep in step.
 */
export async function findProductsInStock(productIds: readonly string[]): Promise<Set<string>> {
  if (productIds.length === 0) return new Set();
  const answer = await db
    .collection(COLLECTIONS.skus)
    .where({ productId: command.in([...productIds]), onSale: true, stock: command.gt(0) })
    .field({ productId: true })
    .limit(1000)
    .get();
  return new Set(documentsOf<Pick<Sku, 'productId'>>(answer).map((sku) => sku.productId));
}

export async function findProduct(productId: string): Promise<Product | undefined> {
  const answer = await db
    .collection(COLLECTIONS.products)
    .where({ _id: productId })
    .field({ terms: false })
    .limit(1)
    .get();
  return documentsOf<Product>(answer)[0];
}

export async function findSkusOfProduct(productId: string): Promise<Sku[]> {
  const answer = await db
    .collection(COLLECTIONS.skus)
    .where({ productId })
    .orderBy('_id', 'asc')
    .limit(1000)
    .get();
  return documentsOf<Sku>(answer).map(publicSku);
}

export async function findSku(skuId: string): Promise<Sku | undefined> {
  const answer = await db.collection(COLLECTIONS.skus).where({ _id: skuId }).limit(1).get();
  const sku = documentsOf<Sku>(answer)[0];
  return sku && publicSku(sku);
}

/** SKUs by id, in chunks of the query limit (the 到货提醒 batch). */
export async function findSkusByIds(skuIds: readonly string[]): Promise<Sku[]> {
  const found = await readInChunks(skuIds, async (chunk) =>
    documentsOf<Sku>(
      await db
        .collection(COLLECTIONS.skus)
        .where({ _id: command.in([...chunk]) })
        .limit(chunk.length)
        .get(),
    ),
  );
  return found.map(publicSku);
}

/**
 * Adds one review to a product's summary with atomic increments, so concurrent reviews never lose one;
 * false when the product is gone.
 */
export async function addToReviewSummary(
  productId: string,
  increment: { reviewCount: number; ratingTotal: number; positiveCount: number },
): Promise<boolean> {
  const answer = await db
    .collection(COLLECTIONS.products)
    .where({ _id: productId })
    .update({
      data: {
        reviewCount: command.inc(increment.reviewCount),
        ratingTotal: command.inc(increment.ratingTotal),
        positiveCount: command.inc(increment.positiveCount),
      },
    });
  return updatedCount(answer) > 0;
}

/** Cards of those of `productIds` that are on sale, in one request (the recommendation worker's join). */
export async function findOnSaleCards(productIds: readonly string[]): Promise<ProductCard[]> {
  const sources = await readInChunks(productIds, async (chunk) =>
    documentsOf<ProductCardSource>(
      await db
        .collection(COLLECTIONS.products)
        .where({ _id: command.in(chunk), onSale: true })
        .field(PRODUCT_CARD_FIELDS)
        .limit(chunk.length)
        .get(),
    ),
  );
  return sources.map(productCard);
}
