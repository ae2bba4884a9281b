/**
 * `npm run coverage`: the line coverage of the cloud functions' code under unit, integration and weapp tests,
 * merged into one report with figures per folder, failing below the floors (scripts/coverage-figures.ts).
 * Jest measures what runs in its own processes (V8 coverage of the TypeScript it loads); the local cloud's
 * function instances write V8 coverage of the bundles they run (LOCAL_CLOUD_COVERAGE_DIR), which c8 maps back
 * to the sources through each bundle's source map. `--report-only` reports on a jest run made already with
 * `coverageEnv()` (what `npm test` does), so CI runs the tests once. Extra arguments go to jest.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import {
  clearCoverage,
  COVERAGE_DIR,
  coverageRun,
  FUNCTIONS_RAW,
  FUNCTIONS_REPORT_DIR,
  JEST_REPORT,
} from './coverage-run';
import {
  bundlesOnly,
  floorsMissed,
  folderFigures,
  formatFigures,
  mergeLineCoverage,
  type CoverageReport,
  type RawV8Coverage,
} from './coverage-figures';

const root = path.resolve(__dirname, '..');
const BUNDLES_DIR = path.join(root, 'dist', 'cloudfunctions');

function run(command: string, args: string[], env: Record<string, string> = {}): boolean {
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } });
  return result.status === 0;
}

function readReport(file: string): CoverageReport {
  if (!fs.existsSync(file))
    throw new Error(`${path.relative(root, file)} is missing: run the tests with coverage`);
  return JSON.parse(fs.readFileSync(file, 'utf8')) as CoverageReport;
}

function main(): void {
  const args = process.argv.slice(2);
  const reportOnly = args.includes('--report-only');
  if (!reportOnly) {
    clearCoverage();
    const { args: coverageArgs, env } = coverageRun();
    if (!run('npx', ['--no-install', 'jest', '--ci', ...coverageArgs, ...args], env)) process.exit(1);
  }
  const instanceFiles = fs.existsSync(FUNCTIONS_RAW) ? fs.readdirSync(FUNCTIONS_RAW).length : 0;
  if (instanceFiles === 0) {
    console.error('no function instance wrote coverage: was the run made with LOCAL_CLOUD_COVERAGE_DIR?');
    process.exit(1);
  }
  let unreadable = 0;
  for (const name of fs.readdirSync(FUNCTIONS_RAW)) {
    const file = path.join(FUNCTIONS_RAW, name);
    let raw: RawV8Coverage;
    try {
      raw = JSON.parse(fs.readFileSync(file, 'utf8')) as RawV8Coverage;
    } catch {
      // An instance killed while writing (it did not exit within the local cloud's grace period).
      unreadable += 1;
      fs.rmSync(file);
      continue;
    }
    fs.writeFileSync(file, JSON.stringify(bundlesOnly(raw, BUNDLES_DIR)));
  }
  if (unreadable > 0)
    console.warn(`${unreadable} of ${instanceFiles} instance files were cut short: left out`);
  // --exclude-after-remap: c8's include/exclude would otherwise judge the bundle's path, not the sources'.
  const remapped = run('npx', [
    '--no-install',
    'c8',
    'report',
    '--temp-directory',
    FUNCTIONS_RAW,
    '--reports-dir',
    FUNCTIONS_REPORT_DIR,
    '--reporter',
    'json',
    '--exclude-after-remap',
    '--clean=false',
    '--merge-async',
  ]);
  if (!remapped) process.exit(1);
  const merged = mergeLineCoverage(root, readReport(JEST_REPORT), [
    readReport(path.join(FUNCTIONS_REPORT_DIR, 'coverage-final.json')),
  ]);
  const figures = folderFigures(merged);
  console.log(
    `\nLine coverage of cloudfunctions/ (unit + integration + weapp; ${instanceFiles} instances)\n`,
  );
  console.log(formatFigures(figures));
  fs.writeFileSync(path.join(COVERAGE_DIR, 'figures.json'), `${JSON.stringify(figures, null, 2)}\n`);
  const missed = floorsMissed(figures);
  if (missed.length > 0) {
    console.error(`\ncoverage below the floor:\n  ${missed.join('\n  ')}`);
    process.exit(1);
  }
  console.log('\nevery floor met');
}

main();
