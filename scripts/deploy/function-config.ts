/**
 * A cloud function's config.json (cloudfunctions/<name>/config.json, copied as it is into the bundle): the
 * runtime, timeout, memory, cloud-call permissions and timer triggers the deployment gives the function.
 * WeChat DevTools reads `permissions` and `triggers` from the same file; `runtime` and `memorySize` are ours.
 */
import fs from 'node:fs';
import path from 'node:path';
import { z } from 'zod';
import { DeployError } from './cli';

/**
 * Node.js runtimes CloudBase accepts for functions (manager-node's RuntimeVersion), oldest first. The bundles
 * target Node 16 and wx-server-sdk 4 needs it, so older runtimes are refused.
 */
export const NODE_RUNTIMES = ['Nodejs16.13', 'Nodejs18.15', 'Nodejs20.19'] as const;
export type NodeRuntime = (typeof NODE_RUNTIMES)[number];
/** Memory sizes (MB) a CloudBase function may have. */
export const MEMORY_SIZES = [128, 256, 512, 1024, 2048] as const;
/** A CloudBase function runs at most 900 s (900 is the platform's cap for event functions). */
export const MAX_TIMEOUT_SECONDS = 900;

const triggerSchema = z
  .object({
    name: z.string().regex(/^[A-Za-z][\w-]{0,59}$/, 'must be letters, digits, "-" or "_", from a letter'),
    type: z.literal('timer', { errorMap: () => ({ message: 'only timer triggers are deployed' }) }),
    config: z
      .string()
      .refine(
        (cron) => cron.trim().split(/\s+/).length === 7,
        'needs 7 cron fields (second minute hour day month weekday year)',
      ),
  })
  .strict();

export const functionConfigSchema = z
  .object({
    runtime: z.enum(NODE_RUNTIMES, {
      errorMap: () => ({ message: `must be one of ${NODE_RUNTIMES.join(', ')}` }),
    }),
    timeout: z.number().int().min(1).max(MAX_TIMEOUT_SECONDS),
    memorySize: z.number().refine((size) => (MEMORY_SIZES as readonly number[]).includes(size), {
      message: `must be one of ${MEMORY_SIZES.join(', ')} (MB)`,
    }),
    permissions: z.object({ openapi: z.array(z.string().min(1)) }).strict(),
    triggers: z.array(triggerSchema).max(1, 'a function takes one timer trigger').default([]),
  })
  .strict();

export type FunctionConfig = z.infer<typeof functionConfigSchema>;
export type Trigger = FunctionConfig['triggers'][number];

/** The source folder of the functions, and the folders in it that are shared code rather than functions. */
export const SOURCE_DIR = path.resolve(__dirname, '..', '..', 'cloudfunctions');
const SHARED_FOLDERS = new Set(['common']);

/** The deployable functions of the repository: every folder of cloudfunctions/ with an index.ts. */
export function sourceFunctionNames(dir = SOURCE_DIR): string[] {
  return fs
    .readdirSync(dir, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !SHARED_FOLDERS.has(entry.name))
    .filter((entry) => fs.existsSync(path.join(dir, entry.name, 'index.ts')))
    .map((entry) => entry.name)
    .sort();
}

/** Parses one config.json; any problem is a DeployError naming the function and the field. */
export function parseFunctionConfig(name: string, text: string): FunctionConfig {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new DeployError(`${name}/config.json: not valid JSON (${(error as Error).message})`);
  }
  const parsed = functionConfigSchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0];
  const field = issue.path.join('.') || 'file';
  const message =
    issue.code === z.ZodIssueCode.invalid_type && issue.received === 'undefined'
      ? 'is missing'
      : issue.message;
  throw new DeployError(`${name}/config.json: ${field} ${message}`);
}

export function readFunctionConfig(functionDir: string, name = path.basename(functionDir)): FunctionConfig {
  const file = path.join(functionDir, 'config.json');
  if (!fs.existsSync(file)) throw new DeployError(`${name}/config.json is missing`);
  return parseFunctionConfig(name, fs.readFileSync(file, 'utf8'));
}
