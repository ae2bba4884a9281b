/** The buyer's cart: every change answers the whole cart view, so the page needs no second call. */
import type { CartAddResponse, CartCountResponse } from '../../../types/api';
import type { CartView, Product, Sku } from '../../../types/entities';
import { buildCartView, checkLineQuantity, planAddToCart } from '../domain/cart-rules';
import type { RuleRefusal } from '../domain/rule-result';
import { fail } from '../runtime/domain-error';
import { findProduct, findSku } from '../repositories/catalog-repository';
import {
  cartLineId,
  findLines,
  findLinesById,
  findLinesWithCatalog,
  insertLine,
  removeLines,
  setLineQuantity,
  setSelected,
  sumQuantity,
} from '../repositories/cart-repository';
import { isDuplicateKey } from '../repositories/query-helpers';

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

export async function cartView(openid: string): Promise<CartView> {
  const joined = await findLinesWithCatalog(openid);
  const products = new Map<string, Product>();
  const skus = new Map<string, Sku>();
  for (const { product, sku } of joined) {
    if (product) products.set(product._id, product);
    if (sku) skus.set(sku._id, sku);
  }
  return buildCartView(
    joined.map(({ line }) => line),
    products,
    skus,
  );
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
    try {
      await insertLine(value.line);
    } catch (error) {
      if (!isDuplicateKey(error)) throw error;
      return retry();
    }
  }
  const cart = await cartView(openid);
  return value.clamped ? { cart, clamped: value.clamped } : { cart };
}

export async function changeQuantity(openid: string, lineId: string, quantity: number): Promise<CartView> {
  const [line] = await findLinesById(openid, [lineId]);
  if (!line) fail('CART_LINE_NOT_FOUND', `cart line ${lineId} does not exist`);
  const check = checkLineQuantity(line, quantity, await findSku(line.skuId));
  if (!check.ok) refused(check);
  await setLineQuantity(openid, lineId, check.value);
  return cartView(openid);
}

async function requireLines(openid: string, lineIds: readonly string[]): Promise<void> {
  const found = await findLinesById(openid, lineIds);
  if (found.length !== lineIds.length) {
    const known = new Set(found.map((line) => line._id));
    fail('CART_LINE_NOT_FOUND', `cart lines not found: ${lineIds.filter((id) => !known.has(id)).join(', ')}`);
  }
}

export async function selectLines(
  openid: string,
  lineIds: readonly string[],
  selected: boolean,
): Promise<CartView> {
  await requireLines(openid, lineIds);
  await setSelected(openid, lineIds, selected);
  return cartView(openid);
}

export async function selectAllLines(openid: string, selected: boolean): Promise<CartView> {
  await setSelected(openid, 'ALL', selected);
  return cartView(openid);
}

export async function removeCartLines(openid: string, lineIds: readonly string[]): Promise<CartView> {
  await requireLines(openid, lineIds);
  await removeLines(openid, lineIds);
  return cartView(openid);
}
