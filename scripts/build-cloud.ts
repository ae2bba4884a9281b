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
    external: ['wx-server-sdk', ...CLOUD_INSTALLED],
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
    dependencies: {
      'wx-server-sdk': SDK_VERSION,
      ...Object.fromEntries(usedPackages(target).map((name) => [name, versionOf(name)])),
    },
  };
  fs.writeFileSync(path.join(target, 'package.json'), `${JSON.stringify(manifest, null, 2)}\n`);
  const configFile = path.join(sourceDir, name, 'config.json');
  const config = fs.existsSync(configFile)
    ? fs.readFileSync(configFile, 'utf8')
    : '{ "timeout": 3, "triggers": [] }\n';
  fs.writeFileSync(path.join(target, 'config.json'), config);
  return fs.statSync(path.join(target, 'index.js')).size;
}

/**
 * Packages left out of the bundle and installed by the cloud instead (上传并部署：云端安装依赖), each only in
 * the functions that use it: jieba's dictionary is a 4 MB WebAssembly file read from beside its package, too
 * big for a zip upload (1.5 MB) and not bundleable. Locally the functions find it in the repository's
 * node_modules.
 */
const CLOUD_INSTALLED = ['jieba-wasm'];

function versionOf(name: string): string {
  const manifest = path.join(root, 'node_modules', name, 'package.json');
  return (JSON.parse(fs.readFileSync(manifest, 'utf8')) as { version: string }).version;
}

/** The cloud-installed packages a built bundle requires. */
function usedPackages(target: string): string[] {
  const bundle = fs.readFileSync(path.join(target, 'index.js'), 'utf8');
  return CLOUD_INSTALLED.filter((name) => bundle.includes(`require("${name}")`));
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
