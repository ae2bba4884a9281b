/**
 * Every db.command update operator through the real wx-server-sdk, on nested paths too, and the updates
 * MongoDB refuses.
 */
import { failureOf, freshCollection, type SdkDatabase } from '../../test/support/collections';
import { connectSdk, startTestCloud, type TestCloud } from '../../test/support/local-cloud';
import type { Doc } from '../../test/support/sdk-types';

let cloud: TestCloud;
let db: SdkDatabase;
let docs: string;

beforeAll(async () => {
  cloud = await startTestCloud();
  db = connectSdk(cloud.adminUrl).database();
  docs = await freshCollection(db, 'docs');
});

afterAll(async () => {
  await cloud.close();
});

/** Writes `initial` under a new id, applies `data` with doc().update and answers the document after it. */
async function updated(initial: object, data: object): Promise<{ doc: Doc; count: number }> {
  const id = `d${Math.random().toString(16).slice(2)}`;
  await db.collection(docs).doc(id).set({ data: initial });
  const result = await db.collection(docs).doc(id).update({ data });
  const { data: doc } = await db.collection(docs).doc(id).get();
  const { _id: _ignored, ...fields } = doc;
  return { doc: fields as Doc, count: result.stats.updated };
}

describe('update operators', () => {
  it('set replaces a field, objects included', async () => {
    const _ = db.command;
    const { doc } = await updated({ spec: { color: 'red', size: 'S' } }, { spec: _.set({ color: 'blue' }) });
    expect(doc).toEqual({ spec: { color: 'blue' } });
  });

  it('remove deletes a field', async () => {
    const _ = db.command;
    expect((await updated({ a: 1, b: 2 }, { b: _.remove() })).doc).toEqual({ a: 1 });
  });

  it('inc adds, creating a missing field; negative amounts subtract', async () => {
    const _ = db.command;
    expect((await updated({ stock: 5 }, { stock: _.inc(-2), sold: _.inc(2) })).doc).toEqual({
      stock: 3,
      sold: 2,
    });
  });

  it('mul multiplies', async () => {
    const _ = db.command;
    expect((await updated({ price: 250 }, { price: _.mul(4) })).doc).toEqual({ price: 1000 });
  });

  it('min and max keep the smaller or larger value', async () => {
    const _ = db.command;
    const { doc } = await updated({ low: 5, high: 5 }, { low: _.min(3), high: _.max(3) });
    expect(doc).toEqual({ low: 3, high: 5 });
  });

  it('rename moves a field', async () => {
    const _ = db.command;
    expect((await updated({ old: 1 }, { old: _.rename('fresh') })).doc).toEqual({ fresh: 1 });
  });

  it('push appends, with each/position/slice/sort modifiers', async () => {
    const _ = db.command;
    expect((await updated({ list: [1] }, { list: _.push([2, 3]) })).doc).toEqual({ list: [1, 2, 3] });
    const { doc } = await updated({ list: [5, 1] }, { list: _.push({ each: [3, 9], sort: 1, slice: 3 }) });
    expect(doc).toEqual({ list: [1, 3, 5] });
    expect((await updated({ list: ['b'] }, { list: _.push({ each: ['a'], position: 0 }) })).doc).toEqual({
      list: ['a', 'b'],
    });
  });

  it('pop and shift remove the last and the first element', async () => {
    const _ = db.command;
    expect((await updated({ list: [1, 2, 3] }, { list: _.pop() })).doc).toEqual({ list: [1, 2] });
    expect((await updated({ list: [1, 2, 3] }, { list: _.shift() })).doc).toEqual({ list: [2, 3] });
  });

  it('unshift prepends', async () => {
    const _ = db.command;
    expect((await updated({ list: [3] }, { list: _.unshift([1, 2]) })).doc).toEqual({ list: [1, 2, 3] });
  });

  it('pull removes matching elements, by value or by condition', async () => {
    const _ = db.command;
    expect((await updated({ list: [1, 5, 2, 7] }, { list: _.pull(_.gt(4)) })).doc).toEqual({ list: [1, 2] });
    const { doc } = await updated({ items: [{ sku: 'a' }, { sku: 'b' }] }, { items: _.pull({ sku: 'a' }) });
    expect(doc).toEqual({ items: [{ sku: 'b' }] });
  });

  it('pullAll removes every listed value', async () => {
    const _ = db.command;
    expect((await updated({ list: [1, 2, 1, 3] }, { list: _.pullAll([1, 3]) })).doc).toEqual({ list: [2] });
  });

  it('addToSet adds only missing values, one or several ($each)', async () => {
    const _ = db.command;
    expect((await updated({ tags: ['a'] }, { tags: _.addToSet('a') })).count).toBe(0);
    expect((await updated({ tags: ['a'] }, { tags: _.addToSet('b') })).doc).toEqual({ tags: ['a', 'b'] });
    expect((await updated({ tags: ['a'] }, { tags: _.addToSet({ $each: ['a', 'c', 'd'] }) })).doc).toEqual({
      tags: ['a', 'c', 'd'],
    });
  });

  it('works on nested paths, creating missing parents', async () => {
    const _ = db.command;
    const { doc } = await updated(
      { stats: { views: 1 }, cart: { items: [] } },
      {
        stats: { views: _.inc(1), likes: _.inc(1) },
        cart: { items: _.push({ sku: 'a' }) },
        'deep.er.field': 1,
      },
    );
    expect(doc).toEqual({
      stats: { views: 2, likes: 1 },
      cart: { items: [{ sku: 'a' }] },
      deep: { er: { field: 1 } },
    });
  });

  it('updates one array element by its index path', async () => {
    const _ = db.command;
    const { doc } = await updated({ items: [{ qty: 1 }, { qty: 2 }] }, { 'items.1.qty': _.inc(5) });
    expect(doc).toEqual({ items: [{ qty: 1 }, { qty: 7 }] });
  });

  it('counts nothing when the update changes nothing', async () => {
    expect((await updated({ a: 1 }, { a: 1 })).count).toBe(0);
    expect((await updated({ a: 1 }, { a: 2 })).count).toBe(1);
  });
});

describe('refused updates', () => {
  it('refuses inc of a field that is not a number', async () => {
    const _ = db.command;
    await db
      .collection(docs)
      .doc('text')
      .set({ data: { name: 'x' } });
    const failure = await failureOf(
      db
        .collection(docs)
        .doc('text')
        .update({ data: { name: _.inc(1) } }),
    );
    expect(failure.errCode).toBe(-502001);
    expect((await db.collection(docs).doc('text').get()).data.name).toBe('x');
  });

  it('refuses two operators on the same path', async () => {
    const _ = db.command;
    await db
      .collection(docs)
      .doc('clash')
      .set({ data: { n: 1 } });
    const failure = await failureOf(
      db
        .collection(docs)
        .doc('clash')
        .update({ data: { n: _.inc(1), 'n.x': 1 } }),
    );
    expect(failure.errMsg).toContain('conflict');
    expect((await db.collection(docs).doc('clash').get()).data.n).toBe(1);
  });

  it('leaves every document unchanged when a multi-document update fails half way', async () => {
    const _ = db.command;
    const mixed = await freshCollection(db, 'mixed');
    await db.collection(mixed).add({ data: [{ v: 1 }, { v: 'text' }, { v: 3 }] });
    await failureOf(
      db
        .collection(mixed)
        .where({})
        .update({ data: { v: _.inc(1) } }),
    );
    const values = (await db.collection(mixed).get()).data.map((doc) => doc.v);
    expect(values).toEqual([1, 'text', 3]);
  });
});
