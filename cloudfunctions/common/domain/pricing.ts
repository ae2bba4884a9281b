/**
 * The checkout quote: prices what the buyer asked for from the current catalog (never from prices the
 * client sent), adds shipping, takes off the chosen coupon, and lists every problem that blocks the order.
 * Order creation runs the same quote, so what the buyer saw is what the order charges.
 */
import type {
  AddressSnapshot,
  EpochMs,
  Fen,
  OrderItem,
  Product,
  Sku,
  UserCoupon,
} from '../../../types/entities';
import type { ErrorCode } from '../../../types/errors';
import { MAX_LINE_QUANTITY, MIN_LINE_QUANTITY } from './cart-rules';
import { evaluateCoupon } from './coupons';
import { lineTotal, sumFen } from './money';
import type { RuleDetail } from './rule-result';
import { shippingFee, type ShippingRule } from './shipping';
import { specText } from './sku-availability';

/** WeChat Pay refuses an order of 0 fen, so a coupon never brings the payable below this. */
export const MIN_PAYABLE: Fen = 1;

export interface CheckoutRequestItem {
  productId: string;
  skuId: string;
  quantity: number;
}

export interface QuoteInput {
  items: readonly CheckoutRequestItem[];
  /** The current documents of the requested products and SKUs, by id (missing = deleted). */
  products: ReadonlyMap<string, Product>;
  skus: ReadonlyMap<string, Sku>;
  address?: AddressSnapshot;
  /** The coupon the buyer chose (already checked to be theirs); none = no discount. */
  coupon?: UserCoupon;
  shippingRule: ShippingRule;
  now: EpochMs;
  /** The payable the buyer last saw; a different result adds PRICE_CHANGED so they confirm again. */
  expectedPayable?: Fen;
}

export type QuoteLineProblem =
  'QUANTITY_OUT_OF_RANGE' | 'PRODUCT_NOT_FOUND' | 'SKU_NOT_FOUND' | 'PRODUCT_OFF_SALE' | 'OUT_OF_STOCK';

export interface QuoteLine extends OrderItem {
  categoryPath: string[];
  lineTotal: Fen;
  /** A line with a problem is shown but not charged. */
  problem?: QuoteLineProblem;
  /** OUT_OF_STOCK: how many are left. */
  available?: number;
}

export interface QuoteProblem {
  code: ErrorCode;
  productId?: string;
  skuId?: string;
  couponId?: string;
  detail?: RuleDetail;
}

export interface CheckoutQuote {
  lines: QuoteLine[];
  itemsTotal: Fen;
  shippingFee: Fen;
  discount: Fen;
  payable: Fen;
  /** Set when the chosen coupon applies. */
  couponId?: string;
  /** Empty = the order can be placed. */
  problems: QuoteProblem[];
}

/** The same SKU asked for twice (two taps, a stale page) is one line of the summed quantity. */
function mergeItems(items: readonly CheckoutRequestItem[]): CheckoutRequestItem[] {
  const bySku = new Map<string, CheckoutRequestItem>();
  for (const item of items) {
    const seen = bySku.get(item.skuId);
    bySku.set(item.skuId, seen ? { ...seen, quantity: seen.quantity + item.quantity } : { ...item });
  }
  return [...bySku.values()];
}

function quoteLine(item: CheckoutRequestItem, product: Product | undefined, sku: Sku | undefined): QuoteLine {
  const base: QuoteLine = {
    productId: item.productId,
    skuId: item.skuId,
    title: product?.title ?? '',
    specText: product && sku ? specText(product.specs, sku.specValues) : '',
    image: product?.images[0] ?? '',
    price: sku?.price ?? 0,
    quantity: item.quantity,
    categoryPath: product ? [...product.categoryPath] : [],
    lineTotal: 0,
  };
  const quantityOk =
    Number.isInteger(item.quantity) &&
    item.quantity >= MIN_LINE_QUANTITY &&
    item.quantity <= MAX_LINE_QUANTITY;
  if (!quantityOk) return { ...base, problem: 'QUANTITY_OUT_OF_RANGE' };
  if (!product) return { ...base, problem: 'PRODUCT_NOT_FOUND' };
  if (!sku || sku.productId !== product._id) return { ...base, problem: 'SKU_NOT_FOUND' };
  if (!product.onSale || !sku.onSale) return { ...base, problem: 'PRODUCT_OFF_SALE' };
  if (sku.stock < item.quantity)
    return { ...base, problem: 'OUT_OF_STOCK', available: Math.max(0, sku.stock) };
  return { ...base, lineTotal: lineTotal(sku.price, item.quantity) };
}

export function quoteCheckout(input: QuoteInput): CheckoutQuote {
  const problems: QuoteProblem[] = [];
  const lines = mergeItems(input.items).map((item) =>
    quoteLine(item, input.products.get(item.productId), input.skus.get(item.skuId)),
  );
  for (const line of lines) {
    if (!line.problem) continue;
    const detail: RuleDetail | undefined =
      line.problem === 'OUT_OF_STOCK'
        ? { available: line.available ?? 0 }
        : line.problem === 'QUANTITY_OUT_OF_RANGE'
          ? { min: MIN_LINE_QUANTITY, max: MAX_LINE_QUANTITY }
          : undefined;
    problems.push({
      code: line.problem,
      productId: line.productId,
      skuId: line.skuId,
      ...(detail && { detail }),
    });
  }
  const valid = lines.filter((l) => !l.problem);
  if (valid.length === 0) problems.push({ code: 'NOTHING_TO_BUY' });

  const itemsTotal = sumFen(valid.map((l) => l.lineTotal));
  if (!input.address) problems.push({ code: 'ADDRESS_REQUIRED' });
  const fee = shippingFee(input.shippingRule, input.address?.province, itemsTotal);
  if (!fee.ok) problems.push({ code: fee.code, ...(fee.detail && { detail: fee.detail }) });
  const shipping = fee.ok ? fee.value : 0;

  let discount = 0;
  let couponId: string | undefined;
  if (input.coupon) {
    const evaluation = evaluateCoupon(input.coupon, valid, input.now);
    if (evaluation.usable) {
      discount = Math.max(0, Math.min(evaluation.discount, itemsTotal + shipping - MIN_PAYABLE));
      couponId = input.coupon._id;
    } else {
      const detail: RuleDetail =
        evaluation.shortBy === undefined
          ? { reason: evaluation.reason }
          : { reason: evaluation.reason, shortBy: evaluation.shortBy };
      problems.push({ code: 'COUPON_UNUSABLE', couponId: input.coupon._id, detail });
    }
  }

  const payable = itemsTotal + shipping - discount;
  if (input.expectedPayable !== undefined && input.expectedPayable !== payable) {
    problems.push({ code: 'PRICE_CHANGED', detail: { expected: input.expectedPayable, payable } });
  }
  return {
    lines,
    itemsTotal,
    shippingFee: shipping,
    discount,
    payable,
    ...(couponId !== undefined && { couponId }),
    problems,
  };
}

/** The items an order stores: the quote's charged lines, stripped to the snapshot fields. */
export function orderItemsFromQuote(quote: CheckoutQuote): OrderItem[] {
  return quote.lines
    .filter((l) => !l.problem)
    .map(({ productId, skuId, title, specText: text, image, price, quantity }) => ({
      productId,
      skuId,
      title,
      specText: text,
      image,
      price,
      quantity,
    }));
}
