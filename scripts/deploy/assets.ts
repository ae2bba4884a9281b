/**
 * `npm run deploy:assets`: uploads the product and category images to the environment's cloud storage
 * through CloudBase's management API (manager-node's storage, which writes to the environment's bucket). They go under assets/, the prefix the data already uses
 * ('/assets/products/p001-1.svg'), so the mini program finds them at assets.url + that path once built with
 * assets.url. `--dry-run` lists what would be sent.
 */
import fs from 'node:fs';
import path from 'node:path';
import { DeployError, parseFlags, relativeToCwd, requireShopConfig, runCommand, say } from './cli';
import { connectCloudBase, managementStep, resolveApiKeyPair } from './cloudbase';

/** The storage folder: the path prefix image references in the data carry. */
export const ASSETS_REMOTE_PATH = 'assets';

function filesUnder(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    return entry.isDirectory() ? filesUnder(full) : [full];
  });
}

runCommand(async (argv) => {
  const flags = parseFlags(argv, ['--config', '--dry-run', '--verbose']);
  const config = requireShopConfig(flags);
  const keys = resolveApiKeyPair(config);
  const dir = config.assets.dir;
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) {
    throw new DeployError(`assets.dir: folder not found: ${dir}`);
  }
  const files = filesUnder(dir);
  if (files.length === 0) throw new DeployError(`assets.dir: ${dir} holds no files`);
  const bytes = files.reduce((total, file) => total + fs.statSync(file).size, 0);
  const folders = [...new Set(files.map((file) => path.relative(dir, path.dirname(file)) || '.'))].sort();
  say(
    `Images: ${files.length} files, ${(bytes / 1024).toFixed(0)} KB in ${relativeToCwd(dir)} (${folders.join(', ')})`,
  );
  say(`  → cloud storage of ${config.envId}, under ${ASSETS_REMOTE_PATH}/`);
  if (config.assets.url)
    say(`  → the mini program loads them from ${config.assets.url}/${ASSETS_REMOTE_PATH}/...`);
  if (flags.dryRun) {
    say('✓ dry run: stopped before uploading to cloud storage');
    return;
  }
  const manager = await connectCloudBase(config, keys, flags.verbose);
  say(`… uploading ${files.length} files`);
  await managementStep('upload to cloud storage', config.envId, () =>
    manager.storage.uploadDirectory({ localPath: dir, cloudPath: ASSETS_REMOTE_PATH, retryCount: 2 }),
  );
  say(`✓ ${files.length} images uploaded to ${config.envId}:${ASSETS_REMOTE_PATH}/`);
  if (!config.assets.url) {
    say(
      "  Set assets.url to the storage's download domain (云开发控制台 → 存储 → a file → 下载地址, up to the",
    );
    say('  path) and run npm run upload again, so the mini program loads images from there.');
  }
});
