/**
 * The connection to CloudBase's management API (@cloudbase/manager-node, Tencent Cloud API 3.0 signed with an
 * API key pair): where the key pair comes from, checked offline before anything is sent, and every failure
 * of a management call turned into one line.
 */
import fs from 'node:fs';
import type CloudBaseManager from '@cloudbase/manager-node';
import { z } from 'zod';
import type { ShopConfig } from '../lib/shop-config';
import { DeployError, holdLibraryConsole } from './cli';

export type CloudBase = CloudBaseManager;

export interface ApiKeyPair {
  secretId: string;
  secretKey: string;
  /** Where the pair came from, for messages. */
  source: string;
}

const keyPairSchema = z
  .object({
    secretId: z.string().regex(/^AKID\w{16,}$/, 'must be the SecretId ("AKID…") of a CAM API key'),
    secretKey: z.string().regex(/^\w{16,}$/, 'must be the SecretKey of the same API key'),
  })
  .strict();

export const SECRET_ID_ENV = 'TENCENTCLOUD_SECRETID';
export const SECRET_KEY_ENV = 'TENCENTCLOUD_SECRETKEY';

/**
 * The API key pair: TENCENTCLOUD_SECRETID + TENCENTCLOUD_SECRETKEY when both are set, else the JSON file
 * `{ "secretId", "secretKey" }` that tencentCloudKeyPath names. Anything else is one DeployError.
 */
export function resolveApiKeyPair(
  config: Pick<ShopConfig, 'tencentCloudKeyPath'>,
  env: Readonly<Record<string, string | undefined>> = process.env,
): ApiKeyPair {
  const fromEnv = { secretId: env[SECRET_ID_ENV], secretKey: env[SECRET_KEY_ENV] };
  if (fromEnv.secretId || fromEnv.secretKey) {
    const parsed = keyPairSchema.safeParse(fromEnv);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const name = issue.path[0] === 'secretId' ? SECRET_ID_ENV : SECRET_KEY_ENV;
      throw new DeployError(
        `${name}: ${issue.code === 'invalid_type' ? 'is not set (set both or neither)' : issue.message}`,
      );
    }
    return { ...parsed.data, source: `${SECRET_ID_ENV}/${SECRET_KEY_ENV}` };
  }
  const file = config.tencentCloudKeyPath;
  if (!file) {
    throw new DeployError(
      `no Tencent Cloud API key: set tencentCloudKeyPath in the configuration (a JSON file { "secretId", "secretKey" }) or ${SECRET_ID_ENV} and ${SECRET_KEY_ENV} (docs/deploy.md, step 3)`,
    );
  }
  let raw: unknown;
  try {
    raw = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch (error) {
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : 'not valid JSON';
    throw new DeployError(`tencentCloudKeyPath: ${reason}: ${file}`);
  }
  const parsed = keyPairSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field = issue.path.join('.') || 'file';
    const message = issue.code === 'invalid_type' ? 'is missing' : issue.message;
    throw new DeployError(`tencentCloudKeyPath: ${field} ${message} (${file})`);
  }
  return { ...parsed.data, source: file };
}

/** The proxy the management calls go through: HTTPS_PROXY as miniprogram-ci and curl read it. */
export function proxyFromEnv(
  env: Readonly<Record<string, string | undefined>> = process.env,
): string | undefined {
  return env.HTTPS_PROXY || env.https_proxy || undefined;
}

/** A client for one environment. manager-node loads a second or two: only commands that reach it pay. */
export async function connectCloudBase(
  config: ShopConfig,
  keys: ApiKeyPair,
  verbose = false,
): Promise<CloudBase> {
  holdLibraryConsole(verbose);
  const { default: Manager } = (await import('@cloudbase/manager-node')) as unknown as {
    default: typeof CloudBaseManager;
  };
  const proxy = proxyFromEnv();
  return new Manager({
    secretId: keys.secretId,
    secretKey: keys.secretKey,
    envId: config.envId,
    region: config.region,
    ...(proxy ? { proxy } : {}),
  });
}

const NETWORK =
  /\b(ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ECONNRESET|ETIMEDOUT|EHOSTUNREACH|ENETUNREACH|EPIPE)\b|socket hang up|network timeout/i;

/** Tencent Cloud error codes a user can act on, with what to do. */
const ADVICE: Record<string, string> = {
  'AuthFailure.SecretIdNotFound':
    'the SecretId does not exist: create an API key in CAM (docs/deploy.md, step 3)',
  'AuthFailure.SignatureFailure': 'the SecretKey does not match the SecretId',
  'AuthFailure.SignatureExpire': "this machine's clock is off by more than 5 minutes",
  'AuthFailure.UnauthorizedOperation':
    'the API key may not manage CloudBase: grant its CAM user QcloudTCBFullAccess (docs/deploy.md, step 3)',
  UnauthorizedOperation:
    'the API key may not manage CloudBase: grant its CAM user QcloudTCBFullAccess (docs/deploy.md, step 3)',
  'ResourceNotFound.Env': 'no such cloud environment for this account: check envId',
};

/** One line for a failed management call. */
export function describeCloudBaseError(step: string, error: unknown, envId: string): string {
  const record = (typeof error === 'object' && error !== null ? error : {}) as Record<string, unknown>;
  const message = error instanceof Error ? error.message : String(error);
  const code = typeof record.code === 'string' ? record.code : undefined;
  const network = NETWORK.exec(message);
  if (network) {
    return `${step}: cannot reach Tencent Cloud's API (${network[0]}): check the network, or the proxy in HTTPS_PROXY`;
  }
  if (/Environment .* not found/i.test(message)) {
    return `${step}: cloud environment "${envId}" not found for this API key's account: check envId, and that the key belongs to the account that owns the environment`;
  }
  const advice = code ? ADVICE[code] : undefined;
  const firstLine = message.split('\n').find((line) => line.trim() !== '') ?? message;
  return `${step} failed${code ? ` (${code})` : ''}: ${advice ?? firstLine.trim()}`;
}

/** Runs one management step; its failure becomes a one-line DeployError. */
export async function managementStep<T>(step: string, envId: string, call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    if (error instanceof DeployError) throw error;
    throw new DeployError(describeCloudBaseError(step, error, envId));
  }
}
