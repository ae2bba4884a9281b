/**
 * Bundles each cloud function with the shared server code it imports into dist/cloudfunctions/<name>/:
 * index.js (+ its source map) + package.json (wx-server-sdk external, as a dependency) + config.json (timeout,
 * triggers).
 * The result is what WeChat DevTools or miniprogram-ci deploys as it is.
 */
import fs from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

const root = path.resolve(__dirname, '..');
const sourceDir = path.join(root, 'cloudfunctions');
const outDir = path.join(root, 'dist', 'cloudfunctions');
/** Folders of cloudfunctions/ that are shared code, not deployable functions. */
const SHARED = new Set(['common']);
const SDK_VERSION = (
  JSON.parse(fs.readFileSync(path.join(root, 'node_modules/wx-server-sdk/package.json'), 'utf8')) as {
    version: string;
  }
).version;

function functionNames(): string[] {
  return fs
    .readdirSync(sourceDir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !SHARED.has(entry.name))
    .filter((entry) => fs.existsSync(path.join(sourceDir, entry.name, 'index.ts')))
    .map((entry) => entry.name)
    .sort();
}

async function buildFunction(name: string): Promise<number> {
  const target = path.join(outDir, name);
  fs.rmSync(target, { recursive: true, force: true });
  fs.mkdirSync(target, { recursive: true });
  await build({
    entryPoints: [path.join(sourceDir, name, 'index.ts')],
    outfile: path.join(target, 'index.js'),
    bundle: true,
    platform: 'node',
    // The cloud's Node.js 16 runtime is the oldest one WeChat still offers for new functions.
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    // index.js.map beside the bundle maps it back to the TypeScript sources: stack traces in the cloud's logs
    // (with --enable-source-maps) and the coverage of the functions as the tests run them (docs/testing.md).
    // The sources themselves stay out of it.
    sourcemap: 'linked',
    sourcesContent: false,
    minifySyntax: true,
    legalComments: 'none',
    logLevel: 'warning',
  });
  const manifest = {
    name,
    version: '1.0.0',
    private: true,
    main: 'index.js',
    dependencies: { 'wx-server-sdk': SDK_VERSION },
  };
  fs.writeFileSync(path.join(target, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const configFile = path.join(sourceDir, name, 'config.json');
  const config = fs.existsSync(configFile)
    ? fs.readFileSync(configFile, 'utf8')
    : '{ "timeout": 3, "triggers": [] }\n';
  fs.writeFileSync(path.join(target, 'config.json'), config);
  copyWasmAssets(target);
  return fs.statSync(path.join(target, 'index.js')).size;
}

/**
 * WebAssembly files a bundled package reads from beside itself (jieba's dictionary, for functions that save
 * products): esbuild inlines the JavaScript, so the file goes next to index.js, where `__dirname` now points.
 */
const WASM_ASSETS = [path.join(root, 'node_modules/jieba-wasm/pkg/nodejs/jieba_rs_wasm_bg.wasm')];

function copyWasmAssets(target: string): void {
  const bundle = fs.readFileSync(path.join(target, 'index.js'), 'utf8');
  for (const asset of WASM_ASSETS) {
    if (bundle.includes(path.basename(asset)))
      fs.copyFileSync(asset, path.join(target, path.basename(asset)));
  }
}

async function main(): Promise<void> {
  const names = functionNames();
  for (const stale of fs.existsSync(outDir) ? fs.readdirSync(outDir) : []) {
    if (!names.includes(stale)) fs.rmSync(path.join(outDir, stale), { recursive: true, force: true });
  }
  for (const name of names) {
    const size = await buildFunction(name);
    console.log(`cloud function ${name.padEnd(14)} ${(size / 1024).toFixed(1).padStart(7)} KB`);
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
