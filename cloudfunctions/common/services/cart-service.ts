/** The buyer's cart: every change answers the whole cart view, so the page needs no second call. */
import { recordBehaviour } from './behaviour-service';
import type { CartAddResponse, CartCountResponse } from '../../../types/api';
import type { CartView, Product, Sku } from '../../../types/entities';
import { buildCartView, checkLineQuantity, planAddToCart } from '../domain/cart-rules';
import { freeShippingRuleOf } from '../domain/shipping';
import { readShopSettings } from '../config/shop-settings';
import type { RuleRefusal } from '../domain/rule-result';
import { fail } from '../runtime/domain-error';
import { findProduct, findSku } from '../repositories/catalog-repository';
import {
  cartLineId,
  findLines,
  findLinesWithCatalog,
  type CartLineWithCatalog,
  insertLine,
  removeLines,
  setLineQuantity,
  setSelected,
  sumQuantity,
} from '../repositories/cart-repository';

const REFUSAL_MESSAGES: Record<string, string> = {
  QUANTITY_OUT_OF_RANGE: 'quantity must be 1..99',
  PRODUCT_NOT_FOUND: 'product does not exist',
  SKU_NOT_FOUND: 'sku does not exist for this product',
  PRODUCT_OFF_SALE: 'product or sku is off sale',
  OUT_OF_STOCK: 'not enough stock',
  CART_FULL: 'the cart is full',
};

function refused(refusal: RuleRefusal): never {
  const detail = refusal.detail ? ` ${JSON.stringify(refusal.detail)}` : '';
  fail(refusal.code, `${REFUSAL_MESSAGES[refusal.code] ?? refusal.code}${detail}`);
}

/** The cart page's view of lines already joined with their catalog documents. */
function viewOf(joined: readonly CartLineWithCatalog[]): CartView {
  const products = new Map<string, Product>();
  const skus = new Map<string, Sku>();
  for (const { product, sku } of joined) {
    if (product) products.set(product._id, product);
    if (sku) skus.set(sku._id, sku);
  }
  const view = buildCartView(
    joined.map(({ line }) => line),
    products,
    skus,
  );
  return { ...view, shipping: freeShippingRuleOf(readShopSettings().shippingRule) };
}

export async function cartView(openid: string): Promise<CartView> {
  return viewOf(await findLinesWithCatalog(openid));
}

/**
 * The buyer's lines, with every one of `lineIds` among them, read once: the change is then written and the
 * new view derived from this read, not read again.
 */
async function linesIncluding(openid: string, lineIds: readonly string[]): Promise<CartLineWithCatalog[]> {
  const joined = await findLinesWithCatalog(openid);
  const known = new Set(joined.map(({ line }) => line._id));
  const missing = lineIds.filter((id) => !known.has(id));
  if (missing.length > 0) fail('CART_LINE_NOT_FOUND', `cart lines not found: ${missing.join(', ')}`);
  return joined;
}

export async function cartCount(openid: string): Promise<CartCountResponse> {
  return { badgeCount: await sumQuantity(openid) };
}

/** Concurrent adds of one SKU by one buyer (double taps) retry against the line the other wrote. */
const ADD_ATTEMPTS = 8;

export async function addToCart(
  openid: string,
  input: { productId: string; skuId: string; quantity: number },
  now: number,
  attempt = 1,
): Promise<CartAddResponse> {
  const [product, sku, lines] = await Promise.all([
    findProduct(input.productId),
    findSku(input.skuId),
    findLines(openid),
  ]);
  const plan = planAddToCart(lines, input, product, sku, {
    openid,
    now,
    newId: () => cartLineId(openid, input.skuId),
  });
  if (!plan.ok) refused(plan);
  const { value } = plan;
  const retry = () => {
    if (attempt >= ADD_ATTEMPTS) fail('INTERNAL', 'the cart line kept changing; try again');
    return addToCart(openid, input, now, attempt + 1);
  };
  if (value.kind === 'MERGE') {
    const current = lines.find((line) => line._id === value.lineId)?.quantity;
    if (!(await setLineQuantity(openid, value.lineId, value.quantity, current))) return retry();
  } else {
    if ((await insertLine(value.line)) === 'EXISTS') return retry();
  }
  const [cart] = await Promise.all([cartView(openid), recordBehaviour(input.productId, 'cartAdds', now)]);
  return value.clamped ? { cart, clamped: value.clamped } : { cart };
}

export async function changeQuantity(openid: string, lineId: string, quantity: number): Promise<CartView> {
  const joined = await linesIncluding(openid, [lineId]);
  const entry = joined.find(({ line }) => line._id === lineId);
  if (!entry) fail('CART_LINE_NOT_FOUND', `cart line ${lineId} does not exist`);
  const check = checkLineQuantity(entry.line, quantity, entry.sku);
  if (!check.ok) refused(check);
  await setLineQuantity(openid, lineId, check.value);
  return viewOf(joined.map((e) => (e === entry ? { ...e, line: { ...e.line, quantity: check.value } } : e)));
}

export async function selectLines(
  openid: string,
  lineIds: readonly string[],
  selected: boolean,
): Promise<CartView> {
  const joined = await linesIncluding(openid, lineIds);
  await setSelected(openid, lineIds, selected);
  const chosen = new Set(lineIds);
  return viewOf(joined.map((e) => (chosen.has(e.line._id) ? { ...e, line: { ...e.line, selected } } : e)));
}

export async function selectAllLines(openid: string, selected: boolean): Promise<CartView> {
  const [joined] = await Promise.all([findLinesWithCatalog(openid), setSelected(openid, 'ALL', selected)]);
  return viewOf(joined.map((e) => ({ ...e, line: { ...e.line, selected } })));
}

export async function removeCartLines(openid: string, lineIds: readonly string[]): Promise<CartView> {
  const joined = await linesIncluding(openid, lineIds);
  await removeLines(openid, lineIds);
  const gone = new Set(lineIds);
  return viewOf(joined.filter((e) => !gone.has(e.line._id)));
}
