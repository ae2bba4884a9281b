/**
 * Entry of a local cloud in its own process (see spawn-local-cloud.ts): starts on a free port with the data
 * folder named by LOCAL_CLOUD_DATA_DIR, prints one JSON line `{"url": ...}` when ready, and runs until killed.
 * LOCAL_CLOUD_SYNCHRONOUS=NORMAL selects SQLite's NORMAL synchronous setting instead of FULL;
 * LOCAL_CLOUD_FUNCTIONS_DIR and LOCAL_CLOUD_SEED_FILE give it functions and a seed; LOCAL_CLOUD_CLOCK=test a
 * clock the test moves with POST /_/clock/advance; LOCAL_CLOUD_FUNCTION_ENV (JSON) the functions' environment.
 */
import type { AdminTuning } from '../../emulator/admin';
import { type LocalCloudOptions, startLocalCloud } from '../../emulator/server';

async function main(): Promise<void> {
  const dataDir = process.env.LOCAL_CLOUD_DATA_DIR;
  if (!dataDir) throw new Error('LOCAL_CLOUD_DATA_DIR must name the data folder');
  // LOCAL_CLOUD_SYNCHRONOUS=NORMAL lets the benchmark compare SQLite's durability settings.
  const synchronous = process.env.LOCAL_CLOUD_SYNCHRONOUS === 'NORMAL' ? 'NORMAL' : 'FULL';
  const options: LocalCloudOptions & AdminTuning = {
    port: 0,
    dataDir,
    quiet: true,
    timers: false,
    synchronous,
    functionsDir: process.env.LOCAL_CLOUD_FUNCTIONS_DIR || undefined,
    seedFile: process.env.LOCAL_CLOUD_SEED_FILE || undefined,
    clock: process.env.LOCAL_CLOUD_CLOCK === 'test' ? 'test' : 'system',
    functionEnv: JSON.parse(process.env.LOCAL_CLOUD_FUNCTION_ENV || '{}') as Record<string, string>,
  };
  const cloud = await startLocalCloud(options);
  process.stdout.write(`${JSON.stringify({ url: cloud.url })}\n`);
  process.on('SIGTERM', () => {
    void cloud.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
