/**
 * Single documents through the real wx-server-sdk: add, doc().get/set/update/remove, ids, dates and
 * db.serverDate(), and the errors the cloud gives for missing documents and collections.
 */
import { failureOf, freshCollection, type SdkDatabase } from '../../test/support/collections';
import { connectSdk, startTestCloud, type TestCloud } from '../../test/support/local-cloud';

let cloud: TestCloud;
let db: SdkDatabase;

beforeAll(async () => {
  cloud = await startTestCloud();
  db = connectSdk(cloud.adminUrl).database();
});

afterAll(async () => {
  await cloud.close();
});

describe('add', () => {
  it('stores a document under a generated 32-hex _id and reads it back with its types', async () => {
    const products = await freshCollection(db, 'products');
    const createdAt = new Date('2024-05-01T08:00:00.000Z');
    const added = await db.collection(products).add({
      data: {
        name: '茶杯',
        price: 1999,
        weight: 0.35,
        big: 2 ** 40,
        tags: ['a', 'b'],
        spec: { color: 'red' },
        createdAt,
        none: null,
      },
    });
    expect(added.errMsg).toBe('collection.add:ok');
    expect(added._id).toMatch(/^[0-9a-f]{32}$/);

    const read = await db.collection(products).doc(added._id).get();
    expect(read.errMsg).toBe('document.get:ok');
    expect(read.data).toEqual({
      _id: added._id,
      name: '茶杯',
      price: 1999,
      weight: 0.35,
      big: 2 ** 40,
      tags: ['a', 'b'],
      spec: { color: 'red' },
      createdAt,
      none: null,
    });
    expect(read.data.createdAt).toBeInstanceOf(Date);
  });

  it('adds many documents in one call and answers their ids in order', async () => {
    const items = await freshCollection(db, 'items');
    const added = await db.collection(items).add({ data: [{ n: 1 }, { n: 2 }, { _id: 'third', n: 3 }] });
    expect(added._ids).toHaveLength(3);
    expect(added._ids[2]).toBe('third');
    const all = await db.collection(items).get();
    expect(all.data.map((doc) => doc.n)).toEqual([1, 2, 3]);
  });

  it('keeps a given _id and refuses a duplicate one', async () => {
    const items = await freshCollection(db, 'items');
    await db.collection(items).add({ data: { _id: 'sku-1', n: 1 } });
    const failure = await failureOf(db.collection(items).add({ data: { _id: 'sku-1', n: 2 } }));
    expect(failure.errCode).toBe(-502001);
    expect(failure.errMsg).toContain('duplicate key');
    expect((await db.collection(items).doc('sku-1').get()).data.n).toBe(1);
  });

  it('refuses a batch with one duplicate as a whole', async () => {
    const items = await freshCollection(db, 'items');
    await db.collection(items).add({ data: { _id: 'x' } });
    await failureOf(db.collection(items).add({ data: [{ _id: 'y' }, { _id: 'x' }] }));
    expect((await db.collection(items).count()).total).toBe(1);
  });

  it('fails on a collection that does not exist, as the cloud does', async () => {
    const failure = await failureOf(db.collection('no_such_collection').add({ data: { a: 1 } }));
    expect(failure.errCode).toBe(-502005);
    expect(failure.errMsg).toContain('Db or Table not exist');
  });
});

describe('doc().get', () => {
  it('rejects with the cloud message when the document does not exist', async () => {
    const items = await freshCollection(db, 'items');
    const failure = await failureOf(db.collection(items).doc('missing-id').get());
    expect(failure.errMsg).toBe('document.get:fail document with _id missing-id does not exist');
  });

  it('answers null instead when the database is opened with throwOnNotFound: false', async () => {
    const items = await freshCollection(db, 'items');
    const lenient = connectSdk(cloud.adminUrl).database({ throwOnNotFound: false });
    const read = await lenient.collection(items).doc('missing-id').get();
    expect(read.data).toBeNull();
  });

  it('applies field() to a single document', async () => {
    const items = await freshCollection(db, 'items');
    await db.collection(items).add({ data: { _id: 'p', name: 'n', price: 5, secret: 's' } });
    const read = await db.collection(items).doc('p').field({ name: true, price: true }).get();
    expect(read.data).toEqual({ _id: 'p', name: 'n', price: 5 });
  });

  it('fails with DATABASE_COLLECTION_NOT_EXIST on a missing collection', async () => {
    const failure = await failureOf(db.collection('missing_collection').doc('a').get());
    expect(failure.errCode).toBe(-502005);
    expect(failure.errMsg).toMatch(/^document\.get:fail -502005 database collection not exists\./);
  });

  it('tells a numeric _id from the same digits as a string', async () => {
    const items = await freshCollection(db, 'items');
    await db
      .collection(items)
      .doc(7)
      .set({ data: { kind: 'number' } });
    await db
      .collection(items)
      .doc('7')
      .set({ data: { kind: 'string' } });
    expect((await db.collection(items).doc(7).get()).data).toEqual({ _id: 7, kind: 'number' });
    expect((await db.collection(items).doc('7').get()).data).toEqual({ _id: '7', kind: 'string' });
  });
});

describe('doc().set', () => {
  it('creates a missing document (upsert) and reports it as created', async () => {
    const carts = await freshCollection(db, 'carts');
    const set = await db
      .collection(carts)
      .doc('user-1')
      .set({ data: { items: [{ sku: 'a', qty: 1 }] } });
    expect(set).toEqual({ _id: 'user-1', errMsg: 'document.set:ok', stats: { updated: 0, created: 1 } });
    expect((await db.collection(carts).doc('user-1').get()).data).toEqual({
      _id: 'user-1',
      items: [{ sku: 'a', qty: 1 }],
    });
  });

  it('replaces the whole document of an existing one', async () => {
    const carts = await freshCollection(db, 'carts');
    await db
      .collection(carts)
      .doc('u')
      .set({ data: { a: 1, b: { c: 2 } } });
    const set = await db
      .collection(carts)
      .doc('u')
      .set({ data: { b: { d: 3 } } });
    expect(set.stats).toEqual({ updated: 1, created: 0 });
    expect((await db.collection(carts).doc('u').get()).data).toEqual({ _id: 'u', b: { d: 3 } });
  });

  it('reports updated: 0 when the new content equals the old', async () => {
    const carts = await freshCollection(db, 'carts');
    await db
      .collection(carts)
      .doc('u')
      .set({ data: { a: 1 } });
    expect(
      (
        await db
          .collection(carts)
          .doc('u')
          .set({ data: { a: 1 } })
      ).stats,
    ).toEqual({ updated: 0, created: 0 });
  });
});

describe('doc().update', () => {
  it('merges nested fields without dropping their siblings', async () => {
    const users = await freshCollection(db, 'users');
    await db.collection(users).add({ data: { _id: 'u', profile: { name: 'a', city: 'x' }, level: 1 } });
    const updated = await db
      .collection(users)
      .doc('u')
      .update({ data: { profile: { city: 'y' }, level: 2 } });
    expect(updated).toEqual({ stats: { updated: 1 }, errMsg: 'document.update:ok' });
    expect((await db.collection(users).doc('u').get()).data).toEqual({
      _id: 'u',
      profile: { name: 'a', city: 'y' },
      level: 2,
    });
  });

  it('answers updated: 0 for a missing document and creates nothing', async () => {
    const users = await freshCollection(db, 'users');
    expect(
      (
        await db
          .collection(users)
          .doc('ghost')
          .update({ data: { a: 1 } })
      ).stats,
    ).toEqual({ updated: 0 });
    expect((await db.collection(users).count()).total).toBe(0);
  });

  it('refuses to change _id through an operator', async () => {
    const users = await freshCollection(db, 'users');
    await db.collection(users).add({ data: { _id: 'u' } });
    const _ = db.command;
    const failure = await failureOf(
      db
        .collection(users)
        .doc('u')
        .update({ data: { other: _.rename('_id') } }),
    );
    expect(failure.errCode).toBe(-502001);
    expect((await db.collection(users).doc('u').get()).data).toEqual({ _id: 'u' });
  });
});

describe('doc().remove', () => {
  it('removes the document and reports how many were removed', async () => {
    const items = await freshCollection(db, 'items');
    await db.collection(items).add({ data: { _id: 'r' } });
    expect(await db.collection(items).doc('r').remove()).toEqual({
      stats: { removed: 1 },
      errMsg: 'document.remove:ok',
    });
    expect((await db.collection(items).doc('r').remove()).stats).toEqual({ removed: 0 });
    await failureOf(db.collection(items).doc('r').get());
  });
});

describe('db.serverDate()', () => {
  it('stores the server time, with an offset in milliseconds', async () => {
    const orders = await freshCollection(db, 'orders');
    const before = cloud.cloud.clock.now();
    await db
      .collection(orders)
      .doc('o')
      .set({
        data: { createdAt: db.serverDate(), expiresAt: db.serverDate({ offset: 15 * 60 * 1000 }) },
      });
    const after = cloud.cloud.clock.now();
    const { data } = await db.collection(orders).doc('o').get();
    expect(data.createdAt).toBeInstanceOf(Date);
    const createdAt = (data.createdAt as Date).getTime();
    expect(createdAt).toBeGreaterThanOrEqual(before);
    expect(createdAt).toBeLessThanOrEqual(after);
    // One request, one clock: the offset is exact.
    expect((data.expiresAt as Date).getTime() - createdAt).toBe(15 * 60 * 1000);
  });

  it('follows the cloud’s clock, which a test moves forward instead of waiting', async () => {
    const orders = await freshCollection(db, 'orders');
    const day = 24 * 3600 * 1000;
    const before = cloud.cloud.clock.now();
    await cloud.cloud.clock.advance(day);
    await db.collection(orders).add({ data: { _id: 'later', at: db.serverDate() } });
    const at = ((await db.collection(orders).doc('later').get()).data.at as Date).getTime();
    expect(at).toBeGreaterThanOrEqual(before + day);
    expect(at).toBeLessThanOrEqual(cloud.cloud.clock.now());
  });

  it('resolves inside update operators and queries', async () => {
    const orders = await freshCollection(db, 'orders');
    const _ = db.command;
    await db.collection(orders).add({ data: { _id: 'old', at: new Date('2020-01-01T00:00:00Z') } });
    await db
      .collection(orders)
      .add({ data: { _id: 'future', at: new Date(cloud.cloud.clock.now() + 3_600_000) } });
    // Not _.set(db.serverDate()): the SDK sends that operand unserialised ({offset: 0}), in the cloud too.
    await db
      .collection(orders)
      .doc('old')
      .update({ data: { touchedAt: db.serverDate(), log: _.push(db.serverDate()) } });
    const { data: touched } = await db.collection(orders).doc('old').get();
    expect(touched.touchedAt).toBeInstanceOf(Date);
    expect(touched.log).toEqual([touched.touchedAt]);
    const past = await db
      .collection(orders)
      .where({ at: _.lt(db.serverDate()) })
      .get();
    expect(past.data.map((doc) => doc._id)).toEqual(['old']);
  });
});

describe('createCollection', () => {
  it('fails when the collection already exists', async () => {
    const name = await freshCollection(db, 'dupes');
    const failure = await failureOf(db.createCollection(name));
    expect(failure.errMsg).toContain('createCollection:fail');
    expect(failure.errMsg).toContain('Table exist');
  });
});
