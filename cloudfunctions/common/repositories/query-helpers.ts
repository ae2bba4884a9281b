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

/**
 * Inserts a document with a known _id: 'EXISTS' when the insert failed and a document with that _id is there
 * (another writer's, or ours whose answer was lost). CloudBase does not document the text of its
 * duplicate-key error, so the document is read back instead of matching the message; any other failure
 * (no such document after all) is thrown as it was.
 */
export async function insertUnlessExists(
  collection: InsertableCollection,
  doc: { _id: string } & Record<string, unknown>,
): Promise<'INSERTED' | 'EXISTS'> {
  try {
    await collection.add({ data: doc });
    return 'INSERTED';
  } catch (error) {
    const found = documentsOf<{ _id: string }>(await collection.where({ _id: doc._id }).limit(1).get());
    if (found.length > 0) return 'EXISTS';
    throw error;
  }
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

/**
 * Whether a write failed because a document with that _id already exists, by the error's text. Kept for the
 * payment inbox only, whose duplicate deliveries still rely on it: CloudBase does not document the wording,
 * so new code uses insertUnlessExists.
 */
export function isDuplicateKey(error: unknown): boolean {
  const text = error instanceof Error ? error.message : String(error);
  return /duplicate|already exists|E11000/i.test(text);
}
