/** Typed calls of 收藏, 浏览记录 and 我的 of the `shop` function. */
import type { BrowsingHistory, BuyerOverview, FavoritePage, FavoriteState, Result } from '@shop/types';
import { callCloud } from './cloud';

export function addFavorite(productId: string): Promise<Result<FavoriteState>> {
  return callCloud('shop', 'favorite.add', { productId });
}

export function removeFavorite(productId: string): Promise<Result<FavoriteState>> {
  return callCloud('shop', 'favorite.remove', { productId });
}

export function fetchFavorites(page: number): Promise<Result<FavoritePage>> {
  return callCloud('shop', 'favorite.list', { page });
}

/** The detail page's opening: recorded for 浏览记录, answering whether the product is a favorite. */
export function recordOpening(productId: string): Promise<Result<FavoriteState>> {
  return callCloud('shop', 'history.record', { productId });
}

export function fetchHistory(): Promise<Result<BrowsingHistory>> {
  return callCloud('shop', 'history.list', {});
}

export function clearHistory(): Promise<Result<BrowsingHistory>> {
  return callCloud('shop', 'history.clear', {});
}

/** 我的: the buyer's profile, the order badges and the number of favorites, in one call. */
export function fetchOverview(): Promise<Result<BuyerOverview>> {
  return callCloud('shop', 'me.overview', {});
}
