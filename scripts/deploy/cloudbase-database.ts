/**
 * The database through CloudBase's management API: each collection of database/collections.json created
 * when missing, its missing indexes created, and its security rule set. Indexes are never dropped here: an
 * index the file no longer names is reported, to drop by hand once nothing uses it.
 */
import { managementStep, type CloudBase } from './cloudbase';
import type { CollectionPlan } from './deploy-plan';
import type { IndexSpec } from './database-spec';

export interface CollectionOutcome {
  name: string;
  created: boolean;
  indexesCreated: string[];
  /** Indexes in the cloud that the file does not name (besides _id). */
  indexesUnknown: string[];
}

/** The management API's form of an index: keys in order, 1 ascending, -1 descending. */
export function createIndexRequest(index: IndexSpec): {
  IndexName: string;
  MgoKeySchema: { MgoIndexKeys: { Name: string; Direction: string }[]; MgoIsUnique: boolean };
} {
  return {
    IndexName: index.name,
    MgoKeySchema: {
      MgoIndexKeys: Object.entries(index.keys).map(([field, order]) => ({
        Name: field,
        Direction: order === 'asc' ? '1' : '-1',
      })),
      MgoIsUnique: index.unique,
    },
  };
}

export async function deployCollection(
  manager: CloudBase,
  collection: CollectionPlan,
  envId: string,
): Promise<CollectionOutcome> {
  const { name } = collection;
  const created = await managementStep(`creating collection ${name}`, envId, () =>
    manager.database.createCollectionIfNotExists(name),
  );
  const described = await managementStep(`reading the indexes of ${name}`, envId, () =>
    manager.database.describeCollection(name),
  );
  const existing = new Set((described.Indexes ?? []).map((index) => index.Name));
  const missing = collection.indexes.filter((index) => !existing.has(index.name));
  if (missing.length > 0) {
    await managementStep(`creating the indexes of ${name}`, envId, () =>
      manager.database.updateCollection(name, { CreateIndexes: missing.map(createIndexRequest) }),
    );
  }
  await managementStep(`setting the security rule of ${name}`, envId, () =>
    manager.permission.modifyResourcePermission({
      resourceType: 'collection',
      resource: name,
      permission: 'CUSTOM',
      securityRule: JSON.stringify(collection.rules),
    }),
  );
  const planned = new Set(collection.indexes.map((index) => index.name));
  return {
    name,
    created: created.IsCreated,
    indexesCreated: missing.map((index) => index.name),
    indexesUnknown: [...existing].filter((index) => index !== '_id_' && !planned.has(index)),
  };
}
