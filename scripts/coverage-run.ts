/**
 * Where a coverage run writes (coverage/, ignored by git) and how jest is started for one: shared by
 * `npm run coverage` and `npm test`, which collects coverage in the same jest run as the tests.
 */
import fs from 'node:fs';
import path from 'node:path';

const root = path.resolve(__dirname, '..');
export const COVERAGE_DIR = path.join(root, 'coverage');
/** jest's report of what ran in its own processes (jest.config.js). */
export const JEST_REPORT = path.join(COVERAGE_DIR, 'jest', 'coverage-final.json');
/** Raw V8 coverage the function instances of the local cloud write when they exit. */
export const FUNCTIONS_RAW = path.join(COVERAGE_DIR, 'functions-v8');
/** c8's report of the instances' coverage, mapped back to the TypeScript sources. */
export const FUNCTIONS_REPORT_DIR = path.join(COVERAGE_DIR, 'functions');

/** The jest arguments and environment of a run that records coverage for the merged report. */
export function coverageRun(): { args: string[]; env: Record<string, string> } {
  return { args: ['--coverage'], env: { LOCAL_CLOUD_COVERAGE_DIR: FUNCTIONS_RAW } };
}

/** Empties the coverage folder before a run: files of an earlier run would count. */
export function clearCoverage(): void {
  fs.rmSync(COVERAGE_DIR, { recursive: true, force: true });
  fs.mkdirSync(FUNCTIONS_RAW, { recursive: true });
}
