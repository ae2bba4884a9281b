/**
 * The file each function instance is forked from. The worker is written in TypeScript; instances are plain
 * `node` processes (no loader flags, so nothing of the parent's test or tsx setup leaks into a function), so
 * the worker is compiled once with esbuild into a CommonJS file named after a hash of its source.
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';

const WORKER_SOURCES = ['function-worker.ts', 'worker-protocol.ts'];

let cached: string | undefined;

export function workerEntryFile(): string {
  if (cached && fs.existsSync(cached)) return cached;
  const hash = createHash('sha256');
  for (const name of WORKER_SOURCES) hash.update(fs.readFileSync(path.join(__dirname, name)));
  const folder = path.join(os.tmpdir(), 'local-cloud');
  const file = path.join(folder, `function-worker-${hash.digest('hex').slice(0, 16)}.cjs`);
  if (!fs.existsSync(file)) {
    const built = buildSync({
      entryPoints: [path.join(__dirname, 'function-worker.ts')],
      bundle: true,
      platform: 'node',
      format: 'cjs',
      target: 'node20',
      write: false,
      logLevel: 'silent',
    });
    fs.mkdirSync(folder, { recursive: true });
    // Write then rename: several test files may build the same worker at the same moment.
    const temporary = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(temporary, built.outputFiles[0].contents);
    fs.renameSync(temporary, file);
  }
  cached = file;
  return file;
}
