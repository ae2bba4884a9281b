/**
 * Runs WeChat's own tools over dist/weapp, offline: miniprogram-ci compiles the package and checks its code
 * quality (missing pages, bad JSON, JS syntax, missing components, tabBar rules), and the official wcc
 * compiles every WXML, and no code meant only for the H5 build on the local cloud is in it. Any problem fails the run.
 */
import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as ci from 'miniprogram-ci';
import { inTemporaryFolder } from '../../scripts/lib/miniprogram-ci-folder';
import { findLocalOnlyCode, listFiles } from './local-only-code';

const root = path.resolve(__dirname, '..', '..');
export const WEAPP_DIR = path.join(root, 'dist', 'weapp');

interface QualityItem {
  name?: string;
  success?: boolean;
  text?: string;
  [key: string]: unknown;
}

/** WeChat's wcc over every WXML: exits non-zero on a broken template. */
export function compileWxml(dir: string): string[] {
  const wcc = path.join(root, 'node_modules', 'miniprogram-compiler', 'bin', 'linux', 'wcc');
  // The package ships wcc without its execute bit and sets it on first use; a fresh install may not have yet.
  fs.chmodSync(wcc, 0o755);
  // wcc resolves <import> and <wxs src> among the files it is given, so it gets the .wxs modules too.
  const files = [...listFiles(dir, '.wxml'), ...listFiles(dir, '.wxs')].map(
    (file) => `./${path.relative(dir, file)}`,
  );
  const problems: string[] = [];
  try {
    execFileSync(wcc, ['-d', ...files], {
      cwd: dir,
      stdio: ['ignore', 'ignore', 'pipe'],
      maxBuffer: 64 * 1024 * 1024,
    });
  } catch (error) {
    const stderr = (error as { stderr?: Buffer }).stderr?.toString() ?? String(error);
    problems.push(`wcc: ${stderr.trim()}`);
  }
  return problems;
}

async function checkWithMiniprogramCi(dir: string): Promise<string[]> {
  const keyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'shop-ci-key-'));
  const privateKeyPath = path.join(keyDir, 'private.key');
  const { privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  fs.writeFileSync(privateKeyPath, privateKey.export({ type: 'pkcs1', format: 'pem' }));
  const project = new ci.Project({
    appid: 'wx0000000000000000',
    type: 'miniProgram',
    projectPath: path.resolve(dir),
    privateKeyPath,
    ignores: ['node_modules/**/*'],
  });
  // Offline, the project's attributes cannot be fetched from WeChat; the defaults are WeChat's own limits.
  (project as unknown as { attr: () => Promise<unknown> }).attr = async () => ({ ...ci.DefaultProjectAttr });
  const problems: string[] = [];
  // The project path must not depend on the current folder, which the compiler's calls run from.
  await inTemporaryFolder(async () => {
    try {
      await ci.getCompiledResult({
        project,
        setting: { es6: false, minify: false },
        version: '0.0.0',
        desc: 'check',
      } as never);
    } catch (error) {
      problems.push(`compile: ${error instanceof Error ? error.message : String(error)}`);
    }
    const quality = (await ci.checkCodeQuality(project as never)) as unknown as QualityItem[];
    for (const item of quality) {
      if (item.success === false)
        problems.push(`quality: ${item.name ?? ''} ${item.text ?? JSON.stringify(item)}`);
    }
  });
  fs.rmSync(keyDir, { recursive: true, force: true });
  return problems;
}

export async function checkWeapp(dir: string): Promise<string[]> {
  if (!fs.existsSync(path.join(dir, 'app.json'))) return [`${dir} has no app.json: build the weapp first`];
  return [...findLocalOnlyCode(dir), ...compileWxml(dir), ...(await checkWithMiniprogramCi(dir))];
}
