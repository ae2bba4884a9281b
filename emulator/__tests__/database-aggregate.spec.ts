/**
 * Aggregation through the real wx-server-sdk: match, group with accumulators, sort, skip, limit, project,
 * addFields, lookup, unwind, count, sample, sortByCount, replaceRoot.
 */
import { failureOf, freshCollection, type SdkDatabase } from '../../test/support/collections';
import { connectSdk, startTestCloud, type TestCloud } from '../../test/support/local-cloud';

let cloud: TestCloud;
let db: SdkDatabase;
let orders: string;
let users: string;

beforeAll(async () => {
  cloud = await startTestCloud();
  db = connectSdk(cloud.adminUrl).database();
  orders = await freshCollection(db, 'orders');
  users = await freshCollection(db, 'users');
  await db.collection(users).add({
    data: [
      { _id: 'u1', name: 'Ann', city: 'Shanghai' },
      { _id: 'u2', name: 'Bo', city: 'Beijing' },
    ],
  });
  await db.collection(orders).add({
    data: [
      {
        _id: 'o1',
        user: 'u1',
        status: 'PAID',
        total: 1200,
        items: [
          { sku: 'tea', qty: 2 },
          { sku: 'cup', qty: 1 },
        ],
      },
      { _id: 'o2', user: 'u1', status: 'PAID', total: 800, items: [{ sku: 'tea', qty: 1 }] },
      { _id: 'o3', user: 'u2', status: 'CANCELLED', total: 500, items: [{ sku: 'pot', qty: 1 }] },
      { _id: 'o4', user: 'u2', status: 'PAID', total: 3000, items: [{ sku: 'pot', qty: 3 }] },
      { _id: 'o5', user: 'u3', status: 'TO_PAY', total: 100, items: [] },
    ],
  });
});

afterAll(async () => {
  await cloud.close();
});

it('matches, groups with accumulators and sorts', async () => {
  const $ = db.command.aggregate;
  const result = await db
    .collection(orders)
    .aggregate()
    .match({ status: 'PAID' })
    .group({
      _id: '$user',
      orders: $.sum(1),
      revenue: $.sum('$total'),
      average: $.avg('$total'),
      largest: $.max('$total'),
      smallest: $.min('$total'),
      ids: $.push('$_id'),
      statuses: $.addToSet('$status'),
      first: $.first('$_id'),
      last: $.last('$_id'),
    })
    .sort({ revenue: -1 })
    .end();
  expect(result.errMsg).toBe('collection.aggregate:ok');
  expect(result.list).toEqual([
    {
      _id: 'u2',
      orders: 1,
      revenue: 3000,
      average: 3000,
      largest: 3000,
      smallest: 3000,
      ids: ['o4'],
      statuses: ['PAID'],
      first: 'o4',
      last: 'o4',
    },
    {
      _id: 'u1',
      orders: 2,
      revenue: 2000,
      average: 1000,
      largest: 1200,
      smallest: 800,
      ids: ['o1', 'o2'],
      statuses: ['PAID'],
      first: 'o1',
      last: 'o2',
    },
  ]);
});

it('skips, limits, projects and adds fields', async () => {
  const $ = db.command.aggregate;
  const result = await db
    .collection(orders)
    .aggregate()
    .sort({ total: 1 })
    .skip(1)
    .limit(2)
    .project({ total: 1, status: 1 })
    .addFields({ yuan: $.divide(['$total', 100]) })
    .end();
  expect(result.list).toEqual([
    { _id: 'o3', status: 'CANCELLED', total: 500, yuan: 5 },
    { _id: 'o2', status: 'PAID', total: 800, yuan: 8 },
  ]);
});

it('joins with lookup and unwinds', async () => {
  const result = await db
    .collection(orders)
    .aggregate()
    .match({ _id: db.command.in(['o1', 'o3', 'o5']) })
    .lookup({ from: users, localField: 'user', foreignField: '_id', as: 'buyer' })
    .unwind('$buyer')
    .project({ _id: 1, name: '$buyer.name' })
    .end();
  // o5's user does not exist: unwind drops it.
  expect(result.list).toEqual([
    { _id: 'o1', name: 'Ann' },
    { _id: 'o3', name: 'Bo' },
  ]);
});

it('unwinds arrays and counts by value', async () => {
  const result = await db.collection(orders).aggregate().unwind('$items').sortByCount('$items.sku').end();
  expect(result.list).toEqual(
    expect.arrayContaining([
      { _id: 'tea', count: 2 },
      { _id: 'pot', count: 2 },
      { _id: 'cup', count: 1 },
    ]),
  );
  expect(result.list).toHaveLength(3);
  expect(result.list[2]).toEqual({ _id: 'cup', count: 1 });
});

it('counts documents with the count stage', async () => {
  const result = await db.collection(orders).aggregate().match({ status: 'PAID' }).count('paid').end();
  expect(result.list).toEqual([{ paid: 3 }]);
});

it('samples documents', async () => {
  const result = await db.collection(orders).aggregate().sample({ size: 2 }).end();
  expect(result.list).toHaveLength(2);
  for (const doc of result.list) expect(['o1', 'o2', 'o3', 'o4', 'o5']).toContain(doc._id);
});

it('replaces the root with a sub-document', async () => {
  const result = await db
    .collection(orders)
    .aggregate()
    .match({ _id: 'o1' })
    .unwind('$items')
    .replaceRoot({ newRoot: '$items' })
    .end();
  expect(result.list).toEqual([
    { sku: 'tea', qty: 2 },
    { sku: 'cup', qty: 1 },
  ]);
});

it('does not change the stored documents', async () => {
  await db.collection(orders).aggregate().addFields({ total: 0, extra: 1 }).end();
  const { data } = await db.collection(orders).doc('o1').get();
  expect(data.total).toBe(1200);
  expect(data.extra).toBeUndefined();
});

it('lookup of a missing collection joins nothing', async () => {
  const result = await db
    .collection(orders)
    .aggregate()
    .match({ _id: 'o1' })
    .lookup({ from: 'no_such_collection', localField: 'user', foreignField: '_id', as: 'x' })
    .project({ x: 1 })
    .end();
  expect(result.list).toEqual([{ _id: 'o1', x: [] }]);
});

it('fails on a missing collection', async () => {
  const failure = await failureOf(db.collection('no_such_collection').aggregate().match({}).end());
  // wx-server-sdk passes aggregate errors through without mapping the code to a number (errCode -1).
  expect(failure.code).toBe('DATABASE_COLLECTION_NOT_EXIST');
  expect(failure.errMsg).toMatch(/^collection\.aggregate:fail \[ResourceNotFound\] Db or Table not exist/);
});

it('answers 20 rows to a pipeline without a limit stage, as CloudBase does, and more with one', async () => {
  const many = await freshCollection(db, 'many');
  await db
    .collection(many)
    .add({ data: Array.from({ length: 25 }, (_, index) => ({ _id: `m${index}`, index })) });
  const unlimited = await db.collection(many).aggregate().sort({ index: 1 }).end();
  expect(unlimited.list).toHaveLength(20);
  expect(unlimited.list.at(-1)).toMatchObject({ index: 19 });
  const limited = await db.collection(many).aggregate().sort({ index: 1 }).limit(25).end();
  expect(limited.list).toHaveLength(25);
});
