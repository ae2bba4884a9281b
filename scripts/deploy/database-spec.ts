/**
 * database/collections.json: the collections, security rules and indexes of the cloud database (format in
 * database/README.md), checked against the collection names the code uses.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { COLLECTIONS } from '../../cloudfunctions/common/repositories/collections';
import { REPOSITORY_ROOT } from '../lib/shop-config';

export const DATABASE_FILE = path.join(REPOSITORY_ROOT, 'database', 'collections.json');

const indexSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z][\w]{0,63}$/, 'must be letters, digits and underscores'),
    keys: z
      .record(z.string().min(1), z.enum(['asc', 'desc']))
      .refine((keys) => Object.keys(keys).length > 0, 'must name at least one field'),
    unique: z.boolean(),
    serves: z.string().min(1, 'must say which query the index is for'),
  })
  .strict();

const collectionSchema = z
  .object({
    name: z.string(),
    rule: z.record(z.string(), z.unknown()),
    indexes: z.array(indexSchema),
    note: z.string().optional(),
  })
  .strict();

const fileSchema = z
  .object({ $comment: z.string().optional(), collections: z.array(collectionSchema) })
  .strict();

export type CollectionSpec = z.infer<typeof collectionSchema>;
export type IndexSpec = z.infer<typeof indexSchema>;

/** Problems as one line each: shape, names the code does not use or that are missing, duplicate indexes. */
export function checkDatabaseSpec(
  raw: unknown,
): { ok: true; collections: CollectionSpec[] } | { ok: false; errors: string[] } {
  const parsed = fileSchema.safeParse(raw);
  if (!parsed.success) {
    return {
      ok: false,
      errors: parsed.error.issues.map((issue) => `${issue.path.join('.') || 'file'}: ${issue.message}`),
    };
  }
  const errors: string[] = [];
  const expected = new Set<string>(Object.values(COLLECTIONS));
  const seen = new Set<string>();
  for (const collection of parsed.data.collections) {
    if (!expected.has(collection.name)) errors.push(`${collection.name}: not a collection of collections.ts`);
    if (seen.has(collection.name)) errors.push(`${collection.name}: listed twice`);
    seen.add(collection.name);
    const indexNames = new Set<string>();
    for (const index of collection.indexes) {
      if (indexNames.has(index.name)) errors.push(`${collection.name}: index ${index.name} listed twice`);
      indexNames.add(index.name);
    }
  }
  for (const name of expected)
    if (!seen.has(name)) errors.push(`${name}: missing (every collection needs its rule)`);
  return errors.length > 0 ? { ok: false, errors } : { ok: true, collections: parsed.data.collections };
}

export function readDatabaseSpec(file = DATABASE_FILE): ReturnType<typeof checkDatabaseSpec> {
  try {
    return checkDatabaseSpec(JSON.parse(fs.readFileSync(file, 'utf8')));
  } catch (error) {
    return { ok: false, errors: [`${file}: ${error instanceof Error ? error.message : String(error)}`] };
  }
}

const ORDER_LABEL = { asc: '升序', desc: '降序' } as const;

export function describeIndex(index: IndexSpec): string {
  const keys = Object.entries(index.keys)
    .map(([field, order]) => `${field} ${ORDER_LABEL[order]}`)
    .join(', ');
  return `${index.name}: ${index.unique ? '唯一' : '非唯一'}; ${keys}`;
}
