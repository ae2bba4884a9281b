/** How a product shows in lists: the one mapping from a stored product to the contract's `ProductCard`. */
import type { ProductCard } from '../../../types/api';
import type { Product } from '../../../types/entities';

/** The fields a card is made of; lists read only these (projection), since lists are read often. */
export const PRODUCT_CARD_FIELDS = {
  _id: true,
  title: true,
  subtitle: true,
  images: true,
  minPrice: true,
  maxPrice: true,
  sales: true,
  tags: true,
  soldOut: true,
} as const;

export type ProductCardSource = Pick<Product, keyof typeof PRODUCT_CARD_FIELDS>;

export function productCard(product: ProductCardSource): ProductCard {
  const card: ProductCard = {
    _id: product._id,
    title: product.title,
    subtitle: product.subtitle,
    image: product.images[0] ?? '',
    minPrice: product.minPrice,
    maxPrice: product.maxPrice,
    sales: product.sales,
    tags: product.tags,
  };
  if (product.soldOut) card.soldOut = true;
  return card;
}
