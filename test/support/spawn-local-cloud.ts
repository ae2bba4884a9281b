/**
 * A local cloud in a child process, for tests that must kill it (kill -9) and start it again on the same data
 * folder. The child runs the TypeScript sources directly through esbuild's transform (a devDependency), so
 * no build step is needed and file paths stay those of the sources.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import readline from 'node:readline';

const ENTRY = path.join(__dirname, 'local-cloud-process.ts');

// Teaches require() to load .ts files: each file is transformed on its own, as isolatedModules allows.
const TS_REGISTER = `
const fs = require('node:fs');
const esbuild = require('esbuild');
require.extensions['.ts'] = (module, filename) => {
  const { code } = esbuild.transformSync(fs.readFileSync(filename, 'utf8'), {
    loader: 'ts', format: 'cjs', target: 'node20', sourcefile: filename, sourcemap: 'inline',
  });
  module._compile(code, filename);
};
`;

export interface ChildCloud {
  readonly url: string;
  readonly adminUrl: string;
  readonly child: ChildProcess;
  /** SIGKILL: no chance to flush or close anything, as a crash. */
  crash(): Promise<void>;
  /** SIGTERM: closes the server and the database. */
  stop(): Promise<void>;
}

export async function spawnLocalCloud(
  dataDir: string,
  options: {
    synchronous?: 'FULL' | 'NORMAL';
    startTimeoutMs?: number;
    functionsDir?: string;
    seedFile?: string;
    clock?: 'system' | 'test';
    /** Environment variables of every function, as configured in the cloud console. */
    functionEnv?: Record<string, string>;
  } = {},
): Promise<ChildCloud> {
  const startTimeoutMs = options.startTimeoutMs ?? 30_000;
  const child = spawn(process.execPath, ['-e', `${TS_REGISTER}\nrequire(${JSON.stringify(ENTRY)});`], {
    cwd: path.resolve(__dirname, '..', '..'),
    env: {
      ...process.env,
      LOCAL_CLOUD_DATA_DIR: dataDir,
      LOCAL_CLOUD_SYNCHRONOUS: options.synchronous ?? 'FULL',
      LOCAL_CLOUD_FUNCTIONS_DIR: options.functionsDir ?? '',
      LOCAL_CLOUD_SEED_FILE: options.seedFile ?? '',
      LOCAL_CLOUD_CLOCK: options.clock ?? 'system',
      LOCAL_CLOUD_FUNCTION_ENV: JSON.stringify(options.functionEnv ?? {}),
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr += chunk.toString();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const url = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`local cloud did not start: ${stderr}`)), startTimeoutMs);
    const lines = readline.createInterface({ input: child.stdout! });
    lines.once('line', (line) => {
      clearTimeout(timer);
      try {
        resolve((JSON.parse(line) as { url: string }).url);
      } catch {
        reject(new Error(`unexpected output of the local cloud: ${line} ${stderr}`));
      }
    });
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`local cloud exited with ${code}: ${stderr}`));
    });
  });
  return {
    url,
    adminUrl: `${url}/admin`,
    child,
    async crash() {
      child.kill('SIGKILL');
      await exited;
    },
    async stop() {
      child.kill('SIGTERM');
      await exited;
    },
  };
}
