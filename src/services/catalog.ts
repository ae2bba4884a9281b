/** Typed calls of the catalog actions of the `shop` function: what 首页, 分类, 搜索, 商品详情 and 猜你喜欢 read. */
import type {
  Category,
  HomeResponse,
  ProductDetail,
  ProductListRequest,
  ProductPage,
  RecommendResponse,
  Result,
  SearchHintsResponse,
} from '@shop/types';
import { callCloud } from './cloud';

export function fetchHome(): Promise<Result<HomeResponse>> {
  return callCloud('shop', 'catalog.home', {});
}

/** Every category, top and second level: the page arranges them. */
export async function fetchCategories(): Promise<Result<Category[]>> {
  const answer = await callCloud('shop', 'catalog.categories', {});
  return answer.ok ? { ok: true, data: answer.data.categories } : answer;
}

export function fetchProducts(request: ProductListRequest): Promise<Result<ProductPage>> {
  return callCloud('shop', 'catalog.products', request);
}

export function fetchProduct(productId: string): Promise<Result<ProductDetail>> {
  return callCloud('shop', 'catalog.product', { productId });
}

/** 猜你喜欢: with a product, the call also records that the buyer viewed it. */
export function fetchRecommendations(productId?: string): Promise<Result<RecommendResponse>> {
  return callCloud('shop', 'catalog.recommend', productId ? { productId } : {});
}

/** 热门搜索, and with `prefix` the titles it finds (suggestions while typing). */
export function fetchSearchHints(prefix?: string): Promise<Result<SearchHintsResponse>> {
  return callCloud('shop', 'catalog.searchHints', prefix ? { prefix } : {});
}
