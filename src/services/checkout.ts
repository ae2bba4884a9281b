/**
 * Typed calls of checkout: the server's quote of what the buyer is about to buy, and the request id that makes
 * order creation safe to retry.
 */
import type { CheckoutItemRequest, CheckoutQuoteRequest, CheckoutQuoteView, Result } from '@shop/types';
import { callCloud } from './cloud';

export function quoteCheckout(request: CheckoutQuoteRequest): Promise<Result<CheckoutQuoteView>> {
  return callCloud('shop', 'checkout.quote', request);
}

const ID_ALPHABET = '0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ';

/**
 * A fresh idempotency key for one visit of 确认订单 (the server accepts [0-9A-Za-z_-]{8,64}). Time plus 16
 * random characters: WeChat's JS engine has no crypto.getRandomValues everywhere, and the key only has to
 * be unique per buyer, since the server scopes it by OPENID.
 */
export function newRequestId(now: number = Date.now()): string {
  let random = '';
  for (let i = 0; i < 16; i += 1) random += ID_ALPHABET[Math.floor(Math.random() * ID_ALPHABET.length)];
  return `co_${now.toString(36)}_${random}`;
}

/** The lines 立即购买 sends in its query, or undefined when the query is not a valid purchase. */
export function buyNowItem(query: Record<string, string | undefined>): CheckoutItemRequest | undefined {
  const { productId, skuId } = query;
  const quantity = Number(query.quantity ?? '1');
  if (!productId || !skuId || !Number.isInteger(quantity) || quantity < 1) return undefined;
  return { productId, skuId, quantity };
}
