/**
 * How alike two products are from what they are, not who bought them: category, tags, search words and price
 * band. It serves the products and buyers co-occurrence knows nothing about yet (a new product, a first visit).
 */
import type { Fen } from '../../../types/entities';

/** What content similarity reads of a product. */
export interface ContentProfile {
  _id: string;
  /** [topCategoryId, categoryId]. */
  categoryPath: readonly string[];
  tags: readonly string[];
  /** The product's search terms; single characters are ignored here (they match nearly everything). */
  terms: readonly string[];
  minPrice: Fen;
}

/**
 * Weights of each kind of likeness, chosen from what a shopper means by "like this" (same kind of thing,
 * then what it is called, then what it costs) and never fitted to the evaluation's held-out purchases.
 * They add up to 1, so a similarity is between 0 and 1.
 */
export const CONTENT_WEIGHTS = {
  sameCategory: 0.45,
  sameTopCategoryOnly: 0.15,
  tags: 0.1,
  words: 0.3,
  price: 0.15,
} as const;

/** Prices this many doublings apart count as no longer alike at all (¥50 vs ¥400). */
const PRICE_DOUBLINGS_APART = 3;

/** The words of a product's terms that say something: two characters or more. */
export function contentWords(terms: readonly string[]): Set<string> {
  return new Set(terms.filter((term) => [...term].length >= 2));
}

function jaccard(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  if (a.size === 0 || b.size === 0) return 0;
  let shared = 0;
  for (const item of a) if (b.has(item)) shared += 1;
  return shared / (a.size + b.size - shared);
}

/** 1 for the same price, falling with the ratio of the prices (log scale), 0 from PRICE_DOUBLINGS_APART on. */
export function priceCloseness(a: Fen, b: Fen): number {
  if (a <= 0 || b <= 0) return 0;
  const doublings = Math.abs(Math.log2(a / b));
  return Math.max(0, 1 - doublings / PRICE_DOUBLINGS_APART);
}

/** A profile with its word set computed once, for scoring one product against many. */
export interface PreparedProfile {
  profile: ContentProfile;
  words: Set<string>;
  tags: Set<string>;
}

export function prepareProfile(profile: ContentProfile): PreparedProfile {
  return { profile, words: contentWords(profile.terms), tags: new Set(profile.tags) };
}

/** Similarity in [0, 1]; symmetric. */
export function contentSimilarity(a: PreparedProfile, b: PreparedProfile): number {
  const [topA, catA] = a.profile.categoryPath;
  const [topB, catB] = b.profile.categoryPath;
  const category =
    catA !== undefined && catA === catB
      ? CONTENT_WEIGHTS.sameCategory
      : topA !== undefined && topA === topB
        ? CONTENT_WEIGHTS.sameTopCategoryOnly
        : 0;
  return (
    category +
    CONTENT_WEIGHTS.tags * jaccard(a.tags, b.tags) +
    CONTENT_WEIGHTS.words * jaccard(a.words, b.words) +
    CONTENT_WEIGHTS.price * priceCloseness(a.profile.minPrice, b.profile.minPrice)
  );
}
