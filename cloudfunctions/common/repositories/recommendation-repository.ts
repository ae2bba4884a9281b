/**
 * Precomputed recommendation lists, one document per product (`_id` = product id) with denormalised cards so
 * answering is one read; '_top' holds the shop-wide list, '_state' when the worker last started a
 * recomputation and how far the one under way has got, and '_work-…' the pages it has read so far (the
 * recomputation spans several worker runs when there is much to read; its last step removes them).
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

/** Ids the worker keeps for itself: never a product's list. */
const WORK_PREFIX = '_work-';

/** How far a recomputation spanning several worker runs has got; `token` changes with every step. */
export interface RefreshCycle {
  startedAt: EpochMs;
  token: string;
  phase: 'purchases' | 'views' | 'lists';
  purchasePages: number;
  viewPages: number;
  purchaseCursor: { paidAt: EpochMs; orderId: string } | null;
  viewCursor: string | null;
  /** The last product whose list was written, in id order. */
  listCursor: string | null;
  orders: number;
  views: number;
  lists: number;
}

interface StateDoc {
  _id: typeof STATE_ID;
  lastRunAt: EpochMs;
  cycle?: RefreshCycle | null;
}

const lists = () => db.collection(COLLECTIONS.recommendations);

/** The lists with these ids that exist, in one request; the state document is never among them. */
export async function findLists(ids: readonly string[]): Promise<RecommendationDoc[]> {
  const wanted = ids.filter((id) => id !== STATE_ID && !id.startsWith(WORK_PREFIX));
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

/** The recomputation under way, if any, and when the last one started. */
export async function readRefreshState(): Promise<{ lastRunAt: EpochMs | null; cycle: RefreshCycle | null }> {
  const state = documentsOf<StateDoc>(await lists().where({ _id: STATE_ID }).limit(1).get())[0];
  return { lastRunAt: state?.lastRunAt ?? null, cycle: state?.cycle ?? null };
}

/**
 * Starts a recomputation when none is under way and the last one started before `now - everyMs`: a
 * compare-and-set on the state document, so of two overlapping worker runs one starts it.
 */
export async function claimRefresh(lastRunAt: EpochMs | null, cycle: RefreshCycle): Promise<boolean> {
  if (lastRunAt === null) {
    const state = { _id: STATE_ID, lastRunAt: cycle.startedAt, cycle } satisfies StateDoc;
    return (await insertUnlessExists(lists(), state)) === 'INSERTED';
  }
  const answer = await lists()
    .where({ _id: STATE_ID, lastRunAt, cycle: command.eq(null) })
    .update({ data: { lastRunAt: cycle.startedAt, cycle: command.set(cycle) } });
  return updatedCount(answer) > 0;
}

/**
 * Moves the recomputation from the step `token` names to `next` (null: finished), only if no other run moved
 * it meanwhile; false when one did (that run goes on, this one stops).
 */
export async function advanceRefresh(token: string, next: RefreshCycle | null): Promise<boolean> {
  const answer = await lists()
    .where({ _id: STATE_ID, 'cycle.token': token })
    .update({ data: { cycle: next === null ? null : command.set(next) } });
  return updatedCount(answer) > 0;
}

export function workPageId(kind: 'purchases' | 'views', page: number): string {
  return `${WORK_PREFIX}${kind}-${page}`;
}

/** A page the recomputation read, kept for its last step; writing it again writes the same page. */
export async function saveWorkPage<T>(id: string, rows: readonly T[]): Promise<void> {
  await lists().doc(id).set({ data: { rows } });
}

/** The pages in order, one request each: a page may be large, so they never share an answer. */
export async function readWorkPages<T>(ids: readonly string[]): Promise<T[]> {
  const rows: T[] = [];
  for (const id of ids) {
    const docs = documentsOf<{ rows: T[] }>(await lists().where({ _id: id }).limit(1).get());
    rows.push(...(docs[0]?.rows ?? []));
  }
  return rows;
}
