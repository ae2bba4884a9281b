/**
 * `npm start`: the whole shop on this machine. Builds the H5 shop and the cloud functions when they are
 * missing or older than their sources, then starts the local cloud (which seeds an empty database with the
 * sample shop and serves the H5 build) and prints the URL. Extra arguments go to the local cloud
 * (`npm start -- --reset`); PORT picks the port. The test user 测试店主 (test-shop-owner) is the shop's owner
 * unless the arguments name owners themselves (`--env SHOP_ADMIN_OPENIDS=...`).
 */
import { spawn, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { TEST_SHOP_OWNER } from '../src/services/test-user';
import { SAMPLE_AFTER_SALES } from './seed-data/sample-after-sales';

const root = path.resolve(__dirname, '..');

function newestMtime(target: string): number {
  if (!fs.existsSync(target)) return 0;
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  return fs
    .readdirSync(target)
    .reduce((newest, name) => Math.max(newest, newestMtime(path.join(target, name))), stat.mtimeMs);
}

function outdated(output: string, sources: string[]): boolean {
  if (!fs.existsSync(output)) return true;
  const built = fs.statSync(output).mtimeMs;
  return sources.some((source) => newestMtime(path.join(root, source)) > built);
}

function run(title: string, args: string[]): void {
  console.log(`▶ ${title}`);
  const result = spawnSync('npx', ['--no-install', ...args], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout.toString()}${result.stderr.toString()}`);
    console.error(`✗ ${title} failed`);
    process.exit(result.status ?? 1);
  }
}

const h5Index = path.join(root, 'dist', 'h5', 'index.html');
if (outdated(h5Index, ['src', 'types', 'config', 'cloudfunctions/common/domain']))
  run('building the H5 shop', ['taro', 'build', '--type', 'h5']);
const shopBundle = path.join(root, 'dist', 'cloudfunctions', 'shop', 'index.js');
if (outdated(shopBundle, ['cloudfunctions', 'types']))
  run('building the cloud functions', ['tsx', 'scripts/build-cloud.ts']);

// A new user sees the merchant's workspace at once: the test user 测试店主 is the owner unless told otherwise.
const cloudArgs = process.argv.slice(2);
const namesOwners = cloudArgs.some((arg) => arg.startsWith('SHOP_ADMIN_OPENIDS='));
const ownerArgs = namesOwners ? [] : ['--env', `SHOP_ADMIN_OPENIDS=${TEST_SHOP_OWNER}`];
// The sample shop's after-sales settings (docs/after-sales.md): where buyers send returns.
const afterSalesArgs = cloudArgs.some((arg) => arg.startsWith('SHOP_AFTER_SALES='))
  ? []
  : ['--env', `SHOP_AFTER_SALES=${JSON.stringify(SAMPLE_AFTER_SALES)}`];
const cloud = spawn(
  'npx',
  ['--no-install', 'tsx', 'emulator/cli.ts', ...ownerArgs, ...afterSalesArgs, ...cloudArgs],
  {
    cwd: root,
    stdio: 'inherit',
  },
);
for (const signal of ['SIGINT', 'SIGTERM'] as const) process.on(signal, () => cloud.kill(signal));
cloud.on('exit', (code) => process.exit(code ?? 0));
