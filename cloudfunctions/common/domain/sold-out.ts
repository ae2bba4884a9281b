/**
 * Whether a product can be bought, the one rule behind its 已售罄 mark: the kept flag (`products.soldOut`),
 * which products a stock change must recheck, and the live overlay of cards copied elsewhere (猜你喜欢).
 */
import type { ProductCard } from '../../../types/api';

/** What buyability reads of a SKU. */
export interface SkuSaleState {
  productId: string;
  onSale: boolean;
  stock: number;
}

export function skuBuyable(sku: Pick<SkuSaleState, 'onSale' | 'stock'>): boolean {
  return sku.onSale && sku.stock > 0;
}

/** A product is sold out when none of its SKUs is on sale with stock (no SKUs at all included). */
export function soldOutOf(skus: readonly Pick<SkuSaleState, 'onSale' | 'stock'>[]): boolean {
  return !skus.some(skuBuyable);
}

/**
 * After stock was taken, read back: only a SKU now at 0 can have made its product sold out. A take that left
 * stock did not change whether the product can be bought, so it owes no recheck.
 */
export function productsToRecheckAfterTake(skus: readonly SkuSaleState[]): string[] {
  return [...new Set(skus.filter((sku) => sku.stock <= 0).map((sku) => sku.productId))];
}

/**
 * After stock came back, read back: a SKU now buyable can have ended its product's 已售罄. One that is not
 * (off sale, or emptied again since) leaves the recheck to whoever changed it.
 */
export function productsToRecheckAfterGiveBack(skus: readonly SkuSaleState[]): string[] {
  return [...new Set(skus.filter(skuBuyable).map((sku) => sku.productId))];
}

/** The sale state a card copy is checked against: the product's own document, read live. */
export interface LiveSaleState {
  _id: string;
  onSale: boolean;
  soldOut?: boolean;
}

/**
 * Cards copied from precomputed lists, brought up to date: a product gone or off sale is dropped, and the
 * 已售罄 mark is the product's kept flag now, not the one the copy was made with. Order is kept.
 */
export function withLiveSaleState(
  cards: readonly ProductCard[],
  live: readonly LiveSaleState[],
): ProductCard[] {
  const byId = new Map(live.map((state) => [state._id, state]));
  return cards.flatMap((card) => {
    const state = byId.get(card._id);
    if (!state?.onSale) return [];
    const { soldOut: _copied, ...rest } = card;
    return [state.soldOut ? { ...rest, soldOut: true } : rest];
  });
}
