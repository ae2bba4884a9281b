/**
 * What a buyer keeps for later and what 我的 counts: favorites (收藏), browsing history (浏览记录), the order
 * count badges, and the reasons a buyer may give for cancelling an unpaid order.
 */
import type { ProductCard } from './api';
import type { EpochMs } from './entities';
import type { BuyerProfile } from './profile';

/** How a kept product stands now: buyable, on sale without stock (已售罄), or taken off sale (已下架). */
export type KeptProductStatus = 'ON_SALE' | 'SOLD_OUT' | 'OFF_SALE';

export interface KeptProduct {
  product: ProductCard;
  status: KeptProductStatus;
  /** When it was favorited (收藏) or last opened (浏览记录). */
  at: EpochMs;
}

export interface FavoritePage {
  /** Newest first. */
  items: KeptProduct[];
  page: number;
  hasMore: boolean;
}

/** Whether the product is among the buyer's favorites after the call. */
export interface FavoriteState {
  productId: string;
  favorited: boolean;
}

export interface BrowsingHistory {
  /** The most recently opened first, one entry per product, at most BROWSING_HISTORY_LIMIT. */
  items: KeptProduct[];
}

export const BROWSING_HISTORY_LIMIT = 100;
/** A buyer keeps at most this many favorites; adding one more answers FAVORITES_FULL. */
export const FAVORITES_LIMIT = 200;

/** Everything 我的 shows from the server, in one answer: the buyer's profile, the 我的订单 badges, the number of favorites. */
export interface BuyerOverview {
  /** The nickname and avatar saved by 个人资料 (empty nickname, no avatar, until the buyer sets them). */
  profile: BuyerProfile;
  orders: {
    toPay: number;
    toShip: number;
    toReceive: number;
    /** Received orders with an item not reviewed yet, while the review window is open. */
    toReview: number;
    /** Orders whose refund is being handled, plus after-sales requests still open (what 售后服务 shows under way). */
    afterSale: number;
  };
  favorites: number;
}

export const CANCEL_REASONS = ['不想要了', '地址填错了', '商品选错了', '重复下单', '其他'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export interface BuyerListActions {
  'favorite.add': { request: { productId: string }; response: FavoriteState };
  'favorite.remove': { request: { productId: string }; response: FavoriteState };
  'favorite.list': { request: { page?: number }; response: FavoritePage };
  /**
   * The detail page, once its first screen is shown: records the view (浏览记录, 看了又看, the funnel) and
   * answers whether the product is among the buyer's favorites.
   */
  'history.record': { request: { productId: string }; response: FavoriteState };
  'history.list': { request: Record<string, never>; response: BrowsingHistory };
  'history.clear': { request: Record<string, never>; response: BrowsingHistory };
  'me.overview': { request: Record<string, never>; response: BuyerOverview };
}
