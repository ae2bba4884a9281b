/**
 * Renamed categories whose products' search terms are owed (search terms include category names): one document
 * per category, a fresh token per rename, the cursor of the worker's pass and its lease. The worker removes a
 * document once a pass ends with its token unchanged, so a rename during a pass starts the pass over.
 */
import { randomUUID } from 'node:crypto';
import type { EpochMs, Product } from '../../../types/entities';
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, insertUnlessExists, updatedCount } from './query-helpers';

export interface ReindexDoc {
  /** The category's id. */
  _id: string;
  token: string;
  /** The last product whose terms this pass wrote, in id order; null: from the start. */
  cursor: string | null;
  requestedAt: EpochMs;
  /** Until then one worker run owns the pass; a run never outlives its 60 s timeout. */
  leaseUntil: EpochMs;
}

const reindexes = () => db.collection(COLLECTIONS.searchReindex);
const products = () => db.collection(COLLECTIONS.products);

/**
 * Owes the category's products a pass from the start: a fresh token and no cursor, the lease left as it is
 * (a run that holds it notices the token and starts over). Call after the category's own write.
 */
export async function requestReindex(categoryId: string, now: EpochMs): Promise<void> {
  const reset = { token: randomUUID(), cursor: null, requestedAt: now };
  for (let attempt = 0; attempt < 3; attempt += 1) {
    const answer = await reindexes().where({ _id: categoryId }).update({ data: reset });
    if (updatedCount(answer) > 0) return;
    const inserted = await insertUnlessExists(reindexes(), { _id: categoryId, ...reset, leaseUntil: 0 });
    // Another rename inserted it first: reset it again, so the last rename's token stands.
    if (inserted === 'INSERTED') return;
  }
  throw new Error(`could not owe category ${categoryId} a reindex`);
}

/** The oldest owed categories. */
export async function findPendingReindexes(limit: number): Promise<ReindexDoc[]> {
  return documentsOf<ReindexDoc>(await reindexes().orderBy('requestedAt', 'asc').limit(limit).get());
}

export async function readReindex(categoryId: string): Promise<ReindexDoc | undefined> {
  return documentsOf<ReindexDoc>(await reindexes().where({ _id: categoryId }).limit(1).get())[0];
}

/** Takes the pass for `leaseMs` when no other run holds it: of two runs at once one gets it. */
export async function claimReindex(categoryId: string, now: EpochMs, leaseMs: number): Promise<boolean> {
  const answer = await reindexes()
    .where({ _id: categoryId, leaseUntil: command.lte(now) })
    .update({ data: { leaseUntil: now + leaseMs } });
  return updatedCount(answer) > 0;
}

/** Moves the cursor on while the token stands; false when a rename came meanwhile. */
export async function advanceReindex(categoryId: string, token: string, cursor: string): Promise<boolean> {
  const answer = await reindexes().where({ _id: categoryId, token }).update({ data: { cursor } });
  return updatedCount(answer) > 0;
}

/** The pass is done: removed while the token stands (a rename meanwhile keeps it owed). */
export async function finishReindex(categoryId: string, token: string): Promise<boolean> {
  const answer = await reindexes().where({ _id: categoryId, token }).remove();
  return updatedCount(answer) > 0;
}

/** Hands the pass back for the next run (its budget is spent). */
export async function releaseReindex(categoryId: string): Promise<void> {
  await reindexes()
    .where({ _id: categoryId })
    .update({ data: { leaseUntil: 0 } });
}

export type IndexedProduct = Pick<Product, '_id' | 'title' | 'tags' | 'specs' | 'categoryPath'>;

/** A page of the category's products (on sale or not) after `after`, in id order. */
export async function findProductsToReindex(
  categoryId: string,
  after: string | null,
  limit: number,
): Promise<IndexedProduct[]> {
  const answer = await products()
    .where(
      after === null ? { categoryPath: categoryId } : { categoryPath: categoryId, _id: command.gt(after) },
    )
    .orderBy('_id', 'asc')
    .field({ _id: true, title: true, tags: true, specs: true, categoryPath: true })
    .limit(limit)
    .get();
  return documentsOf<IndexedProduct>(answer);
}

export async function saveProductTerms(productId: string, terms: string[]): Promise<void> {
  await products()
    .doc(productId)
    .update({ data: { terms: command.set(terms) } });
}
