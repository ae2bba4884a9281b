/**
 * Function invocations per second through the local cloud's bridge (POST /functions/<name>), at concurrency 1
 * and 32, with latency percentiles. Prints a markdown table; a benchmark reports figures, it asserts nothing.
 *
 *   npx tsx scripts/bench-functions.ts [--seconds 5]
 *   npx tsx scripts/bench-functions.ts --functions dist/cloudfunctions --seed emulator/seed/shop.json \
 *     --function shop --event '{"action":"catalog.home"}'
 *
 * Without --function it measures two fixtures: `whoami` (no database) and `visits` (three database round trips).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalCloud, type LocalCloud } from '../emulator/server';
import type { StatsSnapshot } from '../emulator/stats';
import { recordBenchmark } from './lib/benchmarks-doc';

interface Target {
  name: string;
  event: unknown;
}

interface Row {
  target: Target;
  concurrency: number;
  requests: number;
  failures: number;
  perSecond: number;
  p50: number;
  p99: number;
  coldStarts: number;
  dbPerInvocation: number;
}

const ROOT = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      seconds: { type: 'string', default: '5' },
      functions: { type: 'string' },
      function: { type: 'string' },
      event: { type: 'string', default: '{}' },
      instances: { type: 'string', default: '8' },
      seed: { type: 'string' },
    },
  });
  const seconds = Number(values.seconds);
  const functionsDir = path.resolve(values.functions ?? path.join(ROOT, 'emulator/__tests__/fixtures'));
  const targets: Target[] = values.function
    ? [{ name: values.function, event: JSON.parse(values.event ?? '{}') as unknown }]
    : [
        { name: 'whoami', event: { action: 'bench' } },
        { name: 'visits', event: {} },
      ];
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-functions-'));
  const cloud = await startLocalCloud({
    port: 0,
    dataDir,
    functionsDir,
    quiet: true,
    timers: false,
    maxInstancesPerFunction: Number(values.instances),
    seedFile: values.seed && path.resolve(values.seed),
  });
  const rows: Row[] = [];
  try {
    for (const target of targets) {
      for (const concurrency of [1, 32]) {
        // Warm up: start the instances this concurrency will use, so the figures are of warm invocations.
        await runFor(cloud, target, concurrency, 300);
        await fetch(`${cloud.url}/_/stats/reset`, { method: 'POST' });
        const run = await runFor(cloud, target, concurrency, seconds * 1000);
        const stats = (await (await fetch(`${cloud.url}/_/stats`)).json()) as StatsSnapshot;
        const functionStats = stats.functions[target.name];
        rows.push({
          target,
          concurrency,
          requests: run.latencies.length,
          failures: run.failures,
          perSecond: run.latencies.length / (run.elapsedMs / 1000),
          p50: percentile(run.latencies, 0.5),
          p99: percentile(run.latencies, 0.99),
          coldStarts: functionStats?.coldStarts ?? 0,
          dbPerInvocation: functionStats?.invocations
            ? functionStats.dbRequests / functionStats.invocations
            : 0,
        });
      }
    }
  } finally {
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const lines = [
    `Function invocations through POST /functions (${os.cpus().length} CPUs, ${values.instances} instances per function at most, ${seconds} s per row)`,
    '',
    '| function | concurrency | invocations | failed | invocations/s | p50 ms | p99 ms | cold starts | db requests/invocation |',
    '|---|---:|---:|---:|---:|---:|---:|---:|---:|',
    ...rows.map(
      (row) =>
        `| ${row.target.name} | ${row.concurrency} | ${row.requests} | ${row.failures} | ${row.perSecond.toFixed(0)} | ${row.p50.toFixed(1)} | ${row.p99.toFixed(1)} | ${row.coldStarts} | ${row.dbPerInvocation.toFixed(1)} |`,
    ),
  ];
  console.log(`\n${lines.join('\n')}`);
  recordBenchmark(
    'cloud-functions',
    `## Local cloud functions\n\n\`npm run bench:functions\` (${new Date().toISOString().slice(0, 10)}):\n\n${lines.join('\n')}`,
  );
}

/** Keeps `concurrency` calls in flight for `durationMs`; answers each call's latency. */
async function runFor(
  cloud: LocalCloud,
  target: Target,
  concurrency: number,
  durationMs: number,
): Promise<{ latencies: number[]; failures: number; elapsedMs: number }> {
  const latencies: number[] = [];
  let failures = 0;
  const startedAt = performance.now();
  const deadline = startedAt + durationMs;
  const body = JSON.stringify(target.event);
  const loop = async (user: number): Promise<void> => {
    while (performance.now() < deadline) {
      const sentAt = performance.now();
      const response = await fetch(`${cloud.url}/functions/${target.name}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wx-openid': `o-bench-${user}` },
        body,
      });
      await response.arrayBuffer();
      if (response.ok) latencies.push(performance.now() - sentAt);
      else failures += 1;
    }
  };
  await Promise.all(Array.from({ length: concurrency }, (_, user) => loop(user)));
  return { latencies, failures, elapsedMs: performance.now() - startedAt };
}

function percentile(values: number[], fraction: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : String(error));
  process.exit(1);
});
