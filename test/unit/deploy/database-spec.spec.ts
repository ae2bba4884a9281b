/**
 * database/collections.json against the code: every collection of collections.ts with a closed rule, the
 * indexes the worker's and the buyers' queries need, and the checks that catch a file gone out of step.
 */
import fs from 'node:fs';
import { COLLECTIONS } from '../../../cloudfunctions/common/repositories/collections';
import {
  checkDatabaseSpec,
  describeIndex,
  DATABASE_FILE,
  readDatabaseSpec,
  type CollectionSpec,
} from '../../../scripts/deploy/database-spec';

function collections(): CollectionSpec[] {
  const spec = readDatabaseSpec();
  if (!spec.ok) throw new Error(spec.errors.join('\n'));
  return spec.collections;
}

function indexKeys(name: string): { keys: string; unique: boolean }[] {
  const collection = collections().find((item) => item.name === name);
  return (collection?.indexes ?? []).map((index) => ({
    keys: Object.entries(index.keys)
      .map(([field, order]) => `${field}:${order}`)
      .join(','),
    unique: index.unique,
  }));
}

describe('database/collections.json', () => {
  it('lists every collection of collections.ts, each closed to clients', () => {
    expect(
      collections()
        .map((item) => item.name)
        .sort(),
    ).toEqual(Object.values(COLLECTIONS).sort());
    for (const collection of collections()) expect(collection.rule).toEqual({ read: false, write: false });
  });

  it('indexes what the queries filter and sort on', () => {
    expect(indexKeys('orders')).toEqual(
      expect.arrayContaining([
        { keys: 'orderNo:asc', unique: true },
        { keys: 'openid:asc,state:asc,createdAt:desc', unique: false },
        { keys: 'state:asc,expiresAt:asc', unique: false },
      ]),
    );
    expect(indexKeys('products')).toContainEqual({
      keys: 'onSale:asc,categoryPath:asc,sales:desc',
      unique: false,
    });
    expect(indexKeys('skus')).toEqual([
      { keys: 'productId:asc', unique: false },
      { keys: 'pending.at:asc', unique: false },
      { keys: 'onSale:asc,stock:asc', unique: false },
    ]);
    expect(indexKeys('payment_inbox')).toContainEqual({ keys: 'state:asc,nextAttemptAt:asc', unique: false });
    expect(indexKeys('cart_lines')).toEqual([{ keys: 'openid:asc', unique: false }]);
  });

  it('refuses a file that misses a collection, names an unknown one or repeats an index', () => {
    const raw = JSON.parse(fs.readFileSync(DATABASE_FILE, 'utf8')) as { collections: CollectionSpec[] };
    const withoutOrders = { collections: raw.collections.filter((item) => item.name !== 'orders') };
    expect(checkDatabaseSpec(withoutOrders)).toEqual({
      ok: false,
      errors: ['orders: missing (every collection needs its rule)'],
    });
    const stranger = { collections: [...raw.collections, { name: 'orderz', rule: {}, indexes: [] }] };
    expect(checkDatabaseSpec(stranger)).toEqual({
      ok: false,
      errors: ['orderz: not a collection of collections.ts'],
    });
    const skus = raw.collections.find((item) => item.name === 'skus') as CollectionSpec;
    const repeated = {
      collections: raw.collections.map((item) =>
        item === skus ? { ...skus, indexes: [...skus.indexes, skus.indexes[0]] } : item,
      ),
    };
    expect(checkDatabaseSpec(repeated)).toEqual({
      ok: false,
      errors: ['skus: index productId listed twice'],
    });
  });

  it('describes an index with its fields and order', () => {
    const orders = collections().find((item) => item.name === 'orders') as CollectionSpec;
    const index = orders.indexes.find((item) => item.name === 'openid_state_createdAt');
    expect(index && describeIndex(index)).toBe(
      'openid_state_createdAt: 非唯一; openid 升序, state 升序, createdAt 降序',
    );
  });
});
