/**
 * Small helpers over wx-server-sdk answers, so repositories read as queries and not as plumbing. The SDK types
 * its answers loosely (callback and promise styles share one signature); these narrow them once.
 */

function field(answer: unknown, name: string): unknown {
  return typeof answer === 'object' && answer !== null
    ? (answer as Record<string, unknown>)[name]
    : undefined;
}

/** `get()` answers `{ data: [...] }`; the repository knows the collection's document type. */
export function documentsOf<T>(answer: unknown): T[] {
  const data = field(answer, 'data');
  if (!Array.isArray(data)) throw new Error('database answer without data');
  return data as T[];
}

/** `aggregate().end()` answers `{ list: [...] }`. */
export function listOf<T>(answer: unknown): T[] {
  const list = field(answer, 'list');
  if (!Array.isArray(list)) throw new Error('aggregate answer without list');
  return list as T[];
}

/** How many documents an update or remove touched. */
export function updatedCount(answer: unknown): number {
  const stats = field(answer, 'stats');
  const updated = field(stats, 'updated') ?? field(stats, 'removed');
  return typeof updated === 'number' ? updated : 0;
}

/** Escapes a buyer's search text for db.RegExp, so '+' or '(' are matched literally. */
export function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * The part of a collection reference an insert needs (wx-server-sdk's CollectionReference, whose methods are
 * typed for both callback and promise styles, hence `unknown` answers that are awaited).
 */
export interface InsertableCollection {
  add(options: { data: Record<string, unknown> }): unknown;
  where(query: Record<string, unknown>): { limit(count: number): { get(): unknown } };
}

/** What an insert with a known _id found: the write went in, or a document with that _id was there. */
export type InsertOutcome<T> = { inserted: true } | { inserted: false; existing: T };

/**
 * Inserts a document with a known _id. When the insert fails the document is read back: CloudBase does not
 * document the text of its duplicate-key error, so the message is never matched. A document found is answered
 * as `existing` for the caller to judge whose it is: another writer's, or ours whose answer was lost (compare
 * a field only this writer sets). No document after all: the failure is thrown as it was.
 */
export async function insertOrFind<T extends { _id: string }>(
  collection: InsertableCollection,
  doc: T,
): Promise<InsertOutcome<T>> {
  try {
    await collection.add({ data: { ...doc } });
    return { inserted: true };
  } catch (error) {
    const found = documentsOf<T>(await collection.where({ _id: doc._id }).limit(1).get());
    if (found[0]) return { inserted: false, existing: found[0] };
    throw error;
  }
}

/** insertOrFind for callers to whom any existing document means "already done". */
export async function insertUnlessExists(
  collection: InsertableCollection,
  doc: { _id: string } & Record<string, unknown>,
): Promise<'INSERTED' | 'EXISTS'> {
  return (await insertOrFind(collection, doc)).inserted ? 'INSERTED' : 'EXISTS';
}

/**
 * Ids per query when reading documents by id. A query answers at most its limit (100 by default, 1000 at
 * most on the server, 100 in older CloudBase documentation), and a document cut off by the limit would read
 * as missing: lists of ids are read in chunks one query always answers in full.
 */
export const IDS_PER_QUERY = 100;

/** Reads `ids` chunk by chunk with `read` (one query of at most IDS_PER_QUERY ids, limit = chunk length). */
export async function readInChunks<T>(
  ids: readonly string[],
  read: (chunk: string[]) => Promise<T[]>,
): Promise<T[]> {
  const unique = [...new Set(ids)];
  const chunks: string[][] = [];
  for (let start = 0; start < unique.length; start += IDS_PER_QUERY)
    chunks.push(unique.slice(start, start + IDS_PER_QUERY));
  return (await Promise.all(chunks.map(read))).flat();
}
