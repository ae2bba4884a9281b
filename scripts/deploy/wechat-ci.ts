/**
 * miniprogram-ci for the deploy scripts: loaded only when a command reaches it (it takes seconds to load),
 * its console chatter held back unless --verbose, projects built from the deployment configuration, and
 * every call to WeChat's servers wrapped so a failure becomes one line.
 */
import { inspect } from 'node:util';
import type * as MiniprogramCi from 'miniprogram-ci';
import { describeCiError, type CiErrorContext } from './ci-errors';
import { DeployError, onStrayError } from './cli';

export type Ci = typeof MiniprogramCi;
export type CiProject = InstanceType<Ci['Project']>;

let ci: Ci | undefined;

/**
 * miniprogram-ci logs through console.* (its own "[error]" lines for every failed request, progress, the
 * compiler's forks). The scripts print through process.stdout, so silencing console.* keeps their output to
 * one line per step; --verbose passes the library's lines through to stderr.
 */
export function holdCiConsole(verbose: boolean): void {
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

export async function loadCi(verbose: boolean): Promise<Ci> {
  if (!ci) {
    holdCiConsole(verbose);
    ci = await import('miniprogram-ci');
  }
  return ci;
}

export interface ProjectOptions {
  projectPath: string;
  appid: string;
  privateKeyPath: string;
}

export function openProject(library: Ci, options: ProjectOptions): CiProject {
  return new library.Project({
    appid: options.appid,
    type: 'miniProgram',
    projectPath: options.projectPath,
    privateKeyPath: options.privateKeyPath,
    ignores: ['node_modules/**/*'],
  });
}

/** One network step: its failure, however miniprogram-ci reports it, becomes a one-line DeployError. */
export async function callWeChat<T>(context: CiErrorContext, call: () => Promise<T>): Promise<T> {
  onStrayError((error) => describeCiError(error, context));
  try {
    return await call();
  } catch (error) {
    throw new DeployError(describeCiError(error, context));
  }
}
