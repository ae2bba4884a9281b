/**
 * The merchant's catalog flows: saving a product with its SKUs (search terms computed as the seed computes
 * them), on/off sale, stock adjustments, the low-stock list, categories and the home page's banners.
 */
import { randomBytes } from 'node:crypto';
import type { Category, EpochMs, Product, Sku } from '../../../types/entities';
import type {
  CategoryInput,
  HomeContent,
  LowStockRow,
  MerchantProductDetail,
  MerchantProductListRequest,
  MerchantProductPage,
  MerchantProductRow,
  ProductInput,
  StockAdjustmentRequest,
} from '../../../types/merchant-catalog';
import { listingPrices, productFormProblem } from '../domain/product-rules';
import { soldOutOf } from '../domain/sold-out';
import { keywordParts } from '../domain/search-terms';
import { specText } from '../domain/sku-availability';
import { findProduct, findSkusOfProduct, listCategories } from '../repositories/catalog-repository';
import {
  dropHomeCategories,
  readHomeContent,
  saveHomeContent,
} from '../repositories/home-content-repository';
import {
  adjustSkuStock,
  categoryInUse,
  findCategory,
  findLowStockSkus,
  findMerchantProducts,
  findProductLabels,
  findProductRow,
  findSkuDocument,
  insertCategory,
  insertProduct,
  insertSku,
  removeCategory as removeCategoryDocument,
  setSkusOffSale,
  stockOfProducts,
  updateCategory as updateCategoryDocument,
  updateProduct as updateProductDocument,
  updateSkuListing,
  type ProductRowSource,
} from '../repositories/merchant-catalog-repository';
import { fail } from '../runtime/domain-error';
import { searchTermsOf } from './product-search-terms';
import { requestReindex } from '../repositories/search-reindex-repository';
import { restockRaised } from './restock-service';
import { listingSaved, stockGivenBack, stockTaken } from './sold-out-service';
import {
  adjustmentMark,
  dropMarkOfProduct,
  dropMarks,
  saveMark,
  type PendingMark,
} from '../repositories/stock-repository';

export const MERCHANT_PRODUCT_PAGE = 20;

function newId(prefix: string, now: EpochMs): string {
  return `${prefix}${now.toString(36)}${randomBytes(5).toString('hex')}`;
}

function rowOf(source: ProductRowSource, stock: number): MerchantProductRow {
  return {
    _id: source._id,
    title: source.title,
    image: source.images[0] ?? '',
    categoryId: source.categoryId,
    onSale: source.onSale,
    minPrice: source.minPrice,
    maxPrice: source.maxPrice,
    stock,
    sales: source.sales,
    createdAt: source.createdAt,
  };
}

export async function merchantProductList(request: MerchantProductListRequest): Promise<MerchantProductPage> {
  const page = request.page ?? 1;
  const parts = request.keyword ? keywordParts(request.keyword) : [];
  if (request.keyword?.trim() && parts.length === 0) return { items: [], page, hasMore: false };
  const rows = await findMerchantProducts({
    keyword: parts.map((part) => [part]),
    categoryId: request.categoryId,
    onSale: request.onSale,
    skip: (page - 1) * MERCHANT_PRODUCT_PAGE,
    limit: MERCHANT_PRODUCT_PAGE + 1,
  });
  const shown = rows.slice(0, MERCHANT_PRODUCT_PAGE);
  const stock = await stockOfProducts(shown.map((row) => row._id));
  return {
    items: shown.map((row) => rowOf(row, stock.get(row._id) ?? 0)),
    page,
    hasMore: rows.length > MERCHANT_PRODUCT_PAGE,
  };
}

/** Field by field, so what the documents also hold (search terms, the flag's token, pending marks) stays in. */
function detailOf(product: Product, skus: Sku[]): MerchantProductDetail {
  return {
    product: {
      _id: product._id,
      title: product.title,
      subtitle: product.subtitle,
      images: product.images,
      description: product.description,
      categoryId: product.categoryId,
      categoryPath: product.categoryPath,
      tags: product.tags,
      onSale: product.onSale,
      specs: product.specs,
      createdAt: product.createdAt,
      sales: product.sales,
      minPrice: product.minPrice,
      maxPrice: product.maxPrice,
      ...(product.reviewCount === undefined ? {} : { reviewCount: product.reviewCount }),
      ...(product.ratingTotal === undefined ? {} : { ratingTotal: product.ratingTotal }),
      ...(product.positiveCount === undefined ? {} : { positiveCount: product.positiveCount }),
      ...(product.soldOut === undefined ? {} : { soldOut: product.soldOut }),
    },
    skus: skus.map((sku) => ({
      _id: sku._id,
      productId: sku.productId,
      specValues: sku.specValues,
      price: sku.price,
      originalPrice: sku.originalPrice,
      stock: sku.stock,
      sold: sku.sold,
      onSale: sku.onSale,
    })),
  };
}

export async function merchantProductDetail(productId: string): Promise<MerchantProductDetail> {
  const [product, skus] = await Promise.all([findProduct(productId), findSkusOfProduct(productId)]);
  if (!product) fail('PRODUCT_NOT_FOUND', `product ${productId} does not exist`);
  return detailOf(product, skus);
}

/** The category a product goes into, with the names its search terms include. */
async function leafCategory(categoryId: string): Promise<{ path: string[]; names: string[] }> {
  const leaf = await findCategory(categoryId);
  if (!leaf) fail('CATEGORY_NOT_FOUND', `category ${categoryId} does not exist`);
  if (leaf.parentId === null) fail('INVALID_INPUT', 'categoryId: products go into a second-level category');
  const top = await findCategory(leaf.parentId);
  return { path: [leaf.parentId, leaf._id], names: [top?.name ?? '', leaf.name].filter(Boolean) };
}

/**
 * After the product's write: a rename between reading the names and that write may have been re-indexed
 * before the write landed (or before the product existed), so the names are read once more and the terms
 * written again while they moved. A rename after this read is re-indexed after it, product included.
 */
async function keepTermsCurrent(productId: string, input: ProductInput, names: string[]): Promise<void> {
  let used = names;
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const { names: current } = await leafCategory(input.categoryId);
    if (current.join('\u0000') === used.join('\u0000')) return;
    used = current;
    await updateProductDocument(productId, { terms: await searchTermsOf(input, current) });
  }
}

function checkForm(input: ProductInput): void {
  const problem = productFormProblem(input.specs, input.skus);
  if (problem) fail('INVALID_INPUT', problem);
}

function listingFields(input: ProductInput, path: string[], terms: string[], skus: Sku[]) {
  return {
    title: input.title,
    subtitle: input.subtitle,
    images: input.images,
    description: input.description,
    categoryId: input.categoryId,
    categoryPath: path,
    tags: input.tags,
    specs: input.specs,
    terms,
    ...listingPrices(skus),
  };
}

/**
 * SKUs first, the product last: until the product exists nothing lists its SKUs, so a save cut off half way
 * leaves no half product for buyers. New products go on sale at once.
 */
export async function createProduct(input: ProductInput, now: EpochMs): Promise<MerchantProductDetail> {
  checkForm(input);
  if (input.skus.some((sku) => sku.skuId !== undefined))
    fail('INVALID_INPUT', 'a new product has no SKU ids yet');
  const { path, names } = await leafCategory(input.categoryId);
  const productId = newId('p', now);
  const skus: Sku[] = input.skus.map((sku, index) => ({
    _id: `${productId}-s${String(index + 1).padStart(2, '0')}`,
    productId,
    specValues: sku.specValues,
    price: sku.price,
    originalPrice: sku.originalPrice,
    stock: sku.stock,
    sold: 0,
    onSale: sku.onSale,
  }));
  const terms = await searchTermsOf(input, names);
  await Promise.all(skus.map((sku) => insertSku(sku)));
  // Nothing can order a SKU before its product exists: the flag is known from the form.
  const product: Product = {
    _id: productId,
    ...listingFields(input, path, terms, skus),
    onSale: true,
    soldOut: soldOutOf(skus),
    createdAt: now,
    sales: 0,
  };
  await insertProduct(product);
  await keepTermsCurrent(productId, input, names);
  return detailOf(product, skus);
}

/**
 * Listing fields, prices and on-sale flags are saved; stock is not (adjustStock moves it). SKUs missing from
 * the form go off sale rather than away: orders and carts refer to them. Each SKU write carries the save's
 * mark; the product's 已售罄 flag is rechecked after them, and the marks dropped once it was (a save cut off
 * before leaves them to the worker's recheck).
 */
export async function updateProduct(
  productId: string,
  input: ProductInput,
  now: EpochMs,
): Promise<MerchantProductDetail> {
  checkForm(input);
  const [product, current] = await Promise.all([findProduct(productId), findSkusOfProduct(productId)]);
  if (!product) fail('PRODUCT_NOT_FOUND', `product ${productId} does not exist`);
  const known = new Map(current.map((sku) => [sku._id, sku]));
  for (const sku of input.skus)
    if (sku.skuId !== undefined && !known.has(sku.skuId))
      fail('SKU_NOT_FOUND', `SKU ${sku.skuId} is not of this product`);
  const { path, names } = await leafCategory(input.categoryId);
  const kept = new Set(input.skus.flatMap((sku) => (sku.skuId ? [sku.skuId] : [])));
  const saved: Sku[] = input.skus.map((sku) => {
    const existing = sku.skuId ? known.get(sku.skuId) : undefined;
    return {
      _id: existing?._id ?? newId(`${productId.slice(0, 40)}-`, now),
      productId,
      specValues: sku.specValues,
      price: sku.price,
      originalPrice: sku.originalPrice,
      stock: existing ? existing.stock : sku.stock,
      sold: existing ? existing.sold : 0,
      onSale: sku.onSale,
    };
  });
  const dropped = current.filter((sku) => !kept.has(sku._id));
  // Another combination may reuse a dropped SKU's values: it is off sale, so it never competes.
  const terms = await searchTermsOf(input, names);
  const mark: PendingMark = { op: saveMark(newId('e', now)), quantity: 0, at: now };
  await Promise.all([
    ...saved.map((sku) => (known.has(sku._id) ? updateSkuListing(sku, mark) : insertSku(sku, mark))),
    setSkusOffSale(
      dropped.map((sku) => sku._id),
      mark,
    ),
  ]);
  const fields = listingFields(input, path, terms, saved);
  await updateProductDocument(productId, fields);
  if (await listingSaved(productId)) await dropMarkQuietly(() => dropMarkOfProduct(productId, mark.op));
  await keepTermsCurrent(productId, input, names);
  const skus = [...saved, ...dropped.map((sku) => ({ ...sku, onSale: false }))].sort((a, b) =>
    a._id < b._id ? -1 : a._id > b._id ? 1 : 0,
  );
  return detailOf({ ...product, ...fields }, skus);
}

export async function setProductOnSale(productId: string, onSale: boolean): Promise<MerchantProductRow> {
  if (!(await updateProductDocument(productId, { onSale }))) {
    const row = await findProductRow(productId);
    if (!row) fail('PRODUCT_NOT_FOUND', `product ${productId} does not exist`);
  }
  const [row, stock] = await Promise.all([findProductRow(productId), stockOfProducts([productId])]);
  if (!row) fail('PRODUCT_NOT_FOUND', `product ${productId} does not exist`);
  return rowOf(row, stock.get(productId) ?? 0);
}

/** A mark left by a failed drop is only repaired later by the worker: never the caller's failure. */
async function dropMarkQuietly(drop: () => Promise<void>): Promise<void> {
  await drop().catch((error: unknown) => console.error('[catalog] dropping a stock mark failed', error));
}

export async function adjustStock(request: StockAdjustmentRequest, by: string, now: EpochMs): Promise<Sku> {
  const mark: PendingMark = {
    op: adjustmentMark(newId('a', now)),
    quantity: Math.abs(request.delta),
    at: now,
  };
  const adjustment = { delta: request.delta, reason: request.reason, by, at: now };
  const applied = await adjustSkuStock(request.skuId, request.delta, adjustment, mark);
  const sku = await findSkuDocument(request.skuId);
  if (!sku) fail('SKU_NOT_FOUND', `SKU ${request.skuId} does not exist`);
  if (!applied)
    fail('OUT_OF_STOCK', `SKU ${request.skuId} has ${sku.stock} left, cannot take ${-request.delta}`);
  const flagged =
    request.delta > 0
      ? (await Promise.all([stockGivenBack([sku._id]), restockRaised(sku, now)]))[0]
      : await stockTaken([sku._id]);
  if (flagged) await dropMarkQuietly(() => dropMarks(sku._id, [mark.op]));
  const { _id, productId, specValues, price, originalPrice, stock, sold, onSale } = sku;
  return { _id, productId, specValues, price, originalPrice, stock, sold, onSale };
}

export const LOW_STOCK_LIMIT = 100;

export async function lowStock(threshold: number): Promise<{ items: LowStockRow[] }> {
  const skus = await findLowStockSkus(threshold, LOW_STOCK_LIMIT);
  const labels = new Map((await findProductLabels(skus.map((s) => s.productId))).map((p) => [p._id, p]));
  const items: LowStockRow[] = [];
  for (const sku of skus) {
    const product = labels.get(sku.productId);
    if (!product) continue;
    items.push({
      productId: sku.productId,
      skuId: sku._id,
      title: product.title,
      image: product.images[0] ?? '',
      specText: specText(product.specs, sku.specValues),
      stock: sku.stock,
      productOnSale: product.onSale,
    });
  }
  return { items };
}

// ---------------------------------------------------------------- categories

export async function allCategories(): Promise<{ categories: Category[] }> {
  return { categories: await listCategories(false) };
}

async function checkParent(parentId: string | null, selfId?: string): Promise<void> {
  if (parentId === null) return;
  if (parentId === selfId) fail('INVALID_INPUT', 'parentId: a category cannot be its own parent');
  const parent = await findCategory(parentId);
  if (!parent) fail('CATEGORY_NOT_FOUND', `category ${parentId} does not exist`);
  if (parent.parentId !== null) fail('INVALID_INPUT', 'parentId: categories have two levels only');
}

export async function createCategory(input: CategoryInput, now: EpochMs): Promise<Category> {
  await checkParent(input.parentId);
  const category: Category = { _id: newId('c', now), ...input };
  await insertCategory(category);
  await dropHomeCategories();
  return category;
}

/**
 * Moving a category to another parent is refused while it holds products or subcategories: products keep
 * their category path, and two levels stay two. Renaming owes its products new search terms (they include
 * category names): the worker's `reindexRenamedCategories` writes them, a bounded page at a time.
 */
export async function updateCategory(
  categoryId: string,
  input: CategoryInput,
  now: EpochMs,
): Promise<Category> {
  const current = await findCategory(categoryId);
  if (!current) fail('CATEGORY_NOT_FOUND', `category ${categoryId} does not exist`);
  if (current.parentId !== input.parentId) {
    await checkParent(input.parentId, categoryId);
    if (await categoryInUse(categoryId)) fail('CATEGORY_IN_USE', `category ${categoryId} is in use`);
  }
  await updateCategoryDocument(categoryId, input);
  // After the category's write: the pass this starts reads the new name (or a later one).
  if (current.name !== input.name) await requestReindex(categoryId, now);
  await dropHomeCategories();
  return { _id: categoryId, ...input };
}

export async function removeCategory(categoryId: string): Promise<{ removed: boolean }> {
  const current = await findCategory(categoryId);
  if (!current) fail('CATEGORY_NOT_FOUND', `category ${categoryId} does not exist`);
  if (await categoryInUse(categoryId)) fail('CATEGORY_IN_USE', `category ${categoryId} is in use`);
  const removed = await removeCategoryDocument(categoryId);
  await dropHomeCategories();
  return { removed };
}

// ---------------------------------------------------------------- home page

export function homeContent(): Promise<HomeContent> {
  return readHomeContent();
}

/**
 * A banner may only open a product or category that exists (the workspace picks them from lists, but a list can
 * be stale): PRODUCT_NOT_FOUND / CATEGORY_NOT_FOUND, nothing saved. One read for the products, one per category.
 */
async function checkBannerTargets(banners: HomeContent['banners']): Promise<void> {
  const productIds = [
    ...new Set(banners.flatMap((b) => (b.link.kind === 'product' ? [b.link.productId] : []))),
  ];
  const categoryIds = [
    ...new Set(banners.flatMap((b) => (b.link.kind === 'category' ? [b.link.categoryId] : []))),
  ];
  const [products, categories] = await Promise.all([
    productIds.length > 0 ? findProductLabels(productIds) : [],
    Promise.all(categoryIds.map((id) => findCategory(id))),
  ]);
  const missingProduct = productIds.find((id) => !products.some((product) => product._id === id));
  if (missingProduct) fail('PRODUCT_NOT_FOUND', `banner product ${missingProduct} does not exist`);
  const missingCategory = categoryIds.find((_, index) => !categories[index]);
  if (missingCategory) fail('CATEGORY_NOT_FOUND', `banner category ${missingCategory} does not exist`);
}

export async function saveHome(
  content: Pick<HomeContent, 'banners' | 'notices'>,
  now: EpochMs,
): Promise<HomeContent> {
  await checkBannerTargets(content.banners);
  const saved: HomeContent = { banners: content.banners, notices: content.notices, updatedAt: now };
  await saveHomeContent(saved);
  return saved;
}
