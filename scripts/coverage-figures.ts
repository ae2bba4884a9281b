/**
 * Line coverage of the shipped code from two kinds of istanbul report of the same sources: jest's, whose
 * statements come from the TypeScript's syntax (babel-plugin-istanbul), and c8's of the function instances,
 * remapped through the bundles' source maps, which has one entry per physical line. The lines that count are
 * the statement lines; a line counts as run when any report saw it run. Figures per folder, and the floors the
 * suite must keep.
 */
import path from 'node:path';
import { pathToFileURL } from 'node:url';

/** The part of an istanbul file coverage this reads: statements with their first line and hit counts. */
export interface FileCoverage {
  statementMap: Record<string, { start: { line: number } }>;
  s: Record<string, number>;
}

export type CoverageReport = Record<string, FileCoverage>;

/** Per file (relative to the root), each line with a statement, and whether any report saw it run. */
export type LineCoverage = Map<string, Map<number, boolean>>;

export interface FolderFigure {
  folder: string;
  lines: number;
  covered: number;
  /** Percent of lines run, one decimal. */
  percent: number;
}

/** Lines covered at least this much (percent), per folder: the suite fails below. */
export const COVERAGE_FLOORS: Readonly<Record<string, number>> = {
  'cloudfunctions/common/services': 85,
  'cloudfunctions/common/repositories': 85,
  'cloudfunctions/common/domain': 95,
  'cloudfunctions/common/payments': 95,
};

/** Only the code that ships to the cloud counts; its tests do not. */
function counted(file: string): boolean {
  return file.startsWith('cloudfunctions/') && !file.includes('/__tests__/') && file.endsWith('.ts');
}

/** Each line holding a statement, and whether a statement starting on it ran. */
function statementLines(coverage: FileCoverage): Map<number, boolean> {
  const lines = new Map<number, boolean>();
  for (const [id, statement] of Object.entries(coverage.statementMap)) {
    const line = statement.start.line;
    lines.set(line, (lines.get(line) ?? false) || (coverage.s[id] ?? 0) > 0);
  }
  return lines;
}

function relativeFile(root: string, absolute: string): string {
  return path.relative(root, absolute).split(path.sep).join('/');
}

/**
 * Merges the statement report (jest) with the line reports (c8). The statement report decides which lines
 * count: a line report lists every physical line, comments, closing braces and the continuation of a
 * statement included, and gives each the count of the innermost V8 range around it. Inside a function that
 * no instance ran, or a `catch` no instance reached, those lines read 0 there though the unit tests ran the
 * statement they belong to; taken as lines of their own, they were counted as not run (the cloudPay gateway's
 * `call` read as half run while its unit tests ran every statement of it). A line report answers only
 * whether a statement line ran. A file no statement report holds (jest lists every file of
 * `collectCoverageFrom`, run or not, so only a narrowed configuration leaves one out) counts by its lines.
 */
export function mergeLineCoverage(
  root: string,
  statementReport: CoverageReport,
  lineReports: readonly CoverageReport[] = [],
): LineCoverage {
  const merged: LineCoverage = new Map();
  for (const [absolute, coverage] of Object.entries(statementReport)) {
    const file = relativeFile(root, absolute);
    if (counted(file)) merged.set(file, statementLines(coverage));
  }
  const fromLineReportsOnly = new Set<string>();
  for (const report of lineReports) {
    for (const [absolute, coverage] of Object.entries(report)) {
      const file = relativeFile(root, absolute);
      if (!counted(file)) continue;
      const ranHere = statementLines(coverage);
      const lines = merged.get(file);
      if (lines === undefined || fromLineReportsOnly.has(file)) {
        const own = lines ?? new Map<number, boolean>();
        for (const [line, run] of ranHere) own.set(line, (own.get(line) ?? false) || run);
        merged.set(file, own);
        fromLineReportsOnly.add(file);
        continue;
      }
      for (const [line, run] of lines) if (!run && ranHere.get(line) === true) lines.set(line, true);
    }
  }
  return merged;
}

/** Figures for each folder holding counted files (its own files only, not its subfolders'), sorted by name. */
export function folderFigures(coverage: LineCoverage): FolderFigure[] {
  const folders = new Map<string, { lines: number; covered: number }>();
  for (const [file, lines] of coverage) {
    const folder = path.posix.dirname(file);
    const figure = folders.get(folder) ?? { lines: 0, covered: 0 };
    for (const run of lines.values()) {
      figure.lines += 1;
      if (run) figure.covered += 1;
    }
    folders.set(folder, figure);
  }
  return [...folders.entries()]
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([folder, { lines, covered }]) => ({
      folder,
      lines,
      covered,
      percent: lines === 0 ? 100 : Math.floor((covered / lines) * 1000) / 10,
    }));
}

/** The floors not met, as sentences; a floor whose folder has no figure is not met either. */
export function floorsMissed(
  figures: readonly FolderFigure[],
  floors: Readonly<Record<string, number>> = COVERAGE_FLOORS,
): string[] {
  return Object.entries(floors).flatMap(([folder, floor]) => {
    const figure = figures.find((candidate) => candidate.folder === folder);
    if (!figure) return [`${folder}: no coverage recorded (floor ${floor} %)`];
    return figure.percent < floor
      ? [`${folder}: ${figure.percent} % of lines, below the floor of ${floor} %`]
      : [];
  });
}

export function formatFigures(figures: readonly FolderFigure[]): string {
  const width = Math.max(...figures.map((figure) => figure.folder.length), 'folder'.length);
  const rows = figures.map((figure) => {
    const floor = COVERAGE_FLOORS[figure.folder];
    return `${figure.folder.padEnd(width)}  ${String(figure.covered).padStart(6)} / ${String(figure.lines).padEnd(6)} ${figure.percent.toFixed(1).padStart(5)} %${floor === undefined ? '' : `  (floor ${floor} %)`}`;
  });
  return [`${'folder'.padEnd(width)}  lines run / lines   %`, ...rows].join('\n');
}

/** The part of a raw V8 coverage file (NODE_V8_COVERAGE) this reads: one entry per script the process ran. */
export interface RawV8Coverage {
  result: { url: string }[];
  'source-map-cache'?: Record<string, unknown>;
  [key: string]: unknown;
}

/**
 * A function instance's raw coverage, reduced to the function bundles under `bundlesDir` (with their source
 * maps). The process also ran Node's internals and wx-server-sdk with its dependencies, some 600 scripts,
 * none of them ours: left in, they made up nearly all the work of remapping.
 */
export function bundlesOnly(raw: RawV8Coverage, bundlesDir: string): RawV8Coverage {
  const prefix = pathToFileURL(bundlesDir).href.replace(/\/?$/, '/');
  const ours = (url: string): boolean => url.startsWith(prefix);
  const sourceMaps = raw['source-map-cache'];
  return {
    ...raw,
    result: raw.result.filter((script) => ours(script.url)),
    ...(sourceMaps && {
      'source-map-cache': Object.fromEntries(Object.entries(sourceMaps).filter(([url]) => ours(url))),
    }),
  };
}
