/**
 * Precomputed recommendation lists, one document per product (`_id` = product id) with denormalised cards so
 * answering is one read; '_top' holds the shop-wide list and '_state' when the worker last recomputed.
 */
import type { ProductCard } from '../../../types/api';
import type { EpochMs } from '../../../types/entities';
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, insertUnlessExists, readInChunks, updatedCount } from './query-helpers';

export const TOP_LIST_ID = '_top';
export const STATE_ID = '_state';

export interface RecommendationDoc {
  _id: string;
  cards: ProductCard[];
  updatedAt: EpochMs;
}

interface StateDoc {
  _id: typeof STATE_ID;
  lastRunAt: EpochMs;
}

const lists = () => db.collection(COLLECTIONS.recommendations);

/** The lists with these ids that exist, in one request; the state document is never among them. */
export async function findLists(ids: readonly string[]): Promise<RecommendationDoc[]> {
  const wanted = ids.filter((id) => id !== STATE_ID);
  return readInChunks(wanted, async (chunk) =>
    documentsOf<RecommendationDoc>(
      await lists()
        .where({ _id: command.in(chunk) })
        .limit(chunk.length)
        .get(),
    ),
  );
}

export async function saveList(doc: RecommendationDoc): Promise<void> {
  const { _id, ...fields } = doc;
  await lists().doc(_id).set({ data: fields });
}

/** Drops the lists of products that no longer have any (their pairs aged out), keeping `keep`. */
export async function removeListsExcept(keep: readonly string[]): Promise<number> {
  const answer = await lists()
    .where({ _id: command.nin([...keep, STATE_ID]) })
    .remove();
  return updatedCount(answer);
}

/**
 * Claims a recomputation when the last one is older than `everyMs`: a compare-and-set on the state document,
 * so two overlapping worker runs never both recompute.
 */
export async function claimRefresh(now: EpochMs, everyMs: number): Promise<boolean> {
  const state = documentsOf<StateDoc>(await lists().where({ _id: STATE_ID }).limit(1).get())[0];
  if (!state) {
    return (await insertUnlessExists(lists(), { _id: STATE_ID, lastRunAt: now })) === 'INSERTED';
  }
  if (state.lastRunAt > now - everyMs) return false;
  const answer = await lists()
    .where({ _id: STATE_ID, lastRunAt: state.lastRunAt })
    .update({ data: { lastRunAt: now } });
  return updatedCount(answer) > 0;
}
