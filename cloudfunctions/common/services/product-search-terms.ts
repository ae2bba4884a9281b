/**
 * A product's search terms as the seed computes them, from its own texts and its category names: used where
 * products are saved and where the worker re-indexes a renamed category's products.
 */
import type { Category } from '../../../types/entities';
import { productSearchTerms, type SearchableProduct } from '../domain/search-terms';

/** The indexer is loaded only when a product is indexed: its dictionary is large and most calls never need it. */
export async function searchTermsOf(
  product: SearchableProduct,
  categoryNames: readonly string[],
): Promise<string[]> {
  const { initialsOf, segmentWords } = await import('../search/segmenter');
  return productSearchTerms(product, categoryNames, segmentWords, initialsOf);
}

/** The names a product's terms include: its top-level category's, then its own category's. */
export function categoryNamesOf(
  categoryPath: readonly string[],
  categories: ReadonlyMap<string, Pick<Category, 'name'>>,
): string[] {
  return categoryPath.slice(0, 2).flatMap((id) => {
    const name = categories.get(id)?.name;
    return name ? [name] : [];
  });
}
