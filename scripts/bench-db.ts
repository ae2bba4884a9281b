/**
 * Database throughput and latency of the local cloud through the real wx-server-sdk: document reads, queries,
 * writes and transactions per second at concurrency 1 and 32, with p50/p99 latency, as a markdown table.
 *
 *   npx tsx scripts/bench-db.ts [--seconds 3] [--synchronous FULL|NORMAL]
 *
 * The local cloud runs in its own process (as in development), so client and server do not share an event
 * loop. Figures depend on the machine; they are printed, never asserted.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { connectSdk } from '../test/support/local-cloud';
import type { Database } from '../test/support/sdk-types';
import { spawnLocalCloud } from '../test/support/spawn-local-cloud';
import { recordBenchmark } from './lib/benchmarks-doc';

const PRODUCTS = 1000;
const ACCOUNTS = 100;
const CONCURRENCY = [1, 32];

interface Scenario {
  name: string;
  /** One operation; answers the number of extra attempts it needed (transaction retries). */
  run(db: Database, worker: number, n: number): Promise<number>;
}

const SCENARIOS: Scenario[] = [
  {
    name: 'read doc(id).get()',
    async run(db, worker, n) {
      await db
        .collection('products')
        .doc(`p${(worker * 7919 + n) % PRODUCTS}`)
        .get();
      return 0;
    },
  },
  {
    name: 'query where+orderBy+limit(20)',
    async run(db, worker, n) {
      const category = (worker + n) % 10;
      await db
        .collection('products')
        .where({ category, stock: db.command.gt(0) })
        .orderBy('price', 'asc')
        .limit(20)
        .get();
      return 0;
    },
  },
  {
    name: 'write doc(id).update(inc)',
    async run(db, worker, n) {
      await db
        .collection('products')
        .doc(`p${(worker * 7919 + n) % PRODUCTS}`)
        .update({ data: { stock: db.command.inc(1) } });
      return 0;
    },
  },
  {
    name: 'write add()',
    async run(db, worker, n) {
      await db.collection('events').add({ data: { worker, n, at: db.serverDate() } });
      return 0;
    },
  },
  {
    name: 'transaction: transfer between 2 docs',
    async run(db, worker, n) {
      const from = `a${(worker * 31 + n) % ACCOUNTS}`;
      const to = `a${(worker * 31 + n * 7 + 1) % ACCOUNTS}`;
      let attempts = 0;
      await db.runTransaction(async (tx) => {
        attempts += 1;
        const source = await tx.collection('accounts').doc(from).get();
        const amount = (source.data.balance as number) > 0 ? 1 : 0;
        await tx
          .collection('accounts')
          .doc(from)
          .update({ data: { balance: db.command.inc(-amount) } });
        if (to !== from)
          await tx
            .collection('accounts')
            .doc(to)
            .update({ data: { balance: db.command.inc(amount) } });
      }, 50);
      return attempts - 1;
    },
  },
];

interface Figures {
  ops: number;
  perSecond: number;
  p50: number;
  p99: number;
  retries: number;
  errors: number;
}

function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return NaN;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

async function measure(
  db: Database,
  scenario: Scenario,
  concurrency: number,
  seconds: number,
): Promise<Figures> {
  const latencies: number[] = [];
  let retries = 0;
  let errors = 0;
  const warmupEnd = performance.now() + 300;
  let measuring = false;
  let start = 0;
  let end = Infinity;
  const worker = async (id: number): Promise<void> => {
    for (let n = 0; performance.now() < end; n++) {
      const began = performance.now();
      try {
        const extra = await scenario.run(db, id, n);
        if (measuring && began >= start) {
          latencies.push(performance.now() - began);
          retries += extra;
        }
      } catch {
        errors += 1;
      }
      if (!measuring && performance.now() >= warmupEnd) {
        measuring = true;
        start = performance.now();
        end = start + seconds * 1000;
      }
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_unused, id) => worker(id)));
  const elapsed = (performance.now() - start) / 1000;
  latencies.sort((a, b) => a - b);
  return {
    ops: latencies.length,
    perSecond: latencies.length / elapsed,
    p50: percentile(latencies, 50),
    p99: percentile(latencies, 99),
    retries,
    errors,
  };
}

async function prepare(db: Database): Promise<void> {
  for (const name of ['products', 'events', 'accounts']) await db.createCollection(name);
  const products = Array.from({ length: PRODUCTS }, (_unused, n) => ({
    _id: `p${n}`,
    name: `Product ${n}`,
    category: n % 10,
    price: 100 + ((n * 37) % 5000),
    stock: n % 7,
    tags: ['tea', n % 2 === 0 ? 'green' : 'black'],
    spec: { weight: n % 500, origin: 'Hangzhou' },
  }));
  await db.collection('products').add({ data: products });
  await db.collection('accounts').add({
    data: Array.from({ length: ACCOUNTS }, (_unused, n) => ({ _id: `a${n}`, balance: 1000 })),
  });
}

async function main(): Promise<void> {
  const flag = (name: string): string | undefined => {
    const index = process.argv.indexOf(name);
    return index > 0 ? process.argv[index + 1] : undefined;
  };
  const seconds = Number(flag('--seconds') ?? 3);
  const synchronous = flag('--synchronous') === 'NORMAL' ? 'NORMAL' : 'FULL';
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'local-cloud-bench-'));
  const cloud = await spawnLocalCloud(dataDir, { synchronous });
  try {
    const db = connectSdk(cloud.adminUrl).database() as Database;
    await prepare(db);
    const rows: string[] = [];
    for (const scenario of SCENARIOS) {
      for (const concurrency of CONCURRENCY) {
        const figures = await measure(db, scenario, concurrency, seconds);
        rows.push(
          `| ${scenario.name} | ${concurrency} | ${figures.perSecond.toFixed(0)} | ${figures.p50.toFixed(2)} | ` +
            `${figures.p99.toFixed(2)} | ${figures.retries} | ${figures.errors} |`,
        );
        process.stderr.write(`${scenario.name} @${concurrency}: ${figures.ops} ops\n`);
      }
    }
    const header = [
      `Local cloud database through wx-server-sdk: ${os.cpus().length} CPUs, load average ` +
        `${os.loadavg()[0].toFixed(1)}, ${seconds} s per row, SQLite synchronous=${synchronous}`,
      '',
      '| operation | concurrency | ops/s | p50 ms | p99 ms | tx retries | errors |',
      '|---|---:|---:|---:|---:|---:|---:|',
    ];
    const table = [...header, ...rows].join('\n');
    process.stdout.write(`${table}\n`);
    recordBenchmark(
      'cloud-db',
      `## Local cloud database\n\n\`npm run bench:db\` (${new Date().toISOString().slice(0, 10)}):\n\n${table}`,
    );
  } finally {
    await cloud.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
