/**
 * `npm run bench:size`: what a buyer downloads. The weapp main package (what WeChat loads first), each
 * subpackage and the total, and the H5 first-load JS (raw and gzip); recorded in docs/benchmarks.md.
 * Builds are taken as they are in dist/: run the builds first (npm test does).
 */
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { markdownTable, recordBenchmark } from './lib/benchmarks-doc';

const root = path.resolve(__dirname, '..');
const weapp = path.join(root, 'dist', 'weapp');
const h5 = path.join(root, 'dist', 'h5');
const MAIN_BUDGET = 500 * 1024;

function sizeOf(target: string, skip: (relative: string) => boolean = () => false, base = target): number {
  const stat = fs.statSync(target);
  if (!stat.isDirectory()) return stat.size;
  return fs.readdirSync(target).reduce((sum, name) => {
    const full = path.join(target, name);
    const relative = path.relative(base, full);
    return skip(relative) ? sum : sum + sizeOf(full, skip, base);
  }, 0);
}

const kb = (bytes: number) => `${(bytes / 1024).toFixed(1)} KB`;

function main(): void {
  if (!fs.existsSync(path.join(weapp, 'app.json')) || !fs.existsSync(path.join(h5, 'index.html'))) {
    console.error('dist/weapp or dist/h5 is missing: run `npm run build:weapp && npm run build:h5` first');
    process.exit(1);
  }
  const appJson = JSON.parse(fs.readFileSync(path.join(weapp, 'app.json'), 'utf8')) as {
    subPackages?: { root: string }[];
  };
  const subRoots = (appJson.subPackages ?? []).map((sub) => sub.root.replace(/\/$/, ''));
  // WeChat never uploads these: project settings and license notes.
  const notShipped = (relative: string) =>
    relative === 'project.config.json' || relative.endsWith('.LICENSE.txt');
  const mainSize = sizeOf(weapp, (relative) => notShipped(relative) || subRoots.includes(relative));
  const subs = subRoots.map((sub) => [sub, sizeOf(path.join(weapp, sub), notShipped)] as const);
  const total = mainSize + subs.reduce((sum, [, size]) => sum + size, 0);

  const html = fs.readFileSync(path.join(h5, 'index.html'), 'utf8');
  const firstLoad = [...html.matchAll(/(?:src|href)="\/?([^"]+\.(?:js|css))"/g)].map((match) => match[1]);
  const files = firstLoad.map((file) => fs.readFileSync(path.join(h5, file)));
  const jsRaw = files.reduce((sum, buffer, i) => sum + (firstLoad[i].endsWith('.js') ? buffer.length : 0), 0);
  const jsGzip = files.reduce(
    (sum, buffer, i) => sum + (firstLoad[i].endsWith('.js') ? zlib.gzipSync(buffer, { level: 9 }).length : 0),
    0,
  );
  const cssRaw = files.reduce(
    (sum, buffer, i) => sum + (firstLoad[i].endsWith('.css') ? buffer.length : 0),
    0,
  );

  const rows: (string | number)[][] = [
    ['weapp main package', kb(mainSize), `budget ${kb(MAIN_BUDGET)}, WeChat limit 2048 KB`],
    ...subs.map(([name, size]) => [`weapp subpackage ${name}`, kb(size), 'limit 2048 KB']),
    ['weapp total', kb(total), 'limit 20480 KB'],
    ['H5 first-load JS (raw)', kb(jsRaw), `${firstLoad.filter((f) => f.endsWith('.js')).length} files`],
    ['H5 first-load JS (gzip -9)', kb(jsGzip), ''],
    ['H5 first-load CSS (raw)', kb(cssRaw), ''],
  ];
  const table = markdownTable(['what', 'size', 'note'], rows);
  console.log(table);
  recordBenchmark(
    'size',
    `## Package size\n\n\`npm run bench:size\` (production builds, ${new Date().toISOString().slice(0, 10)}):\n\n${table}`,
  );
  if (mainSize > MAIN_BUDGET) {
    console.error(`main package ${kb(mainSize)} is over the budget of ${kb(MAIN_BUDGET)}`);
    process.exit(1);
  }
}

main();
