/**
 * Queries through the real wx-server-sdk: every db.command query operator, nested paths, regular
 * expressions, orderBy/skip/limit/field, count, the default page and its cap, and where().update/remove.
 */
import { failureOf, freshCollection, type SdkDatabase } from '../../test/support/collections';
import { connectSdk, postAdmin, startTestCloud, type TestCloud } from '../../test/support/local-cloud';
import type { Doc } from '../../test/support/sdk-types';

let cloud: TestCloud;
let db: SdkDatabase;
let products: string;

const PRODUCTS = [
  {
    _id: 'p1',
    name: 'Green tea',
    price: 1200,
    stock: 5,
    tags: ['tea', 'green'],
    spec: { color: 'green', size: 'S' },
    reviews: [{ stars: 5 }, { stars: 3 }],
    onSale: true,
  },
  {
    _id: 'p2',
    name: 'Black tea',
    price: 1800,
    stock: 0,
    tags: ['tea'],
    spec: { color: 'black', size: 'M' },
    reviews: [{ stars: 2 }],
  },
  {
    _id: 'p3',
    name: 'Teapot',
    price: 9900,
    stock: 2,
    tags: ['ware', 'clay'],
    spec: { color: 'red', size: 'L' },
    reviews: [],
  },
  {
    _id: 'p4',
    name: 'cup',
    price: 600,
    stock: 30,
    tags: ['ware'],
    spec: { color: 'white', size: 'S' },
    reviews: [{ stars: 4 }, { stars: 4 }],
    onSale: false,
  },
];

function ids(docs: Doc[]): unknown[] {
  return docs.map((doc) => doc._id);
}

beforeAll(async () => {
  cloud = await startTestCloud();
  db = connectSdk(cloud.adminUrl).database();
  products = await freshCollection(db, 'products');
  await db.collection(products).add({ data: PRODUCTS });
});

afterAll(async () => {
  await cloud.close();
});

describe('query operators', () => {
  const cases: [string, () => object, string[]][] = [
    ['plain equality', () => ({ stock: 0 }), ['p2']],
    ['eq', () => ({ price: db.command.eq(600) }), ['p4']],
    ['neq', () => ({ stock: db.command.neq(0) }), ['p1', 'p3', 'p4']],
    ['lt', () => ({ price: db.command.lt(1200) }), ['p4']],
    ['lte', () => ({ price: db.command.lte(1200) }), ['p1', 'p4']],
    ['gt', () => ({ price: db.command.gt(1800) }), ['p3']],
    ['gte', () => ({ price: db.command.gte(1800) }), ['p2', 'p3']],
    ['in', () => ({ _id: db.command.in(['p4', 'p2', 'nope']) }), ['p2', 'p4']],
    ['nin', () => ({ _id: db.command.nin(['p1', 'p2']) }), ['p3', 'p4']],
    // A top-level $in of scalars is pre-checked with a Set: arrays, numbers and missing fields as MongoDB has them.
    ['in on a field', () => ({ price: db.command.in([600, 9900, '1200']) }), ['p3', 'p4']],
    ['in on an array field', () => ({ tags: db.command.in(['clay', 'green']) }), ['p1', 'p3']],
    ['in on a missing field', () => ({ onSale: db.command.in([true]) }), ['p1']],
    ['in with another condition', () => ({ name: db.command.in(['cup', 'Teapot']), stock: 2 }), ['p3']],
    ['and on one field', () => ({ price: db.command.gt(1000).and(db.command.lt(5000)) }), ['p1', 'p2']],
    ['or on one field', () => ({ price: db.command.lt(1000).or(db.command.gt(5000)) }), ['p3', 'p4']],
    ['top-level and', () => db.command.and([{ tags: 'tea' }, { stock: db.command.gt(0) }]), ['p1']],
    ['top-level or', () => db.command.or([{ stock: 0 }, { price: db.command.gt(5000) }]), ['p2', 'p3']],
    ['nor', () => db.command.nor([{ tags: 'tea' }, { price: db.command.gt(5000) }]), ['p4']],
    ['not', () => ({ price: db.command.not(db.command.gt(1000)) }), ['p4']],
    ['exists true', () => ({ onSale: db.command.exists(true) }), ['p1', 'p4']],
    ['exists false', () => ({ onSale: db.command.exists(false) }), ['p2', 'p3']],
    ['size', () => ({ tags: db.command.size(2) }), ['p1', 'p3']],
    ['elemMatch', () => ({ reviews: db.command.elemMatch({ stars: db.command.gte(4) }) }), ['p1', 'p4']],
    ['all', () => ({ tags: db.command.all(['tea', 'green']) }), ['p1']],
    ['array contains', () => ({ tags: 'ware' }), ['p3', 'p4']],
    ['mod', () => ({ stock: db.command.mod(5, 0) }), ['p1', 'p2', 'p4']],
    ['nested object', () => ({ spec: { size: 'S' } }), ['p1', 'p4']],
    ['dotted path', () => ({ 'spec.color': 'red' }), ['p3']],
    ['path into an array', () => ({ 'reviews.stars': 2 }), ['p2']],
    ['db.RegExp', () => ({ name: db.RegExp({ regexp: '^tea', options: 'i' }) }), ['p3']],
    ['JS RegExp', () => ({ name: /tea$/ }), ['p1', 'p2']],
  ];

  it.each(cases)('%s', async (_label, condition, expected) => {
    const result = await db.collection(products).where(condition()).get();
    expect(result.errMsg).toBe('collection.get:ok');
    expect(ids(result.data)).toEqual(expected);
  });
});

describe('orderBy, skip, limit, field', () => {
  it('sorts by several fields, pages, and projects', async () => {
    const page = await db
      .collection(products)
      .where({ price: db.command.gt(0) })
      .orderBy('spec.size', 'asc')
      .orderBy('price', 'desc')
      .skip(1)
      .limit(2)
      .field({ name: true, price: true })
      .get();
    // size L (p3), M (p2), S (p1 1200, p4 600): skip p3, take p2 and p1.
    expect(page.data).toEqual([
      { _id: 'p2', name: 'Black tea', price: 1800 },
      { _id: 'p1', name: 'Green tea', price: 1200 },
    ]);
  });

  it('excludes fields with field({x: false})', async () => {
    const result = await db
      .collection(products)
      .where({ _id: 'p4' })
      .field({ reviews: false, spec: false, tags: false })
      .get();
    expect(result.data).toEqual([{ _id: 'p4', name: 'cup', price: 600, stock: 30, onSale: false }]);
  });

  it('keeps insertion order without orderBy', async () => {
    expect(ids((await db.collection(products).get()).data)).toEqual(['p1', 'p2', 'p3', 'p4']);
  });
});

describe('count', () => {
  it('counts matching documents', async () => {
    expect(await db.collection(products).where({ tags: 'tea' }).count()).toEqual({
      total: 2,
      errMsg: 'collection.count:ok',
    });
    expect((await db.collection(products).count()).total).toBe(4);
  });
});

describe('page size', () => {
  let many: string;

  beforeAll(async () => {
    many = await freshCollection(db, 'many');
    const docs = Array.from({ length: 1100 }, (_unused, n) => ({ n }));
    await db.collection(many).add({ data: docs });
  });

  it('answers 100 documents when no limit is set', async () => {
    const result = await db.collection(many).get();
    expect(result.data).toHaveLength(100);
    expect(result.data[99].n).toBe(99);
  });

  it('answers at most 1000 documents even when asked for more', async () => {
    const limited = await db.collection(many).limit(1000).get();
    expect(limited.data).toHaveLength(1000);
    // The SDK caps at 1000 itself; a raw request shows the server holds to the same cap.
    const raw = await postAdmin(cloud.adminUrl, {
      action: 'database.getDocument',
      collectionName: many,
      queryType: 'WHERE',
      limit: 5000,
    });
    const data = raw.body.data as { list: string[] };
    expect(data.list).toHaveLength(1000);
  });

  it('counts beyond the page size', async () => {
    expect((await db.collection(many).count()).total).toBe(1100);
    expect(
      (
        await db
          .collection(many)
          .where({ n: db.command.gte(1000) })
          .count()
      ).total,
    ).toBe(100);
  });
});

describe('where().update and where().remove', () => {
  it('updates every matching document and reports how many changed', async () => {
    const items = await freshCollection(db, 'items');
    await db.collection(items).add({
      data: [
        { k: 'a', n: 1 },
        { k: 'a', n: 2 },
        { k: 'b', n: 3 },
        { k: 'a', n: 4, done: true },
      ],
    });
    const updated = await db
      .collection(items)
      .where({ k: 'a' })
      .update({ data: { done: true } });
    // Three match; the one already done is left as it was and is not counted.
    expect(updated).toEqual({ stats: { updated: 2 }, errMsg: 'collection.update:ok' });
    expect((await db.collection(items).where({ done: true }).count()).total).toBe(3);
  });

  it('removes every matching document', async () => {
    const items = await freshCollection(db, 'items');
    await db.collection(items).add({ data: [{ k: 'a' }, { k: 'a' }, { k: 'b' }] });
    expect(await db.collection(items).where({ k: 'a' }).remove()).toEqual({
      stats: { removed: 2 },
      errMsg: 'collection.remove:ok',
    });
    expect(ids((await db.collection(items).get()).data)).toHaveLength(1);
  });

  it('fails with DATABASE_COLLECTION_NOT_EXIST on a missing collection', async () => {
    const failure = await failureOf(db.collection('missing_collection').where({ a: 1 }).get());
    expect(failure.errCode).toBe(-502005);
    expect(failure.errMsg).toContain('collection.get:fail');
    const countFailure = await failureOf(db.collection('missing_collection').count());
    expect(countFailure.errCode).toBe(-502005);
  });
});

describe('invalid queries', () => {
  it('answers an unknown query operator with DATABASE_INVALID_OPERRATOR and keeps serving', async () => {
    const raw = await postAdmin(cloud.adminUrl, {
      action: 'database.getDocument',
      collectionName: products,
      queryType: 'WHERE',
      query: JSON.stringify({ price: { $near: 1 } }),
    });
    expect(raw.status).toBe(200);
    expect(raw.body.code).toBe('DATABASE_INVALID_OPERRATOR');
    expect((await db.collection(products).count()).total).toBe(4);
  });
});
