/**
 * What sharing a product sends: a chat card (onShareAppMessage) and a 朋友圈 entry (onShareTimeline) that both
 * open 商品详情 of that product, and in H5 a link that does the same.
 */
import type { Product } from '@shop/types';
import { imageUrl } from '../../services/image-url';

export const DETAIL_ROUTE = '/package-goods/detail/index';

export interface ShareCard {
  title: string;
  path: string;
  imageUrl?: string;
}

export interface TimelineShare {
  title: string;
  query: string;
  imageUrl?: string;
}

type Shared = Pick<Product, '_id' | 'title' | 'images'>;

/** WeChat draws share cards only from PNG or JPG pictures; without one it uses a snapshot of the page. */
function cardPicture(product: Shared): string | undefined {
  const cover = product.images[0];
  return cover && /\.(png|jpe?g)$/i.test(cover) ? imageUrl(cover) : undefined;
}

export function productQuery(productId: string): string {
  return `id=${encodeURIComponent(productId)}`;
}

export function productShareCard(product: Shared): ShareCard {
  const picture = cardPicture(product);
  return {
    title: product.title,
    path: `${DETAIL_ROUTE}?${productQuery(product._id)}`,
    ...(picture ? { imageUrl: picture } : {}),
  };
}

export function productTimelineShare(product: Shared): TimelineShare {
  const picture = cardPicture(product);
  return {
    title: product.title,
    query: productQuery(product._id),
    ...(picture ? { imageUrl: picture } : {}),
  };
}

/** The H5 shop's link to the product (hash routing): `page` is the shop's address without its hash. */
export function productLink(page: string, productId: string): string {
  return `${page.replace(/#.*$/, '')}#${DETAIL_ROUTE}?${productQuery(productId)}`;
}
