/**
 * miniprogram-ci for the deploy scripts: loaded only when a command reaches it (it takes seconds to load),
 * its console chatter held back unless --verbose, projects built from the deployment configuration, and
 * every call to WeChat's servers wrapped so a failure becomes one line.
 */
import type * as MiniprogramCi from 'miniprogram-ci';
import { describeCiError, type CiErrorContext } from './ci-errors';
import { DeployError, holdLibraryConsole, onStrayError } from './cli';

export type Ci = typeof MiniprogramCi;
export type CiProject = InstanceType<Ci['Project']>;

let ci: Ci | undefined;

export async function loadCi(verbose: boolean): Promise<Ci> {
  if (!ci) {
    holdLibraryConsole(verbose);
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
