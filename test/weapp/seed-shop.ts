/**
 * Answers the `shop` function's catalog and cart actions from the sample shop (emulator/seed/shop.json) with the
 * same pure cart rules the function uses, so page tests run on real products, SKUs and stock without a cloud.
 */
import fs from 'node:fs';
import path from 'node:path';
import type {
  CartLine,
  CartView,
  Category,
  Product,
  ProductCard,
  ProductPage,
  Result,
  Sku,
} from '../../types';
import {
  buildCartView,
  checkLineQuantity,
  planAddToCart,
} from '../../cloudfunctions/common/domain/cart-rules';

export const SEED_FILE = path.resolve(__dirname, '..', '..', 'emulator', 'seed', 'shop.json');

export interface SeedShop {
  categories: Category[];
  products: Product[];
  skus: Sku[];
}

export function readSeed(): SeedShop {
  const seed = JSON.parse(fs.readFileSync(SEED_FILE, 'utf8')) as Partial<SeedShop>;
  return { categories: seed.categories ?? [], products: seed.products ?? [], skus: seed.skus ?? [] };
}

export const PAGE_SIZE = 10;

interface Call {
  name: string;
  data: Record<string, unknown>;
}

function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

function card(product: Product): ProductCard {
  const { _id, title, subtitle, images, minPrice, maxPrice, sales, tags } = product;
  return { _id, title, subtitle, image: images[0] ?? '', minPrice, maxPrice, sales, tags };
}

/** As the listings answer: 已售罄 when no SKU on sale has stock. */
function listedCard(product: Product, skus: readonly Sku[]): ProductCard {
  const inStock = skus.some((sku) => sku.productId === product._id && sku.onSale && sku.stock > 0);
  return inStock ? card(product) : { ...card(product), soldOut: true };
}

export class SeedShopBackend {
  readonly seed: SeedShop;
  lines: CartLine[] = [];
  private nextLine = 1;
  private clock = Date.UTC(2025, 5, 1);

  constructor(seed: SeedShop = readSeed()) {
    this.seed = seed;
  }

  product(id: string): Product {
    const product = this.seed.products.find((p) => p._id === id);
    if (!product) throw new Error(`no product ${id} in the seed`);
    return product;
  }

  skusOf(productId: string): Sku[] {
    return this.seed.skus.filter((sku) => sku.productId === productId);
  }

  /** On-sale products, in seed order, a page of them; the filters the page tests need. */
  productPage(request: { categoryId?: string; keyword?: string; page?: number }): ProductPage {
    const page = request.page ?? 1;
    const matching = this.seed.products.filter(
      (p) =>
        p.onSale &&
        (!request.categoryId || p.categoryPath.includes(request.categoryId)) &&
        (!request.keyword || p.title.includes(request.keyword) || p.tags.includes(request.keyword)),
    );
    const items = matching
      .slice((page - 1) * PAGE_SIZE, page * PAGE_SIZE)
      .map((product) => listedCard(product, this.seed.skus));
    return { items, page, pageSize: PAGE_SIZE, hasMore: page * PAGE_SIZE < matching.length };
  }

  addLine(productId: string, skuId: string, quantity: number, selected = true): CartLine {
    const line: CartLine = {
      _id: `line-${this.nextLine++}`,
      openid: 'test-buyer',
      productId,
      skuId,
      quantity,
      selected,
      addedAt: (this.clock += 1000),
    };
    this.lines.push(line);
    return line;
  }

  cartView(): CartView {
    const products = new Map(this.seed.products.map((p) => [p._id, p]));
    const skus = new Map(this.seed.skus.map((s) => [s._id, s]));
    return buildCartView(this.lines, products, skus);
  }

  answer = (call: Call): unknown => {
    if (call.name !== 'shop') return { ok: false, code: 'UNKNOWN_ACTION', message: call.name };
    const data = call.data;
    switch (data.action) {
      case 'catalog.home':
        return ok({
          categories: this.seed.categories.filter((c) => c.parentId === null).sort((a, b) => a.sort - b.sort),
          banners: [],
          notices: [],
          feed: this.productPage({ page: 1 }),
        });
      case 'catalog.categories':
        return ok({ categories: this.seed.categories });
      case 'catalog.products':
        return ok(this.productPage(data as { categoryId?: string; keyword?: string; page?: number }));
      case 'catalog.product': {
        const product = this.seed.products.find((p) => p._id === data.productId);
        if (!product) return { ok: false, code: 'PRODUCT_NOT_FOUND', message: 'no such product' };
        return ok({ product, skus: this.skusOf(product._id) });
      }
      case 'catalog.recommend':
        // The best sellers on sale, without the product asked about: the shape of the real answer.
        return ok({
          items: this.seed.products
            .filter((p) => p.onSale && p._id !== data.productId)
            .sort((a, b) => b.sales - a.sales)
            .slice(0, 10)
            .map(card),
        });
      case 'cart.list':
        return ok(this.cartView());
      case 'cart.count':
        return ok({ badgeCount: this.cartView().badgeCount });
      case 'cart.add': {
        const input = {
          productId: String(data.productId),
          skuId: String(data.skuId),
          quantity: Number(data.quantity ?? 1),
        };
        const plan = planAddToCart(
          this.lines,
          input,
          this.seed.products.find((p) => p._id === input.productId),
          this.seed.skus.find((s) => s._id === input.skuId),
          { openid: 'test-buyer', now: (this.clock += 1000), newId: () => `line-${this.nextLine++}` },
        );
        if (!plan.ok) return { ok: false, code: plan.code, message: plan.code };
        if (plan.value.kind === 'INSERT') this.lines.push(plan.value.line);
        else {
          const { lineId, quantity } = plan.value;
          this.lines = this.lines.map((l) => (l._id === lineId ? { ...l, quantity } : l));
        }
        return ok({ cart: this.cartView(), ...(plan.value.clamped ? { clamped: plan.value.clamped } : {}) });
      }
      case 'cart.setQuantity': {
        const line = this.lines.find((l) => l._id === data.lineId);
        if (!line) return { ok: false, code: 'CART_LINE_NOT_FOUND', message: 'no such line' };
        const checked = checkLineQuantity(
          line,
          Number(data.quantity),
          this.seed.skus.find((s) => s._id === line.skuId),
        );
        if (!checked.ok) return { ok: false, code: checked.code, message: checked.code };
        this.lines = this.lines.map((l) => (l._id === line._id ? { ...l, quantity: checked.value } : l));
        return ok(this.cartView());
      }
      case 'cart.select': {
        const ids = data.lineIds as string[];
        this.lines = this.lines.map((l) =>
          ids.includes(l._id) ? { ...l, selected: Boolean(data.selected) } : l,
        );
        return ok(this.cartView());
      }
      case 'cart.selectAll':
        this.lines = this.lines.map((l) => ({ ...l, selected: Boolean(data.selected) }));
        return ok(this.cartView());
      case 'cart.remove': {
        const ids = data.lineIds as string[];
        this.lines = this.lines.filter((l) => !ids.includes(l._id));
        return ok(this.cartView());
      }
      default:
        return { ok: false, code: 'UNKNOWN_ACTION', message: String(data.action) };
    }
  };
}
