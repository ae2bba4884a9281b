/**
 * Duplicate inserts are recognised by reading the document back, whatever the database's error says:
 * CloudBase does not document the wording of its duplicate-_id error.
 */
import {
  insertOrFind,
  type InsertableCollection,
} from '../../../cloudfunctions/common/repositories/query-helpers';

interface Doc extends Record<string, unknown> {
  _id: string;
  writer: string;
}

/** A collection that refuses a second _id with a message no code could recognise, like an unknown cloud. */
function collection(failure = (id: string) => new Error(`請求失敗 ${id}`)) {
  const stored = new Map<string, Doc>();
  const reads: string[] = [];
  const api: InsertableCollection = {
    add: async ({ data }) => {
      const doc = data as Doc;
      if (stored.has(doc._id)) throw failure(doc._id);
      stored.set(doc._id, { ...doc });
      return { id: doc._id };
    },
    where: (query) => ({
      limit: () => ({
        get: async () => {
          reads.push(String(query._id));
          const doc = stored.get(String(query._id));
          return { data: doc ? [doc] : [] };
        },
      }),
    }),
  };
  return { api, stored, reads };
}

test('a first insert is written and costs no read', async () => {
  const { api, stored, reads } = collection();
  expect(await insertOrFind(api, { _id: 'a', writer: 'first' })).toEqual({ inserted: true });
  expect(stored.get('a')).toEqual({ _id: 'a', writer: 'first' });
  expect(reads).toEqual([]);
});

test('a second insert of the same _id answers the document that is there, whatever the error text', async () => {
  const { api, stored } = collection();
  await insertOrFind(api, { _id: 'a', writer: 'first' });
  expect(await insertOrFind(api, { _id: 'a', writer: 'second' })).toEqual({
    inserted: false,
    existing: { _id: 'a', writer: 'first' },
  });
  expect(stored.get('a')?.writer).toBe('first');
});

test('a failure with no document behind it is thrown as it was, even when its text says "duplicate"', async () => {
  const failing: InsertableCollection = {
    add: async () => {
      throw new Error('E11000 duplicate key error');
    },
    where: () => ({ limit: () => ({ get: async () => ({ data: [] }) }) }),
  };
  await expect(insertOrFind(failing, { _id: 'b', writer: 'x' })).rejects.toThrow('E11000');
});
