/**
 * The data folder: what a server wrote is there after a restart (documents, types, order), reset wipes it,
 * a seed file fills an empty database once, and a second server cannot open a folder in use.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { failureOf } from '../../test/support/collections';
import { connectSdk, startTestCloud } from '../../test/support/local-cloud';

let dataDir: string;

beforeEach(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'local-cloud-storage-'));
});

afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

it('keeps documents, their types and their order across a restart', async () => {
  const first = await startTestCloud({ dataDir });
  let db = connectSdk(first.adminUrl).database();
  await db.createCollection('orders');
  await db
    .collection('orders')
    .add({ data: { _id: 'b', at: new Date('2024-01-02T03:04:05.006Z'), total: 12.5 } });
  await db.collection('orders').add({ data: { _id: 'a', items: [{ sku: 'x', qty: 1 }] } });
  await db
    .collection('orders')
    .doc(3)
    .set({ data: { numeric: true } });
  await db.runTransaction(async (tx) => {
    await tx
      .collection('orders')
      .doc('a')
      .update({ data: { paid: true } });
  });
  await db
    .collection('orders')
    .doc('b')
    .update({ data: { total: db.command.inc(1) } });
  await first.close();

  const second = await startTestCloud({ dataDir });
  db = connectSdk(second.adminUrl).database();
  try {
    const { data } = await db.collection('orders').get();
    expect(data).toEqual([
      { _id: 'b', at: new Date('2024-01-02T03:04:05.006Z'), total: 13.5 },
      { _id: 'a', items: [{ sku: 'x', qty: 1 }], paid: true },
      { _id: 3, numeric: true },
    ]);
    expect(data[0].at).toBeInstanceOf(Date);
  } finally {
    await second.close();
  }
});

it('starts empty with reset', async () => {
  const first = await startTestCloud({ dataDir });
  await connectSdk(first.adminUrl).database().createCollection('orders');
  await first.close();

  const second = await startTestCloud({ dataDir, reset: true });
  try {
    const failure = await failureOf(connectSdk(second.adminUrl).database().collection('orders').get());
    expect(failure.errCode).toBe(-502005);
  } finally {
    await second.close();
  }
});

it('loads a seed file into an empty database, once', async () => {
  const seedFile = path.join(dataDir, 'seed.json');
  await writeFile(
    seedFile,
    JSON.stringify({
      products: [
        { _id: 'tea', name: 'Tea', price: 1200, createdAt: { $date: '2024-03-01T00:00:00Z' } },
        { name: 'Cup', price: 600 },
      ],
      orders: [],
    }),
  );
  const first = await startTestCloud({ dataDir, seedFile });
  let db = connectSdk(first.adminUrl).database();
  try {
    const { data } = await db.collection('products').get();
    expect(data).toHaveLength(2);
    expect(data[0]).toEqual({
      _id: 'tea',
      name: 'Tea',
      price: 1200,
      createdAt: new Date('2024-03-01T00:00:00Z'),
    });
    expect(data[1]._id).toMatch(/^[0-9a-f]{32}$/);
    expect((await db.collection('orders').count()).total).toBe(0);
    await db
      .collection('products')
      .doc('tea')
      .update({ data: { price: 1500 } });
  } finally {
    await first.close();
  }

  const second = await startTestCloud({ dataDir, seedFile });
  db = connectSdk(second.adminUrl).database();
  try {
    expect((await db.collection('products').doc('tea').get()).data.price).toBe(1500);
    expect((await db.collection('products').count()).total).toBe(2);
  } finally {
    await second.close();
  }
});

it('creates the declared collections at start, refuses a seed of undeclared ones, and writes to no other', async () => {
  const collectionsFile = path.join(dataDir, 'collections.json');
  await writeFile(
    collectionsFile,
    JSON.stringify({ collections: [{ name: 'products' }, { name: 'orders' }] }),
  );
  const seedFile = path.join(dataDir, 'seed.json');
  await writeFile(seedFile, JSON.stringify({ products: [{ _id: 'tea', price: 1200 }] }));
  const cloud = await startTestCloud({ dataDir, seedFile, collectionsFile });
  const db = connectSdk(cloud.adminUrl).database();
  try {
    // Declared but not in the seed: created empty.
    expect((await db.collection('orders').count()).total).toBe(0);
    const missing = await failureOf(db.collection('carts').add({ data: { sku: 'tea' } }));
    expect(missing.errCode).toBe(-502005);
    const read = await failureOf(db.collection('carts').where({ sku: 'tea' }).get());
    expect(read.errCode).toBe(-502005);
  } finally {
    await cloud.close();
  }

  const otherDir = await mkdtemp(path.join(os.tmpdir(), 'local-cloud-undeclared-'));
  const undeclared = path.join(otherDir, 'seed.json');
  await writeFile(undeclared, JSON.stringify({ carts: [] }));
  try {
    await expect(
      startTestCloud({ dataDir: otherDir, seedFile: undeclared, collectionsFile }),
    ).rejects.toThrow(/does not declare: carts/);
  } finally {
    await rm(otherDir, { recursive: true, force: true });
  }
});

it('refuses to start a second server on a data folder in use', async () => {
  const first = await startTestCloud({ dataDir });
  try {
    await expect(startTestCloud({ dataDir })).rejects.toThrow(/locked/);
    const db = connectSdk(first.adminUrl).database();
    await db.createCollection('still_working');
    expect((await db.collection('still_working').count()).total).toBe(0);
  } finally {
    await first.close();
  }
});
