/**
 * Many buyers at once against the local cloud: opens N connections at the same moment (2,000 by default),
 * each on its own socket sending one function call, and counts what came back: answered, reset by the
 * server, other errors. The calls queue behind the function's instances; none may be reset. Prints a
 * markdown table; a benchmark reports figures, it asserts nothing (the integration test of the same path
 * asserts that none is reset).
 *
 *   npx tsx scripts/bench-connections.ts [--connections 2000] [--instances 8] [--rounds 3]
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { startLocalCloud } from '../emulator/server';
import { openAtOnce, type ConnectionTally } from '../test/support/connection-storm';
import { recordBenchmark } from './lib/benchmarks-doc';

const ROOT = path.resolve(__dirname, '..');

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      connections: { type: 'string', default: '2000' },
      instances: { type: 'string', default: '8' },
      rounds: { type: 'string', default: '3' },
    },
  });
  const connections = Number(values.connections);
  const rounds = Number(values.rounds);
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-connections-'));
  const cloud = await startLocalCloud({
    port: 0,
    dataDir,
    functionsDir: path.join(ROOT, 'emulator/__tests__/fixtures'),
    quiet: true,
    timers: false,
    maxInstancesPerFunction: Number(values.instances),
  });
  const tallies: ConnectionTally[] = [];
  try {
    for (let round = 0; round < rounds; round += 1) {
      tallies.push(await openAtOnce(`${cloud.url}/functions/whoami`, connections));
    }
  } finally {
    await cloud.close();
    fs.rmSync(dataDir, { recursive: true, force: true });
  }
  const lines = [
    `${connections} function calls sent at once with fetch (POST /functions/whoami, a connection each; ${os.cpus().length} CPUs, ${values.instances} instances at most)`,
    '',
    '| round | answered 200 | reset | other errors | first answer ms | last answer ms |',
    '|---:|---:|---:|---:|---:|---:|',
    ...tallies.map(
      (t, i) =>
        `| ${i + 1} | ${t.answered} | ${t.reset} | ${t.otherErrors} | ${t.firstMs.toFixed(0)} | ${t.lastMs.toFixed(0)} |`,
    ),
  ];
  console.log(`\n${lines.join('\n')}`);
  recordBenchmark(
    'cloud-connections',
    `## Local cloud under 2,000 simultaneous connections\n\n\`npm run bench:connections\` (${new Date().toISOString().slice(0, 10)}):\n\n${lines.join('\n')}`,
  );
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
