/**
 * Queries: the wire's `query`, `order`, `projection`, `offset` and `limit` turned into a mingo evaluation over
 * one collection's cached documents. The SDK already sends MongoDB syntax, so translation is EJSON decoding.
 */
import { Query } from 'mingo';
import { compare, resolve } from 'mingo/util';
import { type Document, encodeEjson, isPlainObject, parseEjson } from './ejson';
import { documentKey, isDocumentId } from './documents';
import { evaluate, mingoOptions } from './engine';
import { invalidParam } from './errors';
import type { StoredDocument } from './store';

/** The cloud's default page (the SDK sends it too) and its cap. */
export const DEFAULT_LIMIT = 100;
export const MAX_LIMIT = 1000;

export interface Filter {
  /** The decoded query, kept for upserts (their equality fields seed the new document). */
  readonly query: Document;
  readonly test: (doc: Document) => boolean;
  /** When the query pins `_id` to one or a few values, only those documents need testing. */
  readonly idKeys: readonly string[] | undefined;
}

export interface PageSpec {
  readonly order: Record<string, 1 | -1> | undefined;
  readonly projection: Document | undefined;
  readonly offset: number;
  readonly limit: number;
}

const MATCH_ALL: Filter = { query: {}, test: () => true, idKeys: undefined };

// Compiling a mingo query costs more than running it over a shop's collection, and functions repeat the same
// few queries; a query holding db.serverDate() differs per request and is never cached.
const FILTER_CACHE_SIZE = 500;
const filterCache = new Map<string, Filter>();

export function compileFilter(queryText: string | undefined, now: number): Filter {
  if (queryText === undefined || queryText === '' || queryText === '{}') return MATCH_ALL;
  const cacheable = !queryText.includes('$tcb_server_date');
  if (cacheable) {
    const cached = filterCache.get(queryText);
    if (cached) {
      filterCache.delete(queryText);
      filterCache.set(queryText, cached);
      return cached;
    }
  }
  const query = parseEjson(queryText, 'query', now);
  const filter = filterFor(query);
  if (cacheable) {
    filterCache.set(queryText, filter);
    if (filterCache.size > FILTER_CACHE_SIZE) filterCache.delete(filterCache.keys().next().value as string);
  }
  return filter;
}

export function filterFor(query: unknown): Filter {
  if (!isPlainObject(query)) throw invalidParam('query must be an object');
  if (Object.keys(query).length === 0) return MATCH_ALL;
  const compiled = evaluate('query', () => new Query(query, mingoOptions));
  const required = scalarEqualities(query);
  const memberships = scalarMemberships(query);
  // mingo decides; the equality pre-check only skips documents mingo would reject anyway, cheaply: most
  // shop queries are where({openid}) or where({status}), and a mingo test costs about a microsecond. A
  // top-level `$in` of scalars is checked against a Set first: mingo's own $in compares with each value in
  // turn, which is 100 comparisons per document for where({openid: _.in(100 buyers)}).
  const test =
    required.length === 0 && memberships.length === 0
      ? (doc: Document) => compiled.test(doc)
      : (doc: Document) =>
          required.every(([field, value]) => mayEqual(doc[field], value)) &&
          memberships.every(([field, values]) => mayBeIn(doc[field], values)) &&
          compiled.test(doc);
  return { query, test, idKeys: pinnedIdKeys(query._id) };
}

type Scalar = string | number | boolean;

/** Values `===` compares as MongoDB does (NaN equals NaN in MongoDB, so it is left to mingo). */
function isScalar(value: unknown): value is Scalar {
  return (
    typeof value === 'string' ||
    typeof value === 'boolean' ||
    (typeof value === 'number' && !Number.isNaN(value))
  );
}

/** Top-level `field: scalar` and `field: {$eq: scalar}` conditions: a document must hold that value. */
function scalarEqualities(query: Document): [string, Scalar][] {
  const equalities: [string, Scalar][] = [];
  for (const [field, condition] of Object.entries(query)) {
    if (field.startsWith('$') || field.includes('.')) continue;
    if (isScalar(condition)) equalities.push([field, condition]);
    else if (isPlainObject(condition) && Object.keys(condition).length === 1 && isScalar(condition.$eq)) {
      equalities.push([field, condition.$eq]);
    }
  }
  return equalities;
}

/** Top-level `field: {$in: [scalars]}` conditions: a document must hold one of those values. */
function scalarMemberships(query: Document): [string, ReadonlySet<Scalar>][] {
  const memberships: [string, ReadonlySet<Scalar>][] = [];
  for (const [field, condition] of Object.entries(query)) {
    if (field.startsWith('$') || field.includes('.') || !isPlainObject(condition)) continue;
    const values = condition.$in;
    if (Object.keys(condition).length === 1 && Array.isArray(values) && values.every(isScalar))
      memberships.push([field, new Set(values)]);
  }
  return memberships;
}

/** Could `actual` be one of `values`? Arrays (any element may match) and the rest are left to mingo. */
function mayBeIn(actual: unknown, values: ReadonlySet<Scalar>): boolean {
  return Array.isArray(actual) || (isScalar(actual) && values.has(actual));
}

/** Could `actual` equal `expected` under MongoDB rules? An array may contain it, so arrays go to mingo. */
function mayEqual(actual: unknown, expected: Scalar): boolean {
  return actual === expected || Array.isArray(actual);
}

/** A filter on one document, as `doc(id)` operations send it. */
export function filterById(id: unknown): Filter {
  if (!isDocumentId(id)) throw invalidParam('query of a DOC operation must be {"_id": <string or number>}');
  return { query: { _id: id }, test: (doc) => doc._id === id, idKeys: [documentKey(id)] };
}

function pinnedIdKeys(condition: unknown): string[] | undefined {
  if (isDocumentId(condition)) return [documentKey(condition)];
  if (!isPlainObject(condition)) return undefined;
  const operators = Object.keys(condition);
  if (operators.length !== 1) return undefined;
  const operand = condition[operators[0]];
  if (operators[0] === '$eq' && isDocumentId(operand)) return [documentKey(operand)];
  if (operators[0] === '$in' && Array.isArray(operand) && operand.every(isDocumentId)) {
    return operand.map(documentKey);
  }
  return undefined;
}

/** Matching documents in natural (insertion) order, at most `limit` of them. */
export function matchDocuments(
  documents: ReadonlyMap<string, StoredDocument>,
  filter: Filter,
  limit = Infinity,
): StoredDocument[] {
  const matched: StoredDocument[] = [];
  const candidates = filter.idKeys
    ? filter.idKeys
        .map((key) => documents.get(key))
        .filter((stored): stored is StoredDocument => stored !== undefined)
        .sort((a, b) => a.seq - b.seq)
    : documents.values();
  evaluate('query', () => {
    for (const stored of candidates) {
      if (matched.length >= limit) break;
      if (filter.test(stored.doc)) matched.push(stored);
    }
  });
  return matched;
}

/** One page of a query as the EJSON texts the SDK parses. */
export function findPage(
  documents: ReadonlyMap<string, StoredDocument>,
  filter: Filter,
  page: PageSpec,
): string[] {
  // Without orderBy, matching stops once the page is full.
  const matched = page.order
    ? sortDocuments(matchDocuments(documents, filter), page.order)
    : matchDocuments(documents, filter, page.offset + page.limit);
  const slice = matched.slice(page.offset, page.offset + page.limit);
  if (!page.projection) return slice.map((stored) => stored.json);
  const projection = page.projection;
  return evaluate('projection', () =>
    new Query({}, mingoOptions)
      .find<Document>(
        slice.map((stored) => stored.doc),
        projection,
      )
      .all()
      .map((doc) => encodeEjson(doc)),
  );
}

/**
 * A stable multi-field sort with mingo's value ordering (MongoDB's order of types). Not mingo's own $sort,
 * which groups documents by hashed values and costs several times more on a page of a shop's query.
 */
function sortDocuments(matched: StoredDocument[], order: Record<string, 1 | -1>): StoredDocument[] {
  const fields = Object.entries(order);
  const keyed = matched.map((stored) => ({
    stored,
    // A top-level field is the property itself; mingo's resolve() is for paths through arrays.
    keys: fields.map(([field]) => (field.includes('.') ? resolve(stored.doc, field) : stored.doc[field])),
  }));
  keyed.sort((a, b) => {
    for (let i = 0; i < fields.length; i++) {
      const difference = compare(a.keys[i], b.keys[i]);
      if (difference !== 0) return difference * fields[i][1];
    }
    return 0;
  });
  return keyed.map((entry) => entry.stored);
}

/** One document through a projection (a transaction's read of a single document). */
export function projectOne(doc: Document, projection: Document): string {
  const [projected] = evaluate('projection', () =>
    new Query({}, mingoOptions).find<Document>([doc], projection).all(),
  );
  return encodeEjson(projected);
}

export function parseOrder(text: string | undefined, now: number): Record<string, 1 | -1> | undefined {
  if (text === undefined || text === '') return undefined;
  const order = parseEjson(text, 'order', now);
  if (!isPlainObject(order)) throw invalidParam('order must be an object of field: 1 | -1');
  const result: Record<string, 1 | -1> = {};
  for (const [field, direction] of Object.entries(order)) {
    if (direction !== 1 && direction !== -1) throw invalidParam(`order of ${field} must be 1 or -1`);
    result[field] = direction;
  }
  return Object.keys(result).length > 0 ? result : undefined;
}

export function parseProjection(text: string | undefined, now: number): Document | undefined {
  if (text === undefined || text === '') return undefined;
  const projection = parseEjson(text, 'projection', now);
  if (!isPlainObject(projection)) throw invalidParam('projection must be an object');
  return Object.keys(projection).length > 0 ? projection : undefined;
}

/** The SDK sends 100 when no limit is set and never more than 1000; the server holds to the same rule. */
export function pageLimit(limit: number | undefined): number {
  if (limit === undefined || limit <= 0) return DEFAULT_LIMIT;
  return Math.min(Math.floor(limit), MAX_LIMIT);
}
