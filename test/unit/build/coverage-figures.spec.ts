/**
 * The merged line coverage: jest's statement lines are the lines that count, a line run in any report counts as
 * run, only shipped code counts, floors are checked.
 */
import {
  bundlesOnly,
  floorsMissed,
  folderFigures,
  mergeLineCoverage,
  type CoverageReport,
  type FileCoverage,
} from '../../../scripts/coverage-figures';

const ROOT = '/repo';

/** A file's coverage with one statement per line, `hits[i]` for line i + 1. */
function file(hits: number[]): FileCoverage {
  return statements(hits.map((count, i) => [i + 1, count]));
}

/** A file's coverage with a statement starting on each given line, with its hit count. */
function statements(lines: [line: number, count: number][]): FileCoverage {
  return {
    statementMap: Object.fromEntries(lines.map(([line], i) => [String(i), { start: { line } }])),
    s: Object.fromEntries(lines.map(([, count], i) => [String(i), count])),
  };
}

test('a line counts as run when any report ran it; lines no report ran stay unrun', () => {
  const jest: CoverageReport = { '/repo/cloudfunctions/common/domain/a.ts': file([1, 0, 0, 0]) };
  const functions: CoverageReport = { '/repo/cloudfunctions/common/domain/a.ts': file([0, 3, 0, 0]) };
  const merged = mergeLineCoverage(ROOT, jest, [functions]);
  expect([...merged.get('cloudfunctions/common/domain/a.ts')!.entries()]).toEqual([
    [1, true],
    [2, true],
    [3, false],
    [4, false],
  ]);
  expect(folderFigures(merged)).toEqual([
    { folder: 'cloudfunctions/common/domain', lines: 4, covered: 2, percent: 50 },
  ]);
});

test("c8's physical lines do not count: a statement jest ran stays run though c8 read its other lines 0", () => {
  // The shape of cloudpay-gateway.ts `call`: a catch the unit tests reach and no function instance does.
  //   101  } catch (error) {
  //   102    const { errCode } = error;
  //   103    const message =
  //   104      typeof errCode === 'string' ? errCode : 'none';
  //   105    throw new GatewayError(
  //   106      message,
  //   107    );
  //   108  }
  //   109  // a comment
  //   110  return answer;
  const path = '/repo/cloudfunctions/common/payments/gateway.ts';
  const jest: CoverageReport = {
    [path]: statements([
      [102, 1],
      [104, 1],
      [105, 1],
      [110, 0],
    ]),
  };
  // c8 lists every line; the catch block is a V8 range with count 0 in the instance, so its lines read 0.
  const functions: CoverageReport = {
    [path]: statements([
      [101, 1],
      [102, 0],
      [103, 0],
      [104, 0],
      [105, 0],
      [106, 0],
      [107, 0],
      [108, 1],
      [109, 1],
      [110, 4],
    ]),
  };
  const merged = mergeLineCoverage(ROOT, jest, [functions]);
  expect([...merged.get('cloudfunctions/common/payments/gateway.ts')!.entries()]).toEqual([
    [102, true],
    [104, true],
    [105, true],
    [110, true],
  ]);
  expect(folderFigures(merged)).toEqual([
    { folder: 'cloudfunctions/common/payments', lines: 4, covered: 4, percent: 100 },
  ]);
});

test('a statement line no report ran stays unrun, and a line with no statement does not count though c8 ran it', () => {
  const path = '/repo/cloudfunctions/common/services/a.ts';
  const jest: CoverageReport = {
    [path]: statements([
      [1, 1],
      [2, 0],
    ]),
  };
  const functionsA: CoverageReport = { [path]: file([0, 0, 0]) };
  const functionsB: CoverageReport = { [path]: file([0, 0, 1]) };
  const merged = mergeLineCoverage(ROOT, jest, [functionsA, functionsB]);
  expect([...merged.get('cloudfunctions/common/services/a.ts')!.entries()]).toEqual([
    [1, true],
    [2, false],
  ]);
});

test('a file only the function instances report counts by their lines', () => {
  const merged = mergeLineCoverage(ROOT, {}, [
    { '/repo/cloudfunctions/worker/index.ts': file([1, 0]) },
    { '/repo/cloudfunctions/worker/index.ts': file([0, 0, 1]) },
  ]);
  expect([...merged.get('cloudfunctions/worker/index.ts')!.entries()]).toEqual([
    [1, true],
    [2, false],
    [3, true],
  ]);
});

test('only the code that ships counts: tests and files outside cloudfunctions/ are left out', () => {
  const merged = mergeLineCoverage(ROOT, {
    '/repo/cloudfunctions/shop/index.ts': file([1]),
    '/repo/cloudfunctions/common/domain/__tests__/a.spec.ts': file([0]),
    '/repo/emulator/server.ts': file([0]),
    '/repo/node_modules/zod/lib/index.mjs': file([0]),
  });
  expect([...merged.keys()]).toEqual(['cloudfunctions/shop/index.ts']);
});

test('figures are per folder, rounded down to one decimal', () => {
  const merged = mergeLineCoverage(ROOT, {
    '/repo/cloudfunctions/common/services/a.ts': file([1, 1, 0]),
    '/repo/cloudfunctions/common/services/b.ts': file([1, 1, 1]),
    '/repo/cloudfunctions/common/payments/c.ts': file([1]),
  });
  expect(folderFigures(merged)).toEqual([
    { folder: 'cloudfunctions/common/payments', lines: 1, covered: 1, percent: 100 },
    { folder: 'cloudfunctions/common/services', lines: 6, covered: 5, percent: 83.3 },
  ]);
});

test('a floor is missed below it, and when its folder has no figure at all', () => {
  const figures = [{ folder: 'cloudfunctions/common/services', lines: 6, covered: 5, percent: 83.3 }];
  expect(
    floorsMissed(figures, { 'cloudfunctions/common/services': 85, 'cloudfunctions/common/domain': 95 }),
  ).toEqual([
    'cloudfunctions/common/services: 83.3 % of lines, below the floor of 85 %',
    'cloudfunctions/common/domain: no coverage recorded (floor 95 %)',
  ]);
  expect(floorsMissed(figures, { 'cloudfunctions/common/services': 83 })).toEqual([]);
});

test("an instance's raw coverage keeps only the function bundles and their source maps", () => {
  const raw = {
    result: [
      { url: 'node:internal/bootstrap/realm', functions: [] },
      { url: 'file:///repo/node_modules/wx-server-sdk/index.js', functions: [] },
      { url: 'file:///repo/dist/cloudfunctions/shop/index.js', functions: [{ functionName: 'main' }] },
      { url: 'file:///repo/dist/cloudfunctions-old/shop/index.js', functions: [] },
    ],
    timestamp: 1,
    'source-map-cache': {
      'file:///repo/dist/cloudfunctions/shop/index.js': { lineLengths: [1] },
      'file:///repo/node_modules/agent-base/dist/src/index.js': { lineLengths: [2] },
    },
  };
  expect(bundlesOnly(raw, '/repo/dist/cloudfunctions')).toEqual({
    result: [
      { url: 'file:///repo/dist/cloudfunctions/shop/index.js', functions: [{ functionName: 'main' }] },
    ],
    timestamp: 1,
    'source-map-cache': { 'file:///repo/dist/cloudfunctions/shop/index.js': { lineLengths: [1] } },
  });
});
