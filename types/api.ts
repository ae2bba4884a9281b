/**
 * The contract between the mini program and the cloud functions: for each function, its actions with their
 * request (the event minus `action`) and response (`data` of an ok Result).
 * Both src/services and cloudfunctions/ are typed by it, so a change on one side breaks the other's build.
 */
import type { CartView, Category, Fen, Product, Sku } from './entities';

export interface PingResponse {
  openid: string;
  appid: string;
  env: string;
  serverTime: number;
}

// ---------------------------------------------------------------- catalog

export type ProductSort = 'default' | 'sales' | 'priceAsc' | 'priceDesc' | 'newest';

/** A product as lists show it: enough for a card, nothing more (lists are read often). */
export interface ProductCard {
  _id: string;
  title: string;
  subtitle: string;
  image: string;
  minPrice: Fen;
  maxPrice: Fen;
  sales: number;
  tags: string[];
}

export interface ProductPage {
  items: ProductCard[];
  page: number;
  pageSize: number;
  hasMore: boolean;
}

export interface ProductListRequest {
  /** A top or second-level category; absent = every category. */
  categoryId?: string;
  /** Matched against titles and tags. */
  keyword?: string;
  sort?: ProductSort;
  /** 1-based. */
  page?: number;
}

export interface HomeResponse {
  /** Top-level categories for the entries of 首页. */
  categories: Category[];
  feed: ProductPage;
}

export interface ProductDetail {
  product: Product;
  /** Every SKU of the product with live stock; off-sale SKUs are included so the picker can disable them. */
  skus: Sku[];
}

// ---------------------------------------------------------------- cart

export interface CartCountResponse {
  badgeCount: number;
}

export interface CartAddResponse {
  cart: CartView;
  /** Set when the quantity added was lowered to what may be bought (stock or the per-line limit). */
  clamped?: 'STOCK' | 'LIMIT';
}

/** Actions of the `shop` function: what a buyer's mini program calls. */
export interface ShopActions {
  ping: { request: Record<string, never>; response: PingResponse };
  'catalog.home': { request: Record<string, never>; response: HomeResponse };
  'catalog.categories': { request: Record<string, never>; response: { categories: Category[] } };
  'catalog.products': { request: ProductListRequest; response: ProductPage };
  'catalog.product': { request: { productId: string }; response: ProductDetail };
  'cart.list': { request: Record<string, never>; response: CartView };
  'cart.count': { request: Record<string, never>; response: CartCountResponse };
  'cart.add': { request: { productId: string; skuId: string; quantity: number }; response: CartAddResponse };
  'cart.setQuantity': { request: { lineId: string; quantity: number }; response: CartView };
  'cart.select': { request: { lineIds: string[]; selected: boolean }; response: CartView };
  'cart.selectAll': { request: { selected: boolean }; response: CartView };
  'cart.remove': { request: { lineIds: string[] }; response: CartView };
}

export interface CloudApi {
  shop: ShopActions;
}

export type FunctionName = keyof CloudApi;
export type ActionName<F extends FunctionName> = keyof CloudApi[F] & string;
export type ActionRequest<F extends FunctionName, A extends ActionName<F>> = CloudApi[F][A] extends {
  request: infer R;
}
  ? R
  : never;
export type ActionResponse<F extends FunctionName, A extends ActionName<F>> = CloudApi[F][A] extends {
  response: infer R;
}
  ? R
  : never;

/** The event a function receives: the action name and its request fields. */
export type ActionEvent<F extends FunctionName, A extends ActionName<F>> = { action: A } & ActionRequest<F, A>;
