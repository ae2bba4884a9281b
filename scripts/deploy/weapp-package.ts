/**
 * The mini program package that upload and preview send: built by Taro for the configured cloud environment,
 * checked offline by WeChat's own compiler, and labelled with package.json's version and the last commit.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPOSITORY_ROOT, type ShopConfig } from '../lib/shop-config';
import { DeployError, relativeToCwd, say, type Flags } from './cli';
import { loadCi } from './wechat-ci';

export const WEAPP_DIR = path.join(REPOSITORY_ROOT, 'dist', 'weapp');

/** Builds dist/weapp with the cloud environment (and image host) compiled in; Taro's output only on failure. */
export function buildWeapp(config: ShopConfig): void {
  say(`… building the mini program for cloud environment ${config.envId}`);
  const taro = path.join(REPOSITORY_ROOT, 'node_modules', '.bin', 'taro');
  const result = spawnSync(taro, ['build', '--type', 'weapp'], {
    cwd: REPOSITORY_ROOT,
    env: {
      ...process.env,
      NODE_ENV: 'production',
      SHOP_CLOUD_ENV: config.envId,
      SHOP_ASSETS_URL: config.assets.url ?? '',
      // The local cloud's URL means nothing to a deployed mini program.
      SHOP_CLOUD_URL: '',
    },
    encoding: 'utf8',
    maxBuffer: 256 * 1024 * 1024,
  });
  if (result.status !== 0) {
    process.stderr.write(`${result.stdout ?? ''}${result.stderr ?? ''}`.split('\n').slice(-40).join('\n'));
    throw new DeployError('the mini program build failed (the end of its output is above)');
  }
}

function javascriptFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) return javascriptFiles(full);
    return entry.name.endsWith('.js') ? [full] : [];
  });
}

/**
 * Whether the package was built for `envId`: the build compiles the id into the code as a string literal.
 * A package built for another environment (or none) would send every buyer's calls to the wrong backend.
 */
export function builtForEnvironment(dir: string, envId: string): boolean {
  const literals = [JSON.stringify(envId), `'${envId}'`];
  return javascriptFiles(dir).some((file) => {
    const code = fs.readFileSync(file, 'utf8');
    return literals.some((literal) => code.includes(literal));
  });
}

/** The package to send: built now, or (--skip-build, --weapp-dir) a build that must match the configuration. */
export function preparePackage(config: ShopConfig, flags: Flags): string {
  const dir = flags.weappDir ?? WEAPP_DIR;
  if (!flags.weappDir && !flags.skipBuild) buildWeapp(config);
  if (!fs.existsSync(path.join(dir, 'app.json'))) {
    throw new DeployError(
      `${relativeToCwd(dir)} has no app.json: build the mini program first (run without --skip-build)`,
    );
  }
  if (!fs.existsSync(path.join(dir, 'project.config.json'))) {
    throw new DeployError(`${relativeToCwd(dir)} has no project.config.json: it is not a Taro weapp build`);
  }
  if (!builtForEnvironment(dir, config.envId)) {
    throw new DeployError(
      `${relativeToCwd(dir)} was not built for cloud environment ${config.envId}: run without --skip-build to build it for that environment`,
    );
  }
  say(`✓ ${relativeToCwd(dir)} is built for ${config.envId}`);
  return dir;
}

/** WeChat's compiler and code-quality checks, offline (test/compiler/weapp-checks.ts). */
export async function checkPackage(dir: string, verbose: boolean): Promise<void> {
  say(`… checking ${relativeToCwd(dir)} with WeChat's compiler (offline)`);
  await loadCi(verbose);
  const { checkWeapp } = await import('../../test/compiler/weapp-checks');
  const problems = await checkWeapp(dir);
  if (problems.length > 0) {
    throw new DeployError(
      `WeChat's compiler rejected ${relativeToCwd(dir)}: ${problems.length} problem(s)`,
      problems.map((problem) => problem.split('\n')[0]),
    );
  }
  say(`✓ WeChat's compiler accepts ${relativeToCwd(dir)}`);
}

export function packageVersion(): string {
  const manifest = JSON.parse(fs.readFileSync(path.join(REPOSITORY_ROOT, 'package.json'), 'utf8')) as {
    version?: string;
  };
  if (!manifest.version) throw new DeployError('package.json has no version');
  return manifest.version;
}

function git(args: string[]): string | undefined {
  const result = spawnSync('git', args, { cwd: REPOSITORY_ROOT, encoding: 'utf8' });
  return result.status === 0 ? result.stdout.trim() : undefined;
}

/** "<last commit subject> (<short hash>)", marked when the working tree has uncommitted changes. */
export function releaseDescription(): string {
  const subject = git(['log', '-1', '--format=%s']);
  const hash = git(['log', '-1', '--format=%h']);
  if (!subject || !hash) return 'no git commit';
  const dirty = (git(['status', '--porcelain', '--untracked-files=no']) ?? '') !== '';
  const short = subject.length > 80 ? `${subject.slice(0, 79)}…` : subject;
  return `${short} (${hash}${dirty ? ', uncommitted changes' : ''})`;
}
