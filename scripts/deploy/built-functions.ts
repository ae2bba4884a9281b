/**
 * The cloud functions as scripts/build-cloud.ts left them in dist/cloudfunctions/<name>/: bundle, manifest
 * and config.json, read and checked before anything is uploaded. Their plan is made from the bundle that
 * will run, so the environment variables follow the code.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { REPOSITORY_ROOT } from '../lib/shop-config';
import { DeployError } from './cli';
import { functionPlan, type FunctionPlan } from './deploy-plan';
import { readFunctionConfig, sourceFunctionNames } from './function-config';

export const FUNCTIONS_DIR = path.join(REPOSITORY_ROOT, 'dist', 'cloudfunctions');
/** What a function upload may weigh when sent inline (manager-node's ZipFile limit, before compression). */
export const INLINE_UPLOAD_LIMIT_BYTES = 1.5 * 1024 * 1024;

export interface BuiltFunction {
  plan: FunctionPlan;
  dir: string;
  bundleBytes: number;
}

/** Runs scripts/build-cloud.ts, its output shown as it is (sizes of each function). */
export function buildFunctions(): void {
  const tsx = path.join(REPOSITORY_ROOT, 'node_modules', '.bin', 'tsx');
  const result = spawnSync(tsx, [path.join('scripts', 'build-cloud.ts')], {
    cwd: REPOSITORY_ROOT,
    stdio: 'inherit',
  });
  if (result.status !== 0)
    throw new DeployError('build of the cloud functions failed (see its output above)');
}

export function readBuiltFunctions(dir = FUNCTIONS_DIR, expected = sourceFunctionNames()): BuiltFunction[] {
  if (!fs.existsSync(dir)) throw new DeployError(`${dir} does not exist: run without --skip-build`);
  const missing = expected.filter((name) => !fs.existsSync(path.join(dir, name)));
  if (missing.length > 0) {
    throw new DeployError(`${missing.join(', ')} not built in ${dir}: run without --skip-build`);
  }
  return expected.map((name) => {
    const fnDir = path.join(dir, name);
    for (const file of ['index.js', 'package.json', 'config.json']) {
      if (!fs.existsSync(path.join(fnDir, file))) {
        throw new DeployError(`${name}: ${file} missing in ${fnDir}: run without --skip-build`);
      }
    }
    const bundle = fs.readFileSync(path.join(fnDir, 'index.js'), 'utf8');
    const bundleBytes = Buffer.byteLength(bundle);
    if (bundleBytes > INLINE_UPLOAD_LIMIT_BYTES) {
      throw new DeployError(
        `${name}: its bundle takes ${(bundleBytes / 1024).toFixed(0)} KB, over the ${INLINE_UPLOAD_LIMIT_BYTES / 1024} KB an inline upload takes`,
      );
    }
    return { plan: functionPlan(name, readFunctionConfig(fnDir, name), bundle), dir: fnDir, bundleBytes };
  });
}
