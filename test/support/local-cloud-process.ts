/**
 * Entry of a local cloud in its own process (see spawn-local-cloud.ts): starts on a free port with the data
 * folder named by LOCAL_CLOUD_DATA_DIR, prints one JSON line `{"url": ...}` when ready, and runs until killed.
 */
import { startLocalCloud } from '../../emulator/server';

async function main(): Promise<void> {
  const dataDir = process.env.LOCAL_CLOUD_DATA_DIR;
  if (!dataDir) throw new Error('LOCAL_CLOUD_DATA_DIR must name the data folder');
  const cloud = await startLocalCloud({ port: 0, dataDir, quiet: true, timers: false });
  process.stdout.write(`${JSON.stringify({ url: cloud.url })}\n`);
  process.on('SIGTERM', () => {
    void cloud.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${String(error)}\n`);
  process.exit(1);
});
