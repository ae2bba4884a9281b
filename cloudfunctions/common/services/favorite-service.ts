/**
 * 收藏: a buyer keeps products for later. Adding is one insert under an _id derived from (buyer, product), so
 * repeated or concurrent adds keep one document; the list is paged newest first with each product's state now.
 */
import type { FavoritePage, FavoriteState } from '../../../types/buyer-lists';
import { FAVORITES_LIMIT } from '../../../types/buyer-lists';
import type { EpochMs } from '../../../types/entities';
import { fail } from '../runtime/domain-error';
import { keptProducts } from '../domain/kept-products';
import {
  countFavorites,
  favoriteId,
  findFavorites,
  insertFavorite,
  removeFavorite,
} from '../repositories/favorite-repository';
import { findProductsInStock } from '../repositories/catalog-repository';
import { findCardsWithSaleState, findSaleState } from '../repositories/product-card-lookup';

export const FAVORITE_PAGE_SIZE = 20;

/**
 * The limit is checked after the insert, by counting: of many adds at once past the limit every one that
 * sees the list too long takes its own document back, so the list never stays above FAVORITES_LIMIT (a
 * burst at the edge may refuse one that would have fit; the buyer taps again).
 */
export async function addFavorite(openid: string, productId: string, now: EpochMs): Promise<FavoriteState> {
  const onSale = await findSaleState(productId);
  if (onSale === undefined) fail('PRODUCT_NOT_FOUND', `product ${productId} does not exist`);
  if (!onSale) fail('PRODUCT_OFF_SALE', `product ${productId} is off sale`);
  const outcome = await insertFavorite({
    _id: favoriteId(openid, productId),
    openid,
    productId,
    createdAt: now,
  });
  if (outcome === 'INSERTED' && (await countFavorites(openid)) > FAVORITES_LIMIT) {
    await removeFavorite(openid, productId);
    fail('FAVORITES_FULL', `at most ${FAVORITES_LIMIT} favorites`);
  }
  return { productId, favorited: true };
}

/** Removing one the buyer does not keep is not an error: the answer says it is not kept. */
export async function dropFavorite(openid: string, productId: string): Promise<FavoriteState> {
  await removeFavorite(openid, productId);
  return { productId, favorited: false };
}

export async function favoritePage(openid: string, page = 1): Promise<FavoritePage> {
  // One extra row tells whether another page exists without a count request.
  const rows = await findFavorites(openid, (page - 1) * FAVORITE_PAGE_SIZE, FAVORITE_PAGE_SIZE + 1);
  const shown = rows.slice(0, FAVORITE_PAGE_SIZE);
  const ids = shown.map((row) => row.productId);
  const [cards, inStock] = await Promise.all([findCardsWithSaleState(ids), findProductsInStock(ids)]);
  return {
    items: keptProducts(
      shown.map((row) => ({ productId: row.productId, at: row.createdAt })),
      cards,
      inStock,
    ),
    page,
    hasMore: rows.length > FAVORITE_PAGE_SIZE,
  };
}
