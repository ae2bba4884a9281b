/**
 * Durability across a crash: a local cloud in a child process takes a write load and concurrent transfer
 * transactions through the real wx-server-sdk, is killed with SIGKILL mid-load, and is started again on the
 * same data folder. Every acknowledged write must be there, and no transaction may be half applied: transfers
 * move money between accounts, so the total never changes.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { SdkDatabase } from '../../test/support/collections';
import { connectSdk } from '../../test/support/local-cloud';
import type { Doc } from '../../test/support/sdk-types';
import { type ChildCloud, spawnLocalCloud } from '../../test/support/spawn-local-cloud';

const ACCOUNTS = ['a', 'b', 'c', 'd', 'e'];
const OPENING_BALANCE = 1000;
const WRITERS = 6;
const TRANSFERRERS = 4;
/** Acknowledged ledger writes to wait for before the kill, so the kill lands in the middle of the load. */
const WRITES_BEFORE_CRASH = 400;

let dataDir: string;
let running: ChildCloud | undefined;

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'local-cloud-crash-'));
});

afterAll(async () => {
  await running?.stop();
  await rm(dataDir, { recursive: true, force: true });
});

interface Acknowledged {
  ledger: Map<string, { writer: number; seq: number }>;
  /** Called after each acknowledged ledger write: the test crashes the cloud once enough were acknowledged. */
  onLedgerWrite(): void;
  increments: number;
  incrementAttempts: number;
  transfers: Set<string>;
}

async function writeLoad(db: SdkDatabase, acknowledged: Acknowledged, crashed: () => boolean): Promise<void> {
  const _ = db.command;
  const writer = async (writerId: number): Promise<void> => {
    for (let seq = 0; !crashed(); seq++) {
      try {
        const added = await db
          .collection('ledger')
          .add({ data: { writer: writerId, seq, note: `entry ${writerId}/${seq}` } });
        acknowledged.ledger.set(added._id, { writer: writerId, seq });
        acknowledged.onLedgerWrite();
      } catch {
        return; // the server is gone
      }
    }
  };
  const incrementer = async (): Promise<void> => {
    while (!crashed()) {
      acknowledged.incrementAttempts += 1;
      try {
        await db
          .collection('counters')
          .doc('hits')
          .update({ data: { n: _.inc(1) } });
        acknowledged.increments += 1;
      } catch {
        return;
      }
    }
  };
  const transferrer = async (id: number): Promise<void> => {
    for (let round = 0; !crashed(); round++) {
      const from = ACCOUNTS[(id + round) % ACCOUNTS.length];
      const to = ACCOUNTS[(id + round * 3 + 1) % ACCOUNTS.length];
      if (from === to) continue;
      const transferId = `t${id}-${round}`;
      try {
        await db.runTransaction(async (tx) => {
          const source = await tx.collection('accounts').doc(from).get();
          const amount = Math.min(source.data.balance as number, 1 + ((id * 7 + round) % 50));
          await tx
            .collection('accounts')
            .doc(from)
            .update({ data: { balance: _.inc(-amount) } });
          await tx
            .collection('accounts')
            .doc(to)
            .update({ data: { balance: _.inc(amount) } });
          await tx.collection('transfers').add({ data: { _id: transferId, from, to, amount } });
        }, 20);
        acknowledged.transfers.add(transferId);
      } catch (error) {
        if ((error as { code?: string }).code === 'DATABASE_TRANSACTION_CONFLICT') continue;
        return;
      }
    }
  };
  await Promise.all([
    ...Array.from({ length: WRITERS }, (_unused, n) => writer(n)),
    incrementer(),
    ...Array.from({ length: TRANSFERRERS }, (_unused, n) => transferrer(n)),
  ]);
}

async function allDocuments(db: SdkDatabase, collection: string): Promise<Doc[]> {
  const total = (await db.collection(collection).count()).total;
  const docs: Doc[] = [];
  while (docs.length < total) {
    const page = await db.collection(collection).skip(docs.length).limit(1000).get();
    if (page.data.length === 0) break;
    docs.push(...page.data);
  }
  return docs;
}

it('keeps every acknowledged write and no half transaction across kill -9', async () => {
  running = await spawnLocalCloud(dataDir);
  let db = connectSdk(running.adminUrl).database();
  for (const name of ['ledger', 'counters', 'accounts', 'transfers']) await db.createCollection(name);
  await db.collection('counters').add({ data: { _id: 'hits', n: 0 } });
  await db.collection('accounts').add({ data: ACCOUNTS.map((_id) => ({ _id, balance: OPENING_BALANCE })) });

  let enoughAcknowledged!: () => void;
  const enough = new Promise<void>((resolve) => {
    enoughAcknowledged = resolve;
  });
  const acknowledged: Acknowledged = {
    ledger: new Map(),
    onLedgerWrite: () => {
      if (acknowledged.ledger.size >= WRITES_BEFORE_CRASH) enoughAcknowledged();
    },
    increments: 0,
    incrementAttempts: 0,
    transfers: new Set(),
  };
  let crashed = false;
  const load = writeLoad(db, acknowledged, () => crashed);
  // Crash as soon as the writers' acknowledgements say enough is stored: the writes signal it, no re-checking.
  await enough;
  const child = running;
  crashed = true;
  await child.crash();
  running = undefined;
  await load;
  expect(acknowledged.transfers.size).toBeGreaterThan(0);

  running = await spawnLocalCloud(dataDir);
  db = connectSdk(running.adminUrl).database();

  // Every acknowledged ledger entry is there, with its content; at most one unacknowledged write per writer.
  const ledger = await allDocuments(db, 'ledger');
  const stored = new Map(ledger.map((doc) => [doc._id, doc]));
  for (const [id, entry] of acknowledged.ledger) {
    expect(stored.get(id)).toEqual({
      _id: id,
      writer: entry.writer,
      seq: entry.seq,
      note: `entry ${entry.writer}/${entry.seq}`,
    });
  }
  expect(ledger.length - acknowledged.ledger.size).toBeLessThanOrEqual(WRITERS);

  // Acknowledged increments are all counted; at most the one in flight may be counted too.
  const hits = (await db.collection('counters').doc('hits').get()).data.n as number;
  expect(hits).toBeGreaterThanOrEqual(acknowledged.increments);
  expect(hits).toBeLessThanOrEqual(acknowledged.incrementAttempts);

  // Transactions are all or nothing: money is neither created nor lost, and every acknowledged one is there.
  const balances = (await db.collection('accounts').get()).data.map((doc) => doc.balance as number);
  expect(balances.reduce((sum, balance) => sum + balance, 0)).toBe(ACCOUNTS.length * OPENING_BALANCE);
  for (const balance of balances) expect(balance).toBeGreaterThanOrEqual(0);
  const transfers = new Set((await allDocuments(db, 'transfers')).map((doc) => doc._id));
  for (const id of acknowledged.transfers) expect(transfers.has(id)).toBe(true);
  expect(transfers.size - acknowledged.transfers.size).toBeLessThanOrEqual(TRANSFERRERS);

  // And the restarted cloud takes writes again.
  await db.collection('ledger').add({ data: { writer: -1, seq: 0 } });
  expect((await db.collection('ledger').count()).total).toBe(ledger.length + 1);
}, 120_000);
