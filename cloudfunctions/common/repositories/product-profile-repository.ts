/**
 * Products as recommendations read them: the card a list shows plus what content similarity compares
 * (category path, tags, search terms, price). Every read is bounded: by ids, or one category's first page.
 */
import type { ProductCard } from '../../../types/api';
import type { Product } from '../../../types/entities';
import { command, db } from '../cloud';
import type { ContentProfile } from '../domain/content-similarity';
import { PRODUCT_CARD_FIELDS, productCard, type ProductCardSource } from '../domain/product-card';
import { COLLECTIONS } from './collections';
import { documentsOf, readInChunks } from './query-helpers';

export interface ProductProfile {
  card: ProductCard;
  content: ContentProfile;
}

const PROFILE_FIELDS = { ...PRODUCT_CARD_FIELDS, categoryPath: true, terms: true } as const;

type ProfileSource = ProductCardSource & Pick<Product, 'categoryPath' | 'terms'>;

function profileOf(source: ProfileSource): ProductProfile {
  return {
    card: productCard(source),
    content: {
      _id: source._id,
      categoryPath: source.categoryPath ?? [],
      tags: source.tags ?? [],
      terms: source.terms ?? [],
      minPrice: source.minPrice,
    },
  };
}

const products = () => db.collection(COLLECTIONS.products);

/** Profiles of those of `productIds` that are on sale (chunks of ids per request). */
export async function findOnSaleProfiles(productIds: readonly string[]): Promise<ProductProfile[]> {
  const sources = await readInChunks(productIds, async (chunk) =>
    documentsOf<ProfileSource>(
      await products()
        .where({ _id: command.in(chunk), onSale: true })
        .field(PROFILE_FIELDS)
        .limit(chunk.length)
        .get(),
    ),
  );
  return sources.map(profileOf);
}

/** One product's profile whether or not it is on sale; undefined when there is no such product. */
export async function findProfile(productId: string): Promise<ProductProfile | undefined> {
  const answer = await products().where({ _id: productId }).field(PROFILE_FIELDS).limit(1).get();
  const source = documentsOf<ProfileSource>(answer)[0];
  return source && profileOf(source);
}

/**
 * A category's on-sale products, best sellers or newest first (served by the onSale_categoryPath_sales and
 * onSale_categoryPath_createdAt indexes): the content candidates of a product of that category.
 */
export async function findCategoryProfiles(
  categoryId: string,
  order: 'sales' | 'createdAt',
  limit: number,
): Promise<ProductProfile[]> {
  const answer = await products()
    .where({ onSale: true, categoryPath: categoryId })
    .field(PROFILE_FIELDS)
    .orderBy(order, 'desc')
    .orderBy('_id', 'asc')
    .limit(limit)
    .get();
  return documentsOf<ProfileSource>(answer).map(profileOf);
}
