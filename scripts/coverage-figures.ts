/**
 * Line coverage of the shipped code from several istanbul reports of the same sources (jest's own processes,
 * and the function instances of the local cloud remapped through the bundles' source maps): a line counts as
 * run when any report saw it run. Figures per folder, and the floors the suite must keep.
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

export function mergeLineCoverage(root: string, reports: readonly CoverageReport[]): LineCoverage {
  const merged: LineCoverage = new Map();
  for (const report of reports) {
    for (const [absolute, coverage] of Object.entries(report)) {
      const file = path.relative(root, absolute).split(path.sep).join('/');
      if (!counted(file)) continue;
      const lines = merged.get(file) ?? new Map<number, boolean>();
      for (const [id, statement] of Object.entries(coverage.statementMap)) {
        const line = statement.start.line;
        lines.set(line, (lines.get(line) ?? false) || (coverage.s[id] ?? 0) > 0);
      }
      merged.set(file, lines);
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
