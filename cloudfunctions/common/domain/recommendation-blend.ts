/**
 * The blend behind 猜你喜欢 / 看了又看: co-occurrence (what the same buyers bought or viewed together) where there
 * is evidence, content similarity where there is little or none, so a new product or a first-time buyer still
 * gets products like the one in front of them instead of only the shop's best sellers.
 */
import { contentSimilarity, prepareProfile, type ContentProfile } from './content-similarity';
import { RECOMMENDATION_LIMIT, type PairScores } from './recommendations';

/**
 * Co-occurrence evidence (summed pair weights of a product's row) at which both sources count the same:
 * two buyers who put the product in one order with others (PAIR_WEIGHTS.sameOrder 5 each). With less, content
 * leads; with much more, co-occurrence does. Set by that reading of the weights, not fitted to the evaluation.
 */
export const EVIDENCE_HALF_WEIGHT = 10;
/**
 * Content alone below this does not make a product "like" the anchor: a shared price band is not enough, the
 * same department with a shared word is.
 */
export const MIN_CONTENT_SIMILARITY = 0.25;

/** Share of the co-occurrence score in the blend for a product with this much evidence: 0 … 1. */
export function cooccurrenceShare(evidence: number): number {
  return evidence <= 0 ? 0 : evidence / (evidence + EVIDENCE_HALF_WEIGHT);
}

/**
 * The ranked ids to show beside `anchor`: each candidate scores
 * share × (its co-occurrence / the row's best) + (1 − share) × content similarity; candidates are the products
 * scored with the anchor plus `contentCandidates` (a bounded pool, e.g. the anchor's category's best sellers
 * and newest). Never the anchor, only `eligible` products; ties go to the better seller, then the id.
 */
export function blendFor(
  anchor: ContentProfile | undefined,
  anchorId: string,
  scores: PairScores,
  contentCandidates: readonly ContentProfile[],
  eligible: (productId: string) => boolean,
  sales: ReadonlyMap<string, number>,
  limit = RECOMMENDATION_LIMIT,
): string[] {
  const row = scores.get(anchorId) ?? new Map<string, number>();
  let evidence = 0;
  let best = 0;
  for (const score of row.values()) {
    evidence += score;
    best = Math.max(best, score);
  }
  const share = cooccurrenceShare(evidence);
  const prepared = anchor ? prepareProfile(anchor) : undefined;
  const content = new Map<string, number>();
  if (prepared) {
    for (const candidate of contentCandidates) {
      if (candidate._id === anchorId || content.has(candidate._id)) continue;
      const similarity = contentSimilarity(prepared, prepareProfile(candidate));
      if (similarity >= MIN_CONTENT_SIMILARITY) content.set(candidate._id, similarity);
    }
  }
  const blended = new Map<string, number>();
  for (const [other, score] of row) {
    if (score > 0) blended.set(other, share * (score / best) + (1 - share) * (content.get(other) ?? 0));
  }
  for (const [other, similarity] of content) {
    if (!blended.has(other)) blended.set(other, (1 - share) * similarity);
  }
  return [...blended]
    .filter(([other, score]) => other !== anchorId && score > 0 && eligible(other))
    .sort(([a, sa], [b, sb]) => sb - sa || (sales.get(b) ?? 0) - (sales.get(a) ?? 0) || (a < b ? -1 : 1))
    .slice(0, limit)
    .map(([other]) => other);
}
