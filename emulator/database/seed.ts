/**
 * Seed data: a JSON file of `{ "<collection>": [documents...] }` loaded into an empty database, creating the
 * collections. Documents may use relaxed EJSON for dates (`{"$date": "2024-01-01T00:00:00Z"}`).
 */
import { readFile } from 'node:fs/promises';
import { type Document, decodeEjson, isPlainObject } from './ejson';
import { documentKey, generateDocumentId, readDocumentId } from './documents';
import { invalidParam } from './errors';
import type { DocumentStore, DocumentWrite } from './store';

/**
 * Loads the seed when the database has no collection yet; answers whether it did. With `declared`, a seed
 * collection the project does not declare is refused (the cloud would not have it).
 */
export async function seedIfEmpty(
  store: DocumentStore,
  seedFile: string,
  declared?: readonly string[],
): Promise<boolean> {
  if (store.collectionNames().length > 0) return false;
  const text = await readFile(seedFile, 'utf8');
  let seed: unknown;
  try {
    seed = decodeEjson(JSON.parse(text), Date.now(), `seed ${seedFile}`);
  } catch (error) {
    throw invalidParam(`seed ${seedFile} is not valid JSON: ${String(error)}`);
  }
  if (!isPlainObject(seed))
    throw invalidParam(`seed ${seedFile} must be an object of collection: documents[]`);
  const collections = Object.keys(seed);
  const undeclared = declared ? collections.filter((name) => !declared.includes(name)) : [];
  if (undeclared.length > 0)
    throw invalidParam(
      `seed ${seedFile} fills collections the project does not declare: ${undeclared.join(', ')}`,
    );
  const writes: DocumentWrite[] = [];
  for (const collection of collections) {
    const docs = seed[collection];
    if (!Array.isArray(docs))
      throw invalidParam(`seed ${seedFile}: ${collection} must be an array of documents`);
    const keys = new Set<string>();
    docs.forEach((raw: unknown, index) => {
      const what = `seed ${collection}[${index}]`;
      if (!isPlainObject(raw)) throw invalidParam(`${what} must be an object`);
      const { _id: givenId, ...fields } = raw;
      const doc: Document = {
        _id: givenId === undefined ? generateDocumentId() : readDocumentId({ _id: givenId }, what),
        ...fields,
      };
      const key = documentKey(readDocumentId(doc, what));
      if (keys.has(key)) throw invalidParam(`${what}: duplicate _id ${JSON.stringify(doc._id)}`);
      keys.add(key);
      writes.push({ collection, key, doc });
    });
  }
  store.apply(writes, collections);
  return true;
}
