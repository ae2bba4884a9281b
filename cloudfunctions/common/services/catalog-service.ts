/** What buyers browse: the home page, category listings, search and a product's detail with live stock. */
import type {
  HomeResponse,
  ProductCard,
  ProductDetail,
  ProductListRequest,
  ProductPage,
  SearchHintsRequest,
  SearchHintsResponse,
} from '../../../types/api';
import { readHomeDocument, storeHomeCategories } from '../repositories/home-content-repository';
import { alternativesOf, keywordParts, type KeywordPart } from '../domain/search-terms';
import { readSearchSettings } from '../repositories/settings-repository';
import type { Category } from '../../../types/entities';
import { fail } from '../runtime/domain-error';
import {
  findProduct,
  findProducts,
  findProductsInStock,
  findSkusOfProduct,
  listCategories,
} from '../repositories/catalog-repository';

export const PRODUCT_PAGE_SIZE = 20;

export async function productPage(request: ProductListRequest): Promise<ProductPage> {
  const page = await productRows(request);
  const inStock = await findProductsInStock(page.items.map((card) => card._id));
  // Listings read live stock (they have a request to spare); the card's kept flag gives way to it.
  const items = page.items.map((card): ProductCard => {
    const { soldOut: _kept, ...live } = card;
    return inStock.has(card._id) ? live : { ...live, soldOut: true };
  });
  // 仅看有货 drops sold-out cards from the page: a page may hold fewer than 20, paging stays exact.
  return { ...page, items: request.inStock ? items.filter((card) => !card.soldOut) : items };
}

export const SUGGESTION_LIMIT = 8;

/** 热门搜索 and, while typing, titles the typed text finds (one indexed query). */
export async function searchHints(request: SearchHintsRequest): Promise<SearchHintsResponse> {
  const [settings, keyword] = await Promise.all([readSearchSettings(), keywordQuery(request.prefix)]);
  if (!keyword) return { hotKeywords: settings.hotKeywords, suggestions: [] }; // none typed, or nothing searchable
  const cards = await findProducts({ keyword, sort: 'sales', skip: 0, limit: SUGGESTION_LIMIT });
  return { hotKeywords: settings.hotKeywords, suggestions: [...new Set(cards.map((card) => card.title))] };
}

/**
 * A keyword as index matches: its parts, each widened by the merchant's synonyms. Undefined for no keyword;
 * null for one with nothing searchable in it ('.*('), which finds nothing.
 */
async function keywordQuery(keyword: string | undefined): Promise<KeywordPart[][] | undefined | null> {
  if (!keyword?.trim()) return undefined;
  const parts = keywordParts(keyword);
  if (parts.length === 0) return null;
  const { synonyms } = await readSearchSettings();
  return parts.map((part) => alternativesOf(part, synonyms));
}

/**
 * A page of cards without the stock check: the home feed keeps to its budget of 2 database requests and marks
 * 已售罄 from the products' kept flag (sold-out-service).
 */
async function productRows(request: ProductListRequest): Promise<ProductPage> {
  const page = request.page ?? 1;
  const keyword = await keywordQuery(request.keyword);
  if (keyword === null) return { items: [], page, pageSize: PRODUCT_PAGE_SIZE, hasMore: false };
  // One extra row tells whether another page exists without a second count request.
  const rows = await findProducts({
    categoryId: request.categoryId,
    keyword,
    minPrice: request.minPrice,
    maxPrice: request.maxPrice,
    sort: request.sort ?? 'default',
    skip: (page - 1) * PRODUCT_PAGE_SIZE,
    limit: PRODUCT_PAGE_SIZE + 1,
  });
  return {
    items: rows.slice(0, PRODUCT_PAGE_SIZE),
    page,
    pageSize: PRODUCT_PAGE_SIZE,
    hasMore: rows.length > PRODUCT_PAGE_SIZE,
  };
}

/**
 * The first screen in 2 requests, cold or warm: the home document (banners, notices and its copy of the
 * top-level categories) and the feed. After a category change the copy is rebuilt by the first home read.
 */
export async function homePage(): Promise<HomeResponse> {
  const [home, feed] = await Promise.all([readHomeDocument(), productRows({ page: 1 })]);
  let categories = home.categories;
  if (!categories) {
    categories = await listCategories(true);
    await storeHomeCategories(home.version, categories).catch((error: unknown) =>
      console.error('[catalog] storing the home categories failed', error),
    );
  }
  return { categories, banners: home.content.banners, notices: home.content.notices, feed };
}

export async function categoryTree(): Promise<{ categories: Category[] }> {
  return { categories: await listCategories(false) };
}

export async function productDetail(productId: string): Promise<ProductDetail> {
  const [product, skus] = await Promise.all([findProduct(productId), findSkusOfProduct(productId)]);
  if (!product) fail('PRODUCT_NOT_FOUND', `product ${productId} does not exist`);
  if (!product.onSale) fail('PRODUCT_OFF_SALE', `product ${productId} is off sale`);
  return { product, skus };
}
