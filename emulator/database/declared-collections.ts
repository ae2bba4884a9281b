/**
 * The collections a cloud environment has: in CloudBase a collection exists only once it is created (console,
 * management API or `db.createCollection`), and writing to or reading from any other fails with
 * DATABASE_COLLECTION_NOT_EXIST. The local cloud creates the collections a project declares (its
 * `database/collections.json`: `{ "collections": [{ "name": ... }, ...] }`) at start-up, and a seed may only
 * fill declared collections, so a collection the project forgot to declare fails here as it would in the cloud.
 */
import { readFile } from 'node:fs/promises';
import { invalidParam } from './errors';

export async function readDeclaredCollections(file: string): Promise<string[]> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await readFile(file, 'utf8'));
  } catch (error) {
    throw invalidParam(`collections file ${file} is not readable JSON: ${String(error)}`);
  }
  const list = (parsed as { collections?: unknown } | null)?.collections;
  if (!Array.isArray(list)) throw invalidParam(`collections file ${file} must have a "collections" list`);
  return list.map((entry: unknown, index) => {
    const name = typeof entry === 'string' ? entry : (entry as { name?: unknown } | null)?.name;
    if (typeof name !== 'string' || name === '')
      throw invalidParam(`collections file ${file}: collections[${index}] has no name`);
    return name;
  });
}
