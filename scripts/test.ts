/**
 * `npm test`: every check the project has, in the order that fails fastest. Lint and types, the builds,
 * jest (unit, integration on the local cloud, weapp pages in miniprogram-simulate), WeChat's compiler over
 * dist/weapp, then the browser tests. Stops at the first failing stage. The jest stage records coverage and the
 * next stage checks its floors (scripts/coverage.ts), so the tests run once and a run below a floor fails, here
 * as in CI (.ci/run runs this command).
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { findChromium, MISSING_CHROMIUM_MESSAGE } from '../test/e2e/browser';
import { selectByName } from '../test/support/select-by-name';
import { clearCoverage, coverageRun } from './coverage-run';

const root = path.resolve(__dirname, '..');

interface Stage {
  name: string;
  command: string;
  args: string[];
  env?: Record<string, string>;
  /** Runs just before the stage. */
  prepare?: () => void;
}

const coverage = coverageRun();

const npx = (...args: string[]): Pick<Stage, 'command' | 'args'> => ({
  command: 'npx',
  args: ['--no-install', ...args],
});

const STAGES: Stage[] = [
  { name: 'lint', ...npx('eslint', '.') },
  { name: 'format', ...npx('prettier', '--check', '.') },
  { name: 'types', ...npx('tsc', '--noEmit', '-p', 'tsconfig.json') },
  { name: 'build weapp', ...npx('taro', 'build', '--type', 'weapp') },
  { name: 'build h5', ...npx('taro', 'build', '--type', 'h5') },
  { name: 'build cloud', ...npx('tsx', 'scripts/build-cloud.ts') },
  // Jest records coverage (its own processes, and the local cloud's function instances) while the tests run
  // once; the next stage merges the two and fails below the floors (docs/testing.md, Coverage).
  { name: 'jest', ...npx('jest', '--ci', ...coverage.args), env: coverage.env, prepare: clearCoverage },
  { name: 'coverage', ...npx('tsx', 'scripts/coverage.ts', '--report-only') },
  { name: 'WeChat compiler', ...npx('tsx', 'test/compiler/check-weapp.ts') },
  { name: 'e2e', ...npx('tsx', 'test/e2e/run.ts') },
];

const QUIET = new Set(['build weapp', 'build h5']);

function main(): void {
  if (!findChromium()) {
    console.error(MISSING_CHROMIUM_MESSAGE);
    process.exit(1);
  }
  const selection = selectByName(STAGES, process.argv.slice(2), 'stage');
  if (!selection.ok) {
    console.error(selection.message);
    process.exit(1);
  }
  let passed = 0;
  for (const stage of selection.selected) {
    const started = Date.now();
    console.log(`\n▶ ${stage.name}`);
    stage.prepare?.();
    const result = spawnSync(stage.command, stage.args, {
      cwd: root,
      stdio: QUIET.has(stage.name) ? ['ignore', 'pipe', 'pipe'] : 'inherit',
      env: { ...process.env, FORCE_COLOR: '0', ...stage.env },
      maxBuffer: 256 * 1024 * 1024,
    });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    if (result.status !== 0) {
      if (QUIET.has(stage.name))
        process.stdout.write(`${result.stdout?.toString() ?? ''}${result.stderr?.toString() ?? ''}`);
      console.log(`✗ ${stage.name} failed after ${seconds}s`);
      console.log(`\nstages: ${passed} passed, 1 failed`);
      process.exit(1);
    }
    passed += 1;
    console.log(`✓ ${stage.name} (${seconds}s)`);
  }
  console.log(`\nstages: ${passed} passed, 0 failed`);
}

main();
