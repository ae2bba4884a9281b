/**
 * Starts the local cloud serving dist/h5 and the built functions on a free port, with a fresh database and,
 * as `npm start` does, the test user 测试店主 as the shop's owner. Its clock is a test clock: the timer triggers
 * fire only when a scenario moves it (POST /_/clock/advance), and a scenario runs the worker when it needs it.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { startLocalCloud, type LocalCloud } from '../../emulator/server';
import { TEST_SHOP_OWNER } from '../../src/services/test-user';
import { SAMPLE_AFTER_SALES } from '../../scripts/seed-data/sample-after-sales';

export const ROOT = path.resolve(__dirname, '..', '..');

export async function startShop(): Promise<LocalCloud & { dataDir: string }> {
  const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-e2e-'));
  const seedFile = path.join(ROOT, 'emulator', 'seed', 'shop.json');
  const cloud = await startLocalCloud({
    port: 0,
    dataDir,
    functionsDir: path.join(ROOT, 'dist', 'cloudfunctions'),
    staticDir: path.join(ROOT, 'dist', 'h5'),
    assetsDir: path.join(ROOT, 'emulator', 'seed', 'images'),
    seedFile: fs.existsSync(seedFile) ? seedFile : undefined,
    collectionsFile: path.join(ROOT, 'database', 'collections.json'),
    functionEnv: {
      SHOP_ADMIN_OPENIDS: TEST_SHOP_OWNER,
      SHOP_AFTER_SALES: JSON.stringify(SAMPLE_AFTER_SALES),
    },
    clock: 'test',
    quiet: true,
  });
  return { ...cloud, dataDir };
}
