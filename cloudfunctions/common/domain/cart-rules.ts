/**
 * Cart rules: adding (same SKU merges), changing a quantity, which lines can be bought now, and the totals
 * and badge the cart page shows. Pure: the repository reads the documents and applies the returned plan.
 */
import type {
  CartLine,
  CartLineInvalidReason,
  CartLineView,
  CartView,
  EpochMs,
  Product,
  Sku,
} from '../../../types/entities';
import { lineTotal, sumFen } from './money';
import { allow, refuse, type RuleResult } from './rule-result';
import { specText } from './sku-availability';

export const MIN_LINE_QUANTITY = 1;
export const MAX_LINE_QUANTITY = 99;
/** Past this a cart is a wish list; the limit also bounds what one cart read costs. */
export const MAX_CART_LINES = 100;

export type AddToCartCode =
  | 'PRODUCT_NOT_FOUND'
  | 'PRODUCT_OFF_SALE'
  | 'SKU_NOT_FOUND'
  | 'OUT_OF_STOCK'
  | 'QUANTITY_OUT_OF_RANGE'
  | 'CART_FULL';

/** Set when the merged quantity was lowered to what may be bought: the page says so. */
export type QuantityClamp = 'STOCK' | 'LIMIT';

export type AddToCartPlan =
  | { kind: 'MERGE'; lineId: string; quantity: number; clamped?: QuantityClamp }
  | { kind: 'INSERT'; line: CartLine; clamped?: QuantityClamp };

export interface AddToCartInput {
  productId: string;
  skuId: string;
  quantity: number;
}

export interface AddToCartContext {
  openid: string;
  now: EpochMs;
  newId: () => string;
}

function isLineQuantity(quantity: number): boolean {
  return Number.isInteger(quantity) && quantity >= MIN_LINE_QUANTITY && quantity <= MAX_LINE_QUANTITY;
}

const RANGE = { min: MIN_LINE_QUANTITY, max: MAX_LINE_QUANTITY } as const;

/**
 * Adding merges into the line of the same SKU. A merged quantity above min(99, stock) is lowered to it
 * (reported as `clamped`); only when the line is already at that ceiling is the add refused.
 */
export function planAddToCart(
  lines: readonly CartLine[],
  input: AddToCartInput,
  product: Product | undefined,
  sku: Sku | undefined,
  ctx: AddToCartContext,
): RuleResult<AddToCartPlan, AddToCartCode> {
  if (!isLineQuantity(input.quantity)) return refuse('QUANTITY_OUT_OF_RANGE', RANGE);
  if (!product) return refuse('PRODUCT_NOT_FOUND');
  if (!sku || sku.productId !== product._id) return refuse('SKU_NOT_FOUND');
  if (!product.onSale || !sku.onSale) return refuse('PRODUCT_OFF_SALE');
  if (sku.stock <= 0) return refuse('OUT_OF_STOCK', { available: 0 });

  const ceiling = Math.min(MAX_LINE_QUANTITY, sku.stock);
  const clampReason: QuantityClamp = sku.stock < MAX_LINE_QUANTITY ? 'STOCK' : 'LIMIT';
  const existing = lines.find((l) => l.skuId === sku._id);
  const current = existing?.quantity ?? 0;

  if (current >= ceiling) {
    return clampReason === 'STOCK'
      ? refuse('OUT_OF_STOCK', { available: sku.stock })
      : refuse('QUANTITY_OUT_OF_RANGE', RANGE);
  }
  const wanted = current + input.quantity;
  const quantity = Math.min(wanted, ceiling);
  const clamped = wanted > ceiling ? { clamped: clampReason } : {};

  if (existing) return allow({ kind: 'MERGE', lineId: existing._id, quantity, ...clamped });
  if (lines.length >= MAX_CART_LINES) return refuse('CART_FULL', { max: MAX_CART_LINES });
  return allow({
    kind: 'INSERT',
    line: {
      _id: ctx.newId(),
      openid: ctx.openid,
      productId: product._id,
      skuId: sku._id,
      quantity,
      selected: true,
      addedAt: ctx.now,
    },
    ...clamped,
  });
}

/**
 * A new quantity for a line. Raising it past the stock is refused; lowering is always allowed, even when
 * still above the stock, because that is how a buyer fixes a STOCK_SHORT line.
 */
export function checkLineQuantity(
  line: CartLine,
  quantity: number,
  sku: Sku | undefined,
): RuleResult<number, 'QUANTITY_OUT_OF_RANGE' | 'OUT_OF_STOCK'> {
  if (!isLineQuantity(quantity)) return refuse('QUANTITY_OUT_OF_RANGE', RANGE);
  if (quantity > line.quantity && quantity > (sku?.stock ?? 0)) {
    return refuse('OUT_OF_STOCK', { available: sku?.stock ?? 0 });
  }
  return allow(quantity);
}

/** Why a line cannot be bought now, or undefined when it can. */
export function lineInvalidReason(
  line: CartLine,
  product: Product | undefined,
  sku: Sku | undefined,
): CartLineInvalidReason | undefined {
  // A deleted product reads to the buyer like one taken off sale.
  if (!product || !product.onSale) return 'OFF_SALE';
  if (!sku || sku.productId !== product._id) return 'SKU_GONE';
  if (!sku.onSale) return 'OFF_SALE';
  if (sku.stock <= 0) return 'OUT_OF_STOCK';
  if (sku.stock < line.quantity) return 'STOCK_SHORT';
  return undefined;
}

/** Total quantity of every line, valid or not: what the buyer put in. */
export function cartBadgeCount(lines: readonly CartLine[]): number {
  return lines.reduce((n, l) => n + l.quantity, 0);
}

/** Joins lines with the current catalog; a line whose product is gone keeps an empty title and image. */
export function buildCartView(
  lines: readonly CartLine[],
  products: ReadonlyMap<string, Product>,
  skus: ReadonlyMap<string, Sku>,
): Omit<CartView, 'shipping'> {
  const views: CartLineView[] = [...lines]
    .sort((a, b) => b.addedAt - a.addedAt || (a._id < b._id ? -1 : 1))
    .map((line) => {
      const product = products.get(line.productId);
      const sku = skus.get(line.skuId);
      const invalid = lineInvalidReason(line, product, sku);
      const view: CartLineView = {
        lineId: line._id,
        productId: line.productId,
        skuId: line.skuId,
        title: product?.title ?? '',
        image: product?.images[0] ?? '',
        specText: product && sku ? specText(product.specs, sku.specValues) : '',
        price: sku?.price ?? 0,
        originalPrice: sku?.originalPrice ?? 0,
        stock: sku?.stock ?? 0,
        quantity: line.quantity,
        selected: line.selected,
        addedAt: line.addedAt,
      };
      return invalid ? { ...view, invalid } : view;
    });

  const valid = views.filter((v) => !v.invalid);
  const chosen = valid.filter((v) => v.selected);
  return {
    lines: views,
    selectedLineCount: chosen.length,
    selectedQuantity: chosen.reduce((n, v) => n + v.quantity, 0),
    selectedTotal: sumFen(chosen.map((v) => lineTotal(v.price, v.quantity))),
    allSelected: valid.length > 0 && valid.every((v) => v.selected),
    badgeCount: cartBadgeCount(lines),
  };
}
