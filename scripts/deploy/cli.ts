/**
 * Command-line plumbing of the deploy scripts: flags, output, the configuration, and the rule that every
 * failure ends the process with one line on stderr and exit code 1 (no stack traces).
 */
import path from 'node:path';
import { inspect } from 'node:util';
import { loadShopConfig, shopConfigPath, type ShopConfig } from '../lib/shop-config';

/** A failure the user can act on; its message is the one line shown. */
export class DeployError extends Error {
  constructor(
    message: string,
    /** Lines printed before the message (each already one problem). */
    readonly details: readonly string[] = [],
  ) {
    super(message);
    this.name = 'DeployError';
  }
}

export interface Flags {
  dryRun: boolean;
  verbose: boolean;
  skipBuild: boolean;
  showSecrets: boolean;
  config?: string;
  weappDir?: string;
  only?: string[];
}

const BOOLEAN_FLAGS = {
  '--dry-run': 'dryRun',
  '--verbose': 'verbose',
  '--skip-build': 'skipBuild',
  '--show-secrets': 'showSecrets',
} as const;
type BooleanFlag = keyof typeof BOOLEAN_FLAGS;
const VALUE_FLAGS = ['--config', '--weapp-dir', '--only'] as const;
type ValueFlag = (typeof VALUE_FLAGS)[number];

const isBooleanFlag = (name: string): name is BooleanFlag => name in BOOLEAN_FLAGS;
const isValueFlag = (name: string): name is ValueFlag => (VALUE_FLAGS as readonly string[]).includes(name);

/** Parses `argv`, accepting only the flags this command documents (a typo must not deploy with defaults). */
export function parseFlags(argv: readonly string[], accepted: readonly string[]): Flags {
  const flags: Flags = { dryRun: false, verbose: false, skipBuild: false, showSecrets: false };
  for (let index = 0; index < argv.length; index += 1) {
    const [name, inline] = argv[index].split(/=(.*)/s, 2);
    if (!accepted.includes(name) || (!isBooleanFlag(name) && !isValueFlag(name))) {
      throw new DeployError(`unknown option ${argv[index]} (accepted: ${accepted.join(' ')})`);
    }
    if (isBooleanFlag(name)) {
      flags[BOOLEAN_FLAGS[name]] = true;
      continue;
    }
    const value = inline ?? argv[(index += 1)];
    if (value === undefined || value === '') throw new DeployError(`option ${name} needs a value`);
    if (name === '--config') flags.config = value;
    else if (name === '--weapp-dir') flags.weappDir = path.resolve(value);
    else
      flags.only = value
        .split(',')
        .map((item) => item.trim())
        .filter(Boolean);
  }
  return flags;
}

export function say(line = ''): void {
  process.stdout.write(`${line}\n`);
}

export function relativeToCwd(file: string): string {
  const relative = path.relative(process.cwd(), file);
  return relative && !relative.startsWith('..') ? relative : file;
}

/** The configuration, or a DeployError listing every problem (one line each) under its file name. */
export function requireShopConfig(flags: Flags): ShopConfig {
  const file = shopConfigPath(flags.config);
  const check = loadShopConfig(file);
  if (check.ok) return check.config;
  const name = relativeToCwd(file);
  if (check.errors.length === 1)
    throw new DeployError(`${name}: ${check.errors[0].replace(`${file}: `, '')}`);
  throw new DeployError(
    `${name}: ${check.errors.length} problems; fix them and run again`,
    check.errors.map((error) => `${name}: ${error}`),
  );
}

/** How to describe an error that escapes every await (miniprogram-ci leaves some promises unhandled). */
let describeStray: (error: unknown) => string = (error) =>
  `unexpected error: ${error instanceof Error ? error.message : String(error)}`;

export function onStrayError(describe: (error: unknown) => string): void {
  describeStray = describe;
}

let finished = false;

function finish(code: number, lines: readonly string[] = []): never {
  if (!finished) {
    finished = true;
    for (const line of lines) process.stderr.write(`✗ ${line}\n`);
  }
  // Exit at once: miniprogram-ci keeps sockets and forked compilers that would hold the process open.
  process.exit(code);
}

function failureLines(error: unknown, verbose: boolean): string[] {
  if (error instanceof DeployError) return [...error.details, error.message];
  const lines = [describeStray(error).split('\n')[0]];
  if (verbose && error instanceof Error && error.stack) lines.push(error.stack);
  return lines;
}

/** Runs a command's main: exit 0 when it resolves, one line and exit 1 when anything fails. */
export function runCommand(main: (argv: readonly string[]) => Promise<void>): void {
  const verbose = process.argv.includes('--verbose');
  const fail = (error: unknown): never => finish(1, failureLines(error, verbose));
  process.on('unhandledRejection', fail);
  process.on('uncaughtException', fail);
  main(process.argv.slice(2)).then(() => finish(0), fail);
}

/**
 * miniprogram-ci and manager-node log through console.* (progress, their own "[error]" lines, Chinese
 * status text). The scripts print through process.stdout, so silencing console.* keeps their output to one
 * line per step; --verbose passes the libraries' lines through to stderr.
 */
export function holdLibraryConsole(verbose: boolean): void {
  const write = (...args: unknown[]): void => {
    if (!verbose) return;
    const line = args.map((arg) => (typeof arg === 'string' ? arg : inspect(arg))).join(' ');
    process.stderr.write(`  | ${line}\n`);
  };
  console.log = write;
  console.info = write;
  console.debug = write;
  console.warn = write;
  console.error = write;
}
