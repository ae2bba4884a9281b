/**
 * Extended JSON as the SDK writes it (canonical EJSON of the `bson` package, plus CloudBase's
 * `$tcb_server_date`) and as it reads it back (`EJSON.parse` of each returned document).
 *
 * A small codec of our own rather than the SDK's transitive `bson` copy: the project does not depend on
 * `bson`, and only a handful of wrappers occur in a shop's documents.
 */
import { isDate, isRegExp } from 'node:util/types';
import { invalidParam } from './errors';

/** A stored document: plain objects, arrays, strings, numbers, booleans, null, Date and RegExp values. */
export type Document = Record<string, unknown>;

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object') return false;
  const proto: unknown = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}

/**
 * A deep copy of a document value. Not structuredClone: its copies belong to Node's main realm, so under a
 * test runner's sandbox they would fail `instanceof Date` and plain-object checks.
 */
export function cloneValue<T>(value: T): T {
  if (Array.isArray(value)) return value.map((item: unknown) => cloneValue(item)) as T;
  if (isDate(value)) return new Date(value.getTime()) as T;
  if (isRegExp(value)) return new RegExp(value.source, value.flags) as T;
  if (value !== null && typeof value === 'object') {
    const copy: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) copy[key] = cloneValue(item);
    return copy as T;
  }
  return value;
}

/**
 * Parses EJSON text from a request. `now` is the request's clock: every `db.serverDate()` in one request
 * resolves to the same instant, as the cloud stamps a request once.
 */
export function parseEjson(text: string, what: string, now: number): unknown {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch {
    throw invalidParam(`${what} is not valid EJSON: ${truncate(text)}`);
  }
  return decodeEjson(raw, now, what);
}

/** Decodes an already JSON-parsed value in place (the parse result is ours, so no copy is needed). */
export function decodeEjson(value: unknown, now: number, what: string): unknown {
  if (Array.isArray(value)) {
    for (let i = 0; i < value.length; i++) value[i] = decodeEjson(value[i], now, what);
    return value;
  }
  if (!isPlainObject(value)) return value;
  const keys = Object.keys(value);
  if (keys.length === 1 && keys[0].startsWith('$')) {
    const wrapped = decodeWrapper(keys[0], value[keys[0]], now, what);
    if (wrapped !== NOT_A_WRAPPER) return wrapped;
  }
  for (const key of keys) value[key] = decodeEjson(value[key], now, what);
  return value;
}

const NOT_A_WRAPPER = Symbol('not an EJSON type wrapper');

function decodeWrapper(key: string, inner: unknown, now: number, what: string): unknown {
  switch (key) {
    case '$numberInt':
    case '$numberLong':
      return decodeIntegerText(inner, key, what);
    case '$numberDouble':
    case '$numberDecimal':
      // Decimal128 has no JS counterpart; a shop stores money as integer fen, so a double is good enough.
      return decodeDoubleText(inner, key, what);
    case '$date':
      return decodeDate(inner, what);
    case '$regularExpression':
      return decodeRegExp(inner, what);
    case '$oid':
      if (typeof inner === 'string' && /^[0-9a-fA-F]{24}$/.test(inner)) return inner.toLowerCase();
      throw invalidParam(`${what}: $oid must be 24 hex characters`);
    case '$tcb_server_date':
      return decodeServerDate(inner, now, what);
    case '$undefined':
      return null;
    case '$binary':
    case '$uuid':
    case '$timestamp':
    case '$minKey':
    case '$maxKey':
    case '$symbol':
    case '$code':
    case '$dbPointer':
    case '$dbRef':
      throw invalidParam(`${what}: EJSON type ${key} is not supported by the local cloud`);
    default:
      // A query or update operator such as {"$gt": ...}: not a value wrapper.
      return NOT_A_WRAPPER;
  }
}

function decodeIntegerText(inner: unknown, key: string, what: string): number {
  if (typeof inner === 'string' && /^-?\d+$/.test(inner)) return Number(inner);
  throw invalidParam(`${what}: ${key} must be a string of digits, got ${JSON.stringify(inner)}`);
}

function decodeDoubleText(inner: unknown, key: string, what: string): number {
  if (typeof inner === 'string') {
    if (inner === 'NaN') return NaN;
    const parsed = Number(inner);
    if (!Number.isNaN(parsed) && inner.trim() !== '') return parsed;
  }
  throw invalidParam(`${what}: ${key} must be a numeric string, got ${JSON.stringify(inner)}`);
}

function decodeDate(inner: unknown, what: string): Date {
  let ms: number = NaN;
  if (isPlainObject(inner) && typeof inner.$numberLong === 'string') ms = Number(inner.$numberLong);
  else if (typeof inner === 'string') ms = Date.parse(inner);
  else if (typeof inner === 'number') ms = inner;
  if (!Number.isFinite(ms)) throw invalidParam(`${what}: invalid $date ${JSON.stringify(inner)}`);
  return new Date(ms);
}

function decodeRegExp(inner: unknown, what: string): RegExp {
  if (!isPlainObject(inner) || typeof inner.pattern !== 'string') {
    throw invalidParam(`${what}: $regularExpression needs a string pattern`);
  }
  const options = typeof inner.options === 'string' ? inner.options : '';
  // MongoDB's i, m, s map to JS flags; 'g'/'y' would make RegExp.test stateful, so they are dropped.
  const flags = [...new Set(options.split(''))].filter((flag) => 'ims'.includes(flag)).join('');
  try {
    return new RegExp(inner.pattern, flags);
  } catch (error) {
    throw invalidParam(`${what}: invalid regular expression: ${String(error)}`);
  }
}

function decodeServerDate(inner: unknown, now: number, what: string): Date {
  let offset = 0;
  if (isPlainObject(inner) && inner.offset !== undefined) {
    const decoded = decodeEjson(inner.offset, now, what);
    if (typeof decoded !== 'number' || !Number.isFinite(decoded)) {
      throw invalidParam(`${what}: $tcb_server_date offset must be a number`);
    }
    offset = decoded;
  }
  return new Date(now + offset);
}

/**
 * Encodes a value as relaxed EJSON text that `EJSON.parse` turns back into the same JS values: numbers stay
 * plain JSON numbers (the SDK parses them as numbers), dates and regular expressions get their wrappers.
 */
export function encodeEjson(value: unknown): string {
  return JSON.stringify(value, ejsonReplacer);
}

function ejsonReplacer(this: unknown, key: string, value: unknown): unknown {
  // JSON.stringify has already applied Date.prototype.toJSON to `value`; the holder still has the Date.
  const original = (this as Record<string, unknown>)[key];
  if (isDate(original)) {
    const ms = original.getTime();
    return Number.isFinite(ms) ? { $date: { $numberLong: String(ms) } } : null;
  }
  if (isRegExp(original)) {
    return { $regularExpression: { pattern: original.source, options: original.flags } };
  }
  if (typeof value === 'number' && !Number.isFinite(value)) {
    return { $numberDouble: Number.isNaN(value) ? 'NaN' : value > 0 ? 'Infinity' : '-Infinity' };
  }
  return value;
}

function truncate(text: string): string {
  return text.length > 120 ? `${text.slice(0, 120)}…` : text;
}
