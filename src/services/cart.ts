/**
 * Typed calls of the cart actions of the `shop` function. Every change answers the whole CartView, so the page
 * shows the server's cart rather than guessing; each answer also refreshes the tab badge.
 */
import type { CartAddResponse, CartView, Result } from '@shop/types';
import { setCartBadge } from '../store/cart-badge';
import { callCloud } from './cloud';

function noteBadge(answer: Result<CartView>): Result<CartView> {
  if (answer.ok) setCartBadge(answer.data.badgeCount);
  return answer;
}

export async function fetchCart(): Promise<Result<CartView>> {
  return noteBadge(await callCloud('shop', 'cart.list', {}));
}

export async function fetchCartCount(): Promise<Result<number>> {
  const answer = await callCloud('shop', 'cart.count', {});
  if (!answer.ok) return answer;
  setCartBadge(answer.data.badgeCount);
  return { ok: true, data: answer.data.badgeCount };
}

export async function addToCart(
  productId: string,
  skuId: string,
  quantity: number,
): Promise<Result<CartAddResponse>> {
  const answer = await callCloud('shop', 'cart.add', { productId, skuId, quantity });
  if (answer.ok) setCartBadge(answer.data.cart.badgeCount);
  return answer;
}

export async function setLineQuantity(lineId: string, quantity: number): Promise<Result<CartView>> {
  return noteBadge(await callCloud('shop', 'cart.setQuantity', { lineId, quantity }));
}

export async function selectLines(lineIds: string[], selected: boolean): Promise<Result<CartView>> {
  return noteBadge(await callCloud('shop', 'cart.select', { lineIds, selected }));
}

export async function selectAllLines(selected: boolean): Promise<Result<CartView>> {
  return noteBadge(await callCloud('shop', 'cart.selectAll', { selected }));
}

export async function removeLines(lineIds: string[]): Promise<Result<CartView>> {
  return noteBadge(await callCloud('shop', 'cart.remove', { lineIds }));
}
