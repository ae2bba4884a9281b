/**
 * The cloud functions as scripts/build-cloud.ts left them in dist/cloudfunctions/<name>/: bundle, manifest
 * and config.json (timeout, timer triggers), read and checked before anything is uploaded.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { REPOSITORY_ROOT } from '../lib/shop-config';
import { DeployError } from './cli';

export const FUNCTIONS_DIR = path.join(REPOSITORY_ROOT, 'dist', 'cloudfunctions');
/** What miniprogram-ci gives a function it creates; anything else is set in the console. */
export const CI_DEFAULT_TIMEOUT_SECONDS = 3;

const triggerSchema = z.object({
  name: z.string().min(1),
  type: z.string().min(1),
  config: z.string().min(1),
});
const configSchema = z.object({
  timeout: z.number().int().positive().optional(),
  triggers: z.array(triggerSchema).default([]),
});

export type Trigger = z.infer<typeof triggerSchema>;

export interface BuiltFunction {
  name: string;
  dir: string;
  bundle: string;
  bundleBytes: number;
  timeoutSeconds: number;
  triggers: Trigger[];
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

/** Timer triggers take 7 fields (second minute hour day month weekday year), UTC+8. */
function checkTrigger(name: string, trigger: Trigger): void {
  if (trigger.type === 'timer' && trigger.config.trim().split(/\s+/).length !== 7) {
    throw new DeployError(
      `${name}/config.json: timer trigger ${trigger.name} needs 7 cron fields (second minute hour day month weekday year)`,
    );
  }
}

export function readBuiltFunctions(dir = FUNCTIONS_DIR): BuiltFunction[] {
  if (!fs.existsSync(dir)) throw new DeployError(`${dir} does not exist: run without --skip-build`);
  const names = fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  if (names.length === 0) throw new DeployError(`${dir} holds no functions: run without --skip-build`);
  return names.map((name) => {
    const fnDir = path.join(dir, name);
    for (const file of ['index.js', 'package.json', 'config.json']) {
      if (!fs.existsSync(path.join(fnDir, file))) {
        throw new DeployError(`${name}: ${file} missing in ${fnDir}: run without --skip-build`);
      }
    }
    let parsed: z.infer<typeof configSchema>;
    try {
      parsed = configSchema.parse(JSON.parse(fs.readFileSync(path.join(fnDir, 'config.json'), 'utf8')));
    } catch (error) {
      const reason = error instanceof z.ZodError ? error.issues[0]?.message : (error as Error).message;
      throw new DeployError(`${name}/config.json: ${reason}`);
    }
    for (const trigger of parsed.triggers) checkTrigger(name, trigger);
    const bundle = fs.readFileSync(path.join(fnDir, 'index.js'), 'utf8');
    return {
      name,
      dir: fnDir,
      bundle,
      bundleBytes: Buffer.byteLength(bundle),
      timeoutSeconds: parsed.timeout ?? CI_DEFAULT_TIMEOUT_SECONDS,
      triggers: parsed.triggers,
    };
  });
}
