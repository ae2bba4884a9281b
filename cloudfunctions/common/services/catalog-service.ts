/** What buyers browse: the home page, category listings, search and a product's detail with live stock. */
import type { HomeResponse, ProductDetail, ProductListRequest, ProductPage } from '../../../types/api';
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
  return {
    ...page,
    items: page.items.map((card) => (inStock.has(card._id) ? card : { ...card, soldOut: true })),
  };
}

/** A page of cards without the stock check: the home feed keeps to its budget of 2 database requests. */
async function productRows(request: ProductListRequest): Promise<ProductPage> {
  const page = request.page ?? 1;
  // One extra row tells whether another page exists without a second count request.
  const rows = await findProducts({
    categoryId: request.categoryId,
    keyword: request.keyword?.trim() || undefined,
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

export async function homePage(): Promise<HomeResponse> {
  const [categories, feed] = await Promise.all([listCategories(true), productRows({ page: 1 })]);
  return { categories, feed };
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
