/**
 * The whole deployment as data, from the repository alone (no configuration, no network): every function
 * with its runtime, timeout, memory, the environment variables its code reads, its triggers and cloud-call
 * permissions, and every collection with its indexes and security rule. `npm run deploy:plan` prints it;
 * the deploy commands apply the same facts.
 */
import path from 'node:path';
import { build } from 'esbuild';
import { PAYMENT_ENV } from '../../cloudfunctions/common/payments/payment-config';
import { DeployError } from './cli';
import { readDatabaseSpec, type IndexSpec } from './database-spec';
import {
  readFunctionConfig,
  sourceFunctionNames,
  SOURCE_DIR,
  type FunctionConfig,
  type Trigger,
} from './function-config';
import { SHOP_ENV } from './function-env';

/** Every environment variable the configuration can give a function. */
export const DEPLOYED_ENV_NAMES: readonly string[] = [
  ...Object.values(PAYMENT_ENV),
  ...Object.values(SHOP_ENV),
];

export interface FunctionPlan {
  name: string;
  runtime: FunctionConfig['runtime'];
  timeout: number;
  memorySize: number;
  /** Variables the function's bundle reads; it gets those the configuration sets. */
  envNames: string[];
  triggers: Trigger[];
  permissions: FunctionConfig['permissions'];
}

export interface CollectionPlan {
  name: string;
  indexes: IndexSpec[];
  rules: Record<string, unknown>;
}

export interface DeployPlan {
  functions: FunctionPlan[];
  collections: CollectionPlan[];
}

/** The names of DEPLOYED_ENV_NAMES a bundle mentions: the code that runs decides what it is given. */
export function envNamesOfBundle(bundle: string): string[] {
  return DEPLOYED_ENV_NAMES.filter((name) => new RegExp(`\\b${name}\\b`).test(bundle));
}

export function functionPlan(name: string, config: FunctionConfig, bundle: string): FunctionPlan {
  return {
    name,
    runtime: config.runtime,
    timeout: config.timeout,
    memorySize: config.memorySize,
    envNames: envNamesOfBundle(bundle),
    triggers: config.triggers,
    permissions: config.permissions,
  };
}

/** Bundles a function in memory the way scripts/build-cloud.ts does, to see what it reads. */
async function bundleInMemory(name: string, dir: string): Promise<string> {
  const result = await build({
    entryPoints: [path.join(dir, name, 'index.ts')],
    bundle: true,
    platform: 'node',
    target: 'node16',
    format: 'cjs',
    external: ['wx-server-sdk'],
    write: false,
    logLevel: 'silent',
  }).catch((error: unknown) => {
    throw new DeployError(
      `${name}: the function does not bundle: ${(error as Error).message.split('\n')[0]}`,
    );
  });
  return result.outputFiles.map((file) => file.text).join('\n');
}

export function collectionPlans(): CollectionPlan[] {
  const spec = readDatabaseSpec();
  if (!spec.ok) {
    throw new DeployError(`database/collections.json: ${spec.errors.length} problem(s)`, spec.errors);
  }
  return spec.collections.map((collection) => ({
    name: collection.name,
    indexes: collection.indexes,
    rules: collection.rule,
  }));
}

export async function deployPlan(dir = SOURCE_DIR): Promise<DeployPlan> {
  const names = sourceFunctionNames(dir);
  const functions = await Promise.all(
    names.map(async (name) => {
      const config = readFunctionConfig(path.join(dir, name), name);
      return functionPlan(name, config, await bundleInMemory(name, dir));
    }),
  );
  return { functions, collections: collectionPlans() };
}
