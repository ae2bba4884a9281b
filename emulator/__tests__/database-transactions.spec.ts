/**
 * Transactions through the real wx-server-sdk: isolation of uncommitted writes, reads of the transaction's own
 * writes, rollback, conflict detection at commit (so db.runTransaction retries), concurrency, the operations a
 * transaction refuses, expiry, and the legacy *InTransaction actions.
 */
import { failureOf, freshCollection, type SdkDatabase } from '../../test/support/collections';
import { connectSdk, postAdmin, startTestCloud, type TestCloud } from '../../test/support/local-cloud';
import type { Transaction } from '../../test/support/sdk-types';

let cloud: TestCloud;
let db: SdkDatabase;

beforeAll(async () => {
  cloud = await startTestCloud();
  db = connectSdk(cloud.adminUrl).database();
});

afterAll(async () => {
  await cloud.close();
});

async function accounts(balances: Record<string, number>): Promise<string> {
  const name = await freshCollection(db, 'accounts');
  const docs = Object.entries(balances).map(([_id, balance]) => ({ _id, balance }));
  if (docs.length > 0) await db.collection(name).add({ data: docs });
  return name;
}

async function balanceOf(collection: string, id: string): Promise<unknown> {
  return (await db.collection(collection).doc(id).get()).data.balance;
}

async function transfer(
  tx: Transaction,
  collection: string,
  from: string,
  to: string,
  amount: number,
): Promise<void> {
  const _ = db.command;
  const source = await tx.collection(collection).doc(from).get();
  if ((source.data.balance as number) < amount) throw new Error('insufficient balance');
  await tx
    .collection(collection)
    .doc(from)
    .update({ data: { balance: _.inc(-amount) } });
  await tx
    .collection(collection)
    .doc(to)
    .update({ data: { balance: _.inc(amount) } });
}

describe('db.runTransaction', () => {
  it('commits every write and answers the callback result; reads see the transaction own writes', async () => {
    const bank = await accounts({ a: 100, b: 0 });
    const result = await db.runTransaction(async (tx) => {
      await transfer(tx, bank, 'a', 'b', 30);
      const after = await tx.collection(bank).doc('a').get();
      return after.data.balance;
    });
    expect(result).toBe(70);
    expect(await balanceOf(bank, 'a')).toBe(70);
    expect(await balanceOf(bank, 'b')).toBe(30);
  });

  it('rolls back on transaction.rollback(reason) and rejects with the reason', async () => {
    const bank = await accounts({ a: 100, b: 0 });
    await expect(
      db.runTransaction(async (tx) => {
        await transfer(tx, bank, 'a', 'b', 30);
        await tx.rollback('changed my mind');
      }),
    ).rejects.toBe('changed my mind');
    expect(await balanceOf(bank, 'a')).toBe(100);
    expect(await balanceOf(bank, 'b')).toBe(0);
  });

  it('rolls back every kind of write when the callback throws', async () => {
    const bank = await accounts({ a: 100, b: 0 });
    const failure = await failureOf(
      db.runTransaction(async (tx) => {
        await tx.collection(bank).add({ data: { _id: 'c', balance: 5 } });
        await tx
          .collection(bank)
          .doc('d')
          .set({ data: { balance: 1 } });
        await tx.collection(bank).doc('b').remove();
        await transfer(tx, bank, 'a', 'b', 500);
      }),
    );
    expect(failure.message).toBe('insufficient balance');
    expect((await db.collection(bank).get()).data).toEqual([
      { _id: 'a', balance: 100 },
      { _id: 'b', balance: 0 },
    ]);
  });

  it('retries the callback after a conflict and ends with the other writer taken into account', async () => {
    const bank = await accounts({ a: 100, b: 0 });
    let attempts = 0;
    await db.runTransaction(async (tx) => {
      attempts += 1;
      const source = await tx.collection(bank).doc('a').get();
      if (attempts === 1) {
        // Another function changes the document after this transaction read it.
        await db
          .collection(bank)
          .doc('a')
          .update({ data: { balance: db.command.inc(-60) } });
      }
      await tx
        .collection(bank)
        .doc('a')
        .update({ data: { balance: (source.data.balance as number) - 10 } });
    });
    expect(attempts).toBe(2);
    expect(await balanceOf(bank, 'a')).toBe(30);
  });

  it('runs 30 concurrent increments of one document to exactly 30', async () => {
    const counters = await freshCollection(db, 'counters');
    await db.collection(counters).add({ data: { _id: 'c', n: 0 } });
    const concurrency = 30;
    let attempts = 0;
    const increment = (): Promise<void> =>
      // Optimistic transactions: each wave of conflicts lets at least one commit, so 30 tries are enough.
      db.runTransaction(async (tx) => {
        attempts += 1;
        const { data } = await tx.collection(counters).doc('c').get();
        await tx
          .collection(counters)
          .doc('c')
          .update({ data: { n: (data.n as number) + 1 } });
      }, concurrency);
    const results = await Promise.allSettled(Array.from({ length: concurrency }, increment));
    expect(results.filter((result) => result.status === 'rejected')).toEqual([]);
    expect((await db.collection(counters).doc('c').get()).data.n).toBe(concurrency);
    // They really ran concurrently: conflicts happened and were retried.
    expect(attempts).toBeGreaterThan(concurrency);
  }, 120_000);

  it('never loses an update when retries run out: failures are conflicts, the rest all counted', async () => {
    const counters = await freshCollection(db, 'counters');
    await db.collection(counters).add({ data: { _id: 'c', n: 0 } });
    const results = await Promise.allSettled(
      Array.from({ length: 12 }, () =>
        db.runTransaction(async (tx) => {
          const { data } = await tx.collection(counters).doc('c').get();
          await tx
            .collection(counters)
            .doc('c')
            .update({ data: { n: (data.n as number) + 1 } });
        }, 1),
      ),
    );
    const fulfilled = results.filter((result) => result.status === 'fulfilled').length;
    const reasons = results.flatMap((result) =>
      result.status === 'rejected' ? [result.reason as { code?: string }] : [],
    );
    expect(fulfilled).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect((await db.collection(counters).doc('c').get()).data.n).toBe(fulfilled);
  });
});

describe('db.startTransaction', () => {
  it('keeps writes invisible to others until commit', async () => {
    const bank = await accounts({ a: 100, b: 0 });
    const tx = await db.startTransaction();
    await transfer(tx, bank, 'a', 'b', 40);
    await tx.collection(bank).add({ data: { _id: 'new', balance: 1 } });
    expect(await balanceOf(bank, 'a')).toBe(100);
    expect((await db.collection(bank).count()).total).toBe(2);
    await tx.commit();
    expect(await balanceOf(bank, 'a')).toBe(60);
    expect(await balanceOf(bank, 'b')).toBe(40);
    expect(await balanceOf(bank, 'new')).toBe(1);
  });

  it('answers DATABASE_TRANSACTION_CONFLICT at commit when a document read changed meanwhile', async () => {
    const bank = await accounts({ a: 100 });
    const tx = await db.startTransaction();
    await tx.collection(bank).doc('a').get();
    await db
      .collection(bank)
      .doc('a')
      .update({ data: { balance: 1 } });
    await tx
      .collection(bank)
      .doc('a')
      .update({ data: { balance: 999 } });
    const failure = await failureOf(tx.commit());
    expect(failure.code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(await balanceOf(bank, 'a')).toBe(1);
  });

  it('answers a conflict when a document it saw absent was created meanwhile', async () => {
    const bank = await accounts({});
    const tx = await db.startTransaction();
    await tx
      .collection(bank)
      .doc('x')
      .set({ data: { balance: 1 } });
    await db.collection(bank).add({ data: { _id: 'x', balance: 2 } });
    expect((await failureOf(tx.commit())).code).toBe('DATABASE_TRANSACTION_CONFLICT');
    expect(await balanceOf(bank, 'x')).toBe(2);
  });

  it('forgets the transaction after rollback', async () => {
    const bank = await accounts({ a: 1 });
    const tx = await db.startTransaction();
    await tx
      .collection(bank)
      .doc('a')
      .update({ data: { balance: 2 } });
    await tx.rollback();
    expect(await balanceOf(bank, 'a')).toBe(1);
    expect((await failureOf(tx.commit())).code).toBe('DATABASE_TRANSACTION_FAIL');
  });

  it('refuses where() queries and adding an existing _id, and keeps the transaction usable', async () => {
    const bank = await accounts({ a: 1 });
    const tx = await db.startTransaction();
    const where = await failureOf(tx.collection(bank).where({ balance: 1 }).get());
    expect(where.errMsg).toContain('single-document operations only');
    const duplicate = await failureOf(tx.collection(bank).add({ data: { _id: 'a', balance: 5 } }));
    expect(duplicate.errMsg).toContain('duplicate key');
    await tx
      .collection(bank)
      .doc('a')
      .update({ data: { balance: 3 } });
    await tx.commit();
    expect(await balanceOf(bank, 'a')).toBe(3);
  });

  it('fails on a missing collection', async () => {
    const tx = await db.startTransaction();
    const failure = await failureOf(tx.collection('no_such_collection').doc('a').get());
    expect(failure.errCode).toBe(-502005);
    await tx.rollback();
  });
});

describe('transaction expiry', () => {
  let shortCloud: TestCloud;

  beforeAll(async () => {
    shortCloud = await startTestCloud({ transactionTimeoutMs: 300 });
  });

  afterAll(async () => {
    await shortCloud.close();
    connectSdk(cloud.adminUrl);
  });

  it('aborts a transaction left open past the limit', async () => {
    const shortDb = connectSdk(shortCloud.adminUrl).database();
    const bank = await freshCollection(shortDb, 'accounts');
    await shortDb.collection(bank).add({ data: { _id: 'a', balance: 1 } });
    const tx = await shortDb.startTransaction();
    await tx
      .collection(bank)
      .doc('a')
      .update({ data: { balance: 2 } });
    // Past the limit by the cloud's clock, without waiting for it.
    await shortCloud.cloud.clock.advance(600);
    const failure = await failureOf(tx.commit());
    expect(failure.code).toBe('DATABASE_TRANSACTION_FAIL');
    expect(failure.message).toContain('does not exist');
    expect((await shortDb.collection(bank).doc('a').get()).data.balance).toBe(1);
  });
});

describe('legacy transaction actions', () => {
  it('reads, updates, sets and deletes single documents by _id', async () => {
    const bank = await accounts({ a: 10, b: 20 });
    const send = async (body: object): Promise<Record<string, unknown>> =>
      (await postAdmin(cloud.adminUrl, body)).body;
    const { transactionId } = await send({ action: 'database.startTransaction' });
    expect(transactionId).toMatch(/^[0-9a-f]{32}$/);
    const read = await send({
      action: 'database.getInTransaction',
      collectionName: bank,
      transactionId,
      _id: 'a',
    });
    expect(JSON.parse(read.data as string)).toEqual({ _id: 'a', balance: 10 });
    const update = await send({
      action: 'database.updateDocInTransaction',
      collectionName: bank,
      transactionId,
      _id: 'a',
      data: JSON.stringify({ $set: { balance: 11 } }),
    });
    expect(update).toMatchObject({ updated: 1, upserted: null });
    const set = await send({
      action: 'database.updateDocInTransaction',
      collectionName: bank,
      transactionId,
      _id: 'c',
      data: JSON.stringify({ balance: 5 }),
      upsert: true,
    });
    expect(set).toMatchObject({ updated: 0, upserted: JSON.stringify([{ _id: 'c' }]) });
    const removed = await send({
      action: 'database.deleteDocInTransaction',
      collectionName: bank,
      transactionId,
      _id: 'b',
    });
    expect(removed).toMatchObject({ deleted: 1 });
    const own = await send({
      action: 'database.getInTransaction',
      collectionName: bank,
      transactionId,
      _id: 'b',
    });
    expect(own.data).toBe('null');
    expect(await send({ action: 'database.commitTransaction', transactionId })).not.toHaveProperty('code');
    expect((await db.collection(bank).get()).data).toEqual([
      { _id: 'a', balance: 11 },
      { _id: 'c', balance: 5 },
    ]);
  });
});
