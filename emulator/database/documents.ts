/**
 * Rules every stored document follows: its `_id`, the id the cloud would generate, valid field names and the
 * size limit.
 */
import { randomBytes } from 'node:crypto';
import { type Document, isPlainObject } from './ejson';
import { invalidParam, requestFailed } from './errors';

export type DocumentId = string | number;

/**
 * MongoDB's limit on one BSON document, which the cloud database is built on. The encoded JSON length is used
 * as the measure: close to the BSON size for a shop's documents.
 */
export const MAX_DOCUMENT_BYTES = 16 * 1024 * 1024;

/** A new `_id` in the cloud's style: 32 lowercase hex characters. */
export function generateDocumentId(): string {
  return randomBytes(16).toString('hex');
}

export function isDocumentId(value: unknown): value is DocumentId {
  return (
    (typeof value === 'string' && value.length > 0) || (typeof value === 'number' && Number.isFinite(value))
  );
}

/**
 * The key a document is stored under. `doc('1')` and `doc(1)` are different documents in the cloud, so the
 * key keeps the type: strings as they are, numbers with a prefix no generated or sensible id starts with.
 */
export function documentKey(id: DocumentId): string {
  return typeof id === 'number' ? `\u0000n:${id}` : id;
}

/** A key back as readable text, for messages. */
export function describeKey(key: string): string {
  return key.startsWith('\u0000n:') ? key.slice(3) : key;
}

export function readDocumentId(doc: Document, what: string): DocumentId {
  const id = doc._id;
  if (!isDocumentId(id)) throw invalidParam(`${what}: _id must be a non-empty string or a number`);
  return id;
}

/**
 * Checks what MongoDB refuses to store: field names starting with '$' (they would read back as operators or
 * EJSON wrappers), names containing '.', and '__proto__' (which would change an object's prototype here).
 */
export function assertStorable(doc: Document, encodedBytes: number): void {
  if (encodedBytes > MAX_DOCUMENT_BYTES) {
    throw requestFailed(
      `document is too large: ${encodedBytes} bytes, the limit is ${MAX_DOCUMENT_BYTES} bytes (16 MB)`,
    );
  }
  checkFieldNames(doc, '');
}

function checkFieldNames(value: unknown, path: string): void {
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkFieldNames(item, `${path}.${index}`));
    return;
  }
  if (!isPlainObject(value)) return;
  for (const key of Object.keys(value)) {
    const where = path ? `${path}.${key}` : key;
    if (key.startsWith('$')) throw requestFailed(`field name '${where}' must not start with '$'`);
    if (key.includes('.')) throw requestFailed(`field name '${where}' must not contain '.'`);
    if (key === '__proto__') throw requestFailed(`field name '${where}' is not allowed`);
    checkFieldNames(value[key], where);
  }
}
