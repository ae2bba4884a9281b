/**
 * The merchant's catalog: products with their SKUs and stock, categories, and what the buyer's 首页 shows
 * (banners and notices). Requests and answers of the `admin` function's product actions.
 */
import type { Category, EpochMs, Fen, Product, Sku, SpecDimension } from './entities';

/** A product as the workspace's list shows it. */
export interface MerchantProductRow {
  _id: string;
  title: string;
  /** Cover image: the first of `images`. */
  image: string;
  categoryId: string;
  onSale: boolean;
  minPrice: Fen;
  maxPrice: Fen;
  /** Sum of the SKUs' stock. */
  stock: number;
  sales: number;
  createdAt: EpochMs;
}

export interface MerchantProductListRequest {
  /** Matched like the buyer's search (the product's search terms). */
  keyword?: string;
  /** A top or second-level category. */
  categoryId?: string;
  /** Absent: on and off sale. */
  onSale?: boolean;
  /** 1-based; 20 per page. */
  page?: number;
}

export interface MerchantProductPage {
  items: MerchantProductRow[];
  page: number;
  hasMore: boolean;
}

/** A product with every SKU, as the edit form opens it (search terms are never sent). */
export interface MerchantProductDetail {
  /** The product as the editor shows it: not its search terms nor the 已售罄 flag's bookkeeping token. */
  product: Omit<Product, 'terms' | 'soldOutCheck'>;
  skus: Sku[];
}

/**
 * One SKU of the edit form. `skuId` names an existing SKU (absent = a new one). `stock` is the starting stock of a
 * new SKU only: an existing SKU's stock changes through products.adjustStock (with a reason, audited), never by
 * saving the form, so a save cannot overwrite sales made while the form was open.
 */
export interface SkuInput {
  skuId?: string;
  /** One value per spec dimension, in the order of `specs`. */
  specValues: string[];
  price: Fen;
  /** ≥ price. */
  originalPrice: Fen;
  stock: number;
  onSale: boolean;
}

/** What the product form saves. SKUs left out of `skus` on an update are taken off sale (orders refer to them). */
export interface ProductInput {
  /** 1..60 characters. */
  title: string;
  /** 0..120 characters. */
  subtitle: string;
  /** A second-level category. */
  categoryId: string;
  /** 1..9 cloud:// file IDs (uploaded to cloud storage) or asset paths; the first is the cover. */
  images: string[];
  /** 0..2000 characters. */
  description: string;
  /** 0..5 tags of 1..10 characters. */
  tags: string[];
  /** 0..2 dimensions, each with 1..20 distinct values. */
  specs: SpecDimension[];
  /** 1..100 SKUs: exactly one per combination of spec values. */
  skus: SkuInput[];
}

export interface StockAdjustmentRequest {
  skuId: string;
  /** Added to the stock (negative takes away); the stock never goes below zero (OUT_OF_STOCK). */
  delta: number;
  /** 1..50 characters, e.g. '盘点' or '到货': kept in the audit log. */
  reason: string;
}

export interface LowStockRow {
  productId: string;
  skuId: string;
  title: string;
  image: string;
  /** e.g. '颜色:红 尺码:M'; '' for a product without specs. */
  specText: string;
  stock: number;
  productOnSale: boolean;
}

export interface CategoryInput {
  /** null: a top-level category; otherwise a top-level category's id (two levels only). */
  parentId: string | null;
  /** 1..10 characters. */
  name: string;
  /** An asset path or cloud:// file ID; '' for none. */
  icon: string;
  sort: number;
}

/** A picture on the buyer's 首页 and where tapping it leads. */
export type BannerLink =
  { kind: 'none' } | { kind: 'product'; productId: string } | { kind: 'category'; categoryId: string };

export interface HomeBanner {
  /** cloud:// file ID or asset path. */
  image: string;
  /** 0..20 characters, for accessibility and the workspace's list. */
  title: string;
  link: BannerLink;
}

export interface HomeNotice {
  /** 1..60 characters, shown in the 首页's notice bar. */
  text: string;
}

/** Everything 首页 shows above the categories: at most 6 banners and 3 notices, in display order. */
export interface HomeContent {
  banners: HomeBanner[];
  notices: HomeNotice[];
  updatedAt?: EpochMs;
}

export interface CatalogActions {
  'products.list': { request: MerchantProductListRequest; response: MerchantProductPage };
  'products.detail': { request: { productId: string }; response: MerchantProductDetail };
  /** Search terms are computed as the seed computes them, so the buyer's search finds the product at once. */
  'products.create': { request: ProductInput; response: MerchantProductDetail };
  'products.update': { request: ProductInput & { productId: string }; response: MerchantProductDetail };
  'products.setOnSale': { request: { productId: string; onSale: boolean }; response: MerchantProductRow };
  'products.adjustStock': { request: StockAdjustmentRequest; response: Sku };
  /** On-sale SKUs with stock ≤ threshold (default 10), lowest first, at most 100. */
  'products.lowStock': { request: { threshold?: number }; response: { items: LowStockRow[] } };
  /** Both levels, in display order. */
  'categories.list': { request: Record<string, never>; response: { categories: Category[] } };
  'categories.create': { request: CategoryInput; response: Category };
  'categories.update': { request: CategoryInput & { categoryId: string }; response: Category };
  /** CATEGORY_IN_USE while it has subcategories or products. */
  'categories.remove': { request: { categoryId: string }; response: { removed: boolean } };
  'home.get': { request: Record<string, never>; response: HomeContent };
  /** Replaces the banners and notices as a whole. */
  'home.save': { request: { banners: HomeBanner[]; notices: HomeNotice[] }; response: HomeContent };
}
