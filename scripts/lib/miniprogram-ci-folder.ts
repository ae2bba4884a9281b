/**
 * miniprogram-ci's compiler makes its cache folder in the current directory, named by the MD5 of
 * "<project path>|summer" (modules/createSummer.js, `ensureCacheDir`), and leaves it there empty: run from the
 * repository, every compile check left a folder such as `83ddb23e…/` in the root. Calls into the compiler run
 * from a temporary folder instead, removed afterwards.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export async function inTemporaryFolder<T>(run: () => Promise<T>): Promise<T> {
  const previous = process.cwd();
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-miniprogram-ci-'));
  process.chdir(folder);
  try {
    return await run();
  } finally {
    process.chdir(previous);
    fs.rmSync(folder, { recursive: true, force: true });
  }
}
