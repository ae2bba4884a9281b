/** A local cloud with the built functions and the sample shop for benchmarks, and the figures they print. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../../emulator/server';

export const ROOT = path.resolve(__dirname, '..', '..');

export interface BenchShop {
  cloud: LocalCloud;
  dataDir: string;
  call(fn: string, openid: string, event: object): Promise<{ ok: boolean; data?: unknown; code?: string }>;
  stats(): Promise<{ functions: Record<string, { invocations: number; dbRequests: number }> }>;
  resetStats(): Promise<void>;
  close(): Promise<void>;
}

export async function startBenchShop(
  extra: { staticDir?: string; functionEnv?: Record<string, string>; seedFile?: string } = {},
): Promise<BenchShop> {
  const functionsDir = path.join(ROOT, 'dist', 'cloudfunctions');
  if (!fs.existsSync(path.join(functionsDir, 'shop', 'index.js'))) {
    throw new Error('dist/cloudfunctions is missing: run `npm run build:cloud` first');
  }
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-bench-'));
  const cloud = await startLocalCloud({
    port: 0,
    dataDir,
    functionsDir,
    seedFile: path.join(ROOT, 'emulator', 'seed', 'shop.json'),
    quiet: true,
    timers: false,
    ...extra,
  });
  return {
    cloud,
    dataDir,
    async call(fn, openid, event) {
      const response = await fetch(`${cloud.url}/functions/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
        body: JSON.stringify(event),
      });
      return (await response.json()) as { ok: boolean; data?: unknown; code?: string };
    },
    async stats() {
      return (await (await fetch(`${cloud.url}/_/stats`)).json()) as Awaited<ReturnType<BenchShop['stats']>>;
    },
    async resetStats() {
      await fetch(`${cloud.url}/_/stats/reset`, { method: 'POST' });
    },
    async close() {
      await cloud.close();
      fs.rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function percentile(sorted: readonly number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))];
}

/** Runs `task` from `concurrency` loops until `total` tasks ran; answers latencies (ms) and wall time. */
export async function runLoad(
  total: number,
  concurrency: number,
  task: (index: number) => Promise<void>,
): Promise<{ latencies: number[]; seconds: number }> {
  const latencies: number[] = [];
  let next = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < total) {
        const index = next++;
        const t0 = performance.now();
        await task(index);
        latencies.push(performance.now() - t0);
      }
    }),
  );
  return { latencies: latencies.sort((a, b) => a - b), seconds: (performance.now() - started) / 1000 };
}
