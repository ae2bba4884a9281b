/**
 * Builds the seed shop from the catalog: documents for the categories, products, SKUs and coupon templates,
 * and the SVG pictures they reference. Pure and deterministic: a fixed clock and a seeded random source
 * per product, so regenerating gives byte-identical output and one product's edit leaves the others alone.
 */
import type {
  Category,
  CouponTemplate,
  Product,
  Review,
  SearchSettings,
  Sku,
  SpecDimension,
} from '../../types/entities';
import { productSearchTerms } from '../../cloudfunctions/common/domain/search-terms';
import { initialsOf, segmentWords } from '../../cloudfunctions/common/search/segmenter';
import { specText } from '../../cloudfunctions/common/domain/sku-availability';
import { summaryIncrement } from '../../cloudfunctions/common/domain/reviews';
import { buyerNameFor, reviewIdFor } from '../../cloudfunctions/common/domain/review-identity';
import { CATEGORY_DEFS } from './categories';
import { CATALOG, type ProductDef } from './catalog';
import { couponTemplates } from './coupon-templates';
import { REVIEW_DEFS } from './reviews';
import { bannerPicture, categoryIcon, colourOf, productPicture, shade, tint } from './pictures';
import type { ShapeName } from './shapes';
import type { CollectionName } from '../../cloudfunctions/common/repositories/collections';
import type { HomeBanner, HomeNotice } from '../../types/merchant-catalog';
import { BANNER_DEFS, NOTICES } from './home-content';

/** Documents by collection name; every collection of the shop is listed so seeding creates them all. */
/**
 * The 首页 settings document as home-content-repository keeps it: the merchant's banners and notices, and the
 * copy of the top-level categories the first home read would otherwise rebuild (so a fresh shop's first screen
 * costs its 2 requests too).
 */
export interface HomeSettings {
  _id: 'home';
  banners: HomeBanner[];
  notices: HomeNotice[];
  updatedAt: number;
  categories: Category[];
  categoriesVersion: 0;
}

export type SeedShop = {
  settings: Array<SearchSettings | HomeSettings>;
  categories: Category[];
  products: Product[];
  skus: Sku[];
  coupon_templates: CouponTemplate[];
  reviews: Review[];
} & Record<
  Exclude<CollectionName, 'settings' | 'categories' | 'products' | 'skus' | 'coupon_templates' | 'reviews'>,
  never[]
>;

const EMPTY_COLLECTIONS = {
  cart_lines: [],
  addresses: [],
  user_coupons: [],
  orders: [],
  payment_inbox: [],
  product_views: [],
  recommendations: [],
  stock_reservations: [],
  buyer_quotas: [],
  staff: [],
  staff_invitations: [],
  audit_log: [],
  message_subscriptions: [],
  sent_messages: [],
  restock_subscriptions: [],
  behaviour_daily: [],
  dashboard: [],
  after_sales: [],
  favorites: [],
  history_clears: [],
  search_reindex: [],
  buyer_profiles: [],
} satisfies Omit<SeedShop, 'settings' | 'categories' | 'products' | 'skus' | 'coupon_templates' | 'reviews'>;

/** The merchant's search settings of the sample shop: synonyms buyers type, and 热门搜索. */
const SEARCH_SETTINGS: SearchSettings = {
  _id: 'search',
  synonyms: [
    ['纸尿裤', '尿不湿'],
    ['t恤', '短袖', '体恤'],
    ['耳机', '耳麦'],
    ['手机壳', '保护壳'],
    ['连衣裙', '裙子'],
  ],
  hotKeywords: ['纸尿裤', '耳机', '连衣裙', '芒果', '运动', '保温杯'],
};

function categoryName(categories: readonly Category[], id: string): string {
  const category = categories.find((c) => c._id === id);
  if (!category) throw new Error(`unknown category ${id}`);
  return category.name;
}

export interface SeedFile {
  /** Relative to the images folder the local cloud serves at /assets/. */
  path: string;
  content: string;
}

/** 2025-01-01 00:00 China time: every createdAt counts from here. */
export const SEED_EPOCH = Date.UTC(2024, 11, 31, 16, 0, 0);
const HOUR_MS = 60 * 60 * 1000;

/** mulberry32: small, fast and the same on every machine. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

function combinations(specs: ProductDef['specs']): string[][] {
  return specs.reduce<string[][]>(
    (acc, [, values]) => acc.flatMap((prefix) => values.map((v) => [...prefix, v])),
    [[]],
  );
}

interface Leaf {
  id: string;
  path: [string, string];
  shape: ShapeName;
  colour: string;
}

function leaves(): Map<string, Leaf> {
  const out = new Map<string, Leaf>();
  for (const top of CATEGORY_DEFS) {
    for (const child of top.children) {
      out.set(child.id, { id: child.id, path: [top.id, child.id], shape: child.shape, colour: top.colour });
    }
  }
  return out;
}

function buildCategories(): { categories: Category[]; files: SeedFile[] } {
  const categories: Category[] = [];
  const files: SeedFile[] = [];
  CATEGORY_DEFS.forEach((top, i) => {
    categories.push({
      _id: top.id,
      parentId: null,
      name: top.name,
      icon: `/assets/categories/${top.id}.svg`,
      sort: i + 1,
    });
    files.push({
      path: `categories/${top.id}.svg`,
      content: categoryIcon(top.children[0].shape, top.colour),
    });
    top.children.forEach((child, j) => {
      categories.push({
        _id: child.id,
        parentId: top.id,
        name: child.name,
        icon: `/assets/categories/${child.id}.svg`,
        sort: j + 1,
      });
      files.push({ path: `categories/${child.id}.svg`, content: categoryIcon(child.shape, top.colour) });
    });
  });
  return { categories, files };
}

/** Stock with the shapes a shop really has: mostly plenty, some low, some none. */
function stockOf(random: () => number): number {
  const r = random();
  if (r < 0.12) return 0;
  if (r < 0.27) return 1 + Math.floor(random() * 5);
  return 20 + Math.floor(random() * 480);
}

/** A reference price 0–50% above, in whole yuan; a quarter of products sell at their reference price. */
function originalPriceOf(price: number, markup: number): number {
  return markup === 1 ? price : Math.max(price, Math.ceil((price * markup) / 100) * 100);
}

function buildSkus(productId: string, def: ProductDef, random: () => number, index: number): Sku[] {
  const markup = [1, 1.2, 1.3, 1.5][Math.floor(random() * 4)];
  const combos = combinations(def.specs);
  const skus = combos.map((specValues, k): Sku => {
    const price = def.price + specValues.reduce((sum, v) => sum + (def.extra?.[v] ?? 0), 0);
    // The first product stays fully buyable: it is the one a newcomer (and the e2e walk) tries first.
    const stock = def.soldOut ? 0 : index === 0 ? 50 + Math.floor(random() * 100) : stockOf(random);
    const onSale = index === 0 || combos.length === 1 || random() >= 0.06;
    return {
      _id: `${productId}-s${pad(k + 1, 2)}`,
      productId,
      specValues,
      price,
      originalPrice: originalPriceOf(price, markup),
      stock,
      sold: Math.floor(random() ** 2 * 2000),
      onSale,
    };
  });
  // A product on sale with nothing to buy is only intended for the sold-out example.
  if (!def.soldOut && !skus.some((s) => s.onSale && s.stock > 0)) {
    skus[0] = { ...skus[0], onSale: true, stock: 30 };
  }
  return skus;
}

function productColours(def: ProductDef, leaf: Leaf, index: number): string[] {
  const colourDimension = def.specs.find(([name]) => name === '颜色' || name === '色号');
  const named = (colourDimension?.[1] ?? []).map(colourOf).filter((c): c is string => c !== undefined);
  if (named.length > 0) return named;
  const variants = [leaf.colour, shade(leaf.colour, 0.15), tint(leaf.colour, 0.25)];
  return [variants[index % 3], variants[(index + 1) % 3], variants[(index + 2) % 3]];
}

export function buildSeed(): { shop: SeedShop; files: SeedFile[] } {
  const { categories, files } = buildCategories();
  const leafById = leaves();
  const products: Product[] = [];
  const skus: Sku[] = [];

  CATALOG.forEach((def, index) => {
    const leaf = leafById.get(def.category);
    if (!leaf) throw new Error(`product ${def.title}: unknown category ${def.category}`);
    const productId = `p${pad(index + 1, 3)}`;
    const random = seededRandom(0x5eed + index * 7919);
    const productSkus = buildSkus(productId, def, random, index);
    const priced = productSkus.some((s) => s.onSale) ? productSkus.filter((s) => s.onSale) : productSkus;

    const colours = productColours(def, leaf, index);
    const imageCount = 2 + (index % 2);
    const images: string[] = [];
    for (let n = 1; n <= imageCount; n++) {
      const file = `${productId}-${n}.svg`;
      images.push(`/assets/products/${file}`);
      const colour = colours[(n - 1) % colours.length];
      files.push({
        path: `products/${file}`,
        content: productPicture(def.shape ?? leaf.shape, leaf.colour, colour, n),
      });
    }

    const specs: SpecDimension[] = def.specs.map(([name, values]) => ({ name, values: [...values] }));
    // The colour dimension gets a picture per value, so the spec sheet shows the colour chosen.
    const colourDimension = specs.find((d) => d.name === '颜色' || d.name === '色号');
    const valueColours = colourDimension?.values.map(colourOf) ?? [];
    if (colourDimension && valueColours.every((c): c is string => c !== undefined)) {
      colourDimension.images = valueColours.map((colour, k) => {
        if (k < imageCount && colours[k] === colour) return images[k];
        const file = `${productId}-c${k + 1}.svg`;
        files.push({
          path: `products/${file}`,
          content: productPicture(def.shape ?? leaf.shape, leaf.colour, colour, 1),
        });
        return `/assets/products/${file}`;
      });
    }

    products.push({
      _id: productId,
      title: def.title,
      subtitle: def.subtitle,
      images,
      description: def.description,
      categoryId: leaf.id,
      categoryPath: [...leaf.path],
      tags: [...def.tags],
      onSale: !def.offSale,
      specs,
      // Spread over the first months of the epoch, later products newer, at varied hours.
      createdAt: SEED_EPOCH + index * 48 * HOUR_MS + ((index * 37) % 24) * HOUR_MS,
      sales: productSkus.reduce((n, s) => n + s.sold, 0),
      terms: productSearchTerms(
        { title: def.title, tags: def.tags, specs },
        [categoryName(categories, leaf.path[0]), categoryName(categories, leaf.id)],
        segmentWords,
        initialsOf,
      ),
      minPrice: Math.min(...priced.map((s) => s.price)),
      maxPrice: Math.max(...priced.map((s) => s.price)),
      // As sold-out-service keeps it once the shop runs.
      ...(!productSkus.some((s) => s.onSale && s.stock > 0) && { soldOut: true }),
    });
    skus.push(...productSkus);
  });

  const reviews = buildReviews(products, skus);
  const home = buildHome(categories, products);
  files.push(...home.files);
  return {
    shop: {
      settings: [SEARCH_SETTINGS, home.settings],
      categories,
      products: products.map((product) => withReviewSummary(product, reviews)),
      skus,
      coupon_templates: couponTemplates(SEED_EPOCH),
      reviews,
      ...EMPTY_COLLECTIONS,
    },
    files,
  };
}

/** The 首页's banners (artwork under banners/) and notices; every banner leads to a product or category on sale. */
function buildHome(
  categories: readonly Category[],
  products: readonly Product[],
): { settings: HomeSettings; files: SeedFile[] } {
  const files: SeedFile[] = [];
  const banners = BANNER_DEFS.map((def): HomeBanner => {
    const { link } = def;
    if (link.kind === 'product' && !products.some((p) => p._id === link.productId && p.onSale && !p.soldOut))
      throw new Error(`banner ${def.id}: product ${link.productId} is not buyable`);
    if (link.kind === 'category' && !categories.some((c) => c._id === link.categoryId))
      throw new Error(`banner ${def.id}: unknown category ${link.categoryId}`);
    if (def.title.length > 20) throw new Error(`banner ${def.id}: title longer than 20 characters`);
    files.push({ path: `banners/${def.id}.svg`, content: bannerPicture(def.art) });
    return { image: `/assets/banners/${def.id}.svg`, title: def.title, link };
  });
  return {
    settings: {
      _id: 'home',
      banners,
      notices: NOTICES.map((notice) => ({ text: notice.text })),
      updatedAt: SEED_EPOCH,
      // As listCategories(true) answers them: top level, in display order.
      categories: categories
        .filter((category) => category.parentId === null)
        .sort((a, b) => a.sort - b.sort)
        .map((category) => ({ ...category })),
      categoriesVersion: 0,
    },
    files,
  };
}

/**
 * Reviews of REVIEW_DEFS as review.create would have written them: each from its own (made-up) order of an
 * on-sale SKU, a few days apart after the product appeared, by one of a dozen buyers.
 */
function buildReviews(products: Product[], skus: Sku[]): Review[] {
  const reviews: Review[] = [];
  REVIEW_DEFS.forEach((def, i) => {
    const product = products.find((p) => p._id === def.productId);
    if (!product) throw new Error(`review of unknown product ${def.productId}`);
    const own = skus.filter((s) => s.productId === product._id && s.onSale);
    def.reviews.forEach(([rating, content], k) => {
      const sku = own[(k * 5 + i) % own.length];
      const orderId = `seed-order-${product._id}-${k + 1}`;
      const openid = `seed-buyer-${pad(((i * 5 + k * 7) % 12) + 1, 2)}`;
      reviews.push({
        _id: reviewIdFor(orderId, sku._id),
        orderId,
        openid,
        productId: product._id,
        skuId: sku._id,
        specText: specText(product.specs, sku.specValues),
        rating,
        content,
        createdAt: SEED_EPOCH + (90 + i * 3 + k * 9) * 24 * HOUR_MS + ((i * 5 + k * 11) % 14) * HOUR_MS,
        buyerName: buyerNameFor(openid),
      });
    });
  });
  return reviews;
}

/** The summary review.create keeps, added up from the product's reviews; unreviewed products have none. */
function withReviewSummary(product: Product, reviews: Review[]): Product {
  const own = reviews.filter((r) => r.productId === product._id);
  if (own.length === 0) return product;
  const summary = { reviewCount: 0, ratingTotal: 0, positiveCount: 0 };
  for (const review of own) {
    const add = summaryIncrement(review.rating);
    summary.reviewCount += add.reviewCount;
    summary.ratingTotal += add.ratingTotal;
    summary.positiveCount += add.positiveCount;
  }
  return { ...product, ...summary };
}
