/**
 * What a function sees of the cloud: the environment of its instance, the variables of each invocation
 * (read by wx-server-sdk's getWXContext and by @cloudbase/node-sdk), and the `context` argument of main.
 * Names and values follow what the cloud's Node.js runtime sets.
 */
import { CLOCK_OFFSET_ENV } from './cloud-clock';
import type { FunctionSpec } from './function-catalog';
import { FUNCTION_ENTRY_ENV, type InvocationContextFields } from './worker-protocol';

/** Who or what started an invocation. */
export interface InvocationCaller {
  openid?: string;
  appid?: string;
  unionid?: string;
  clientIp?: string;
  clientIpv6?: string;
  /** getWXContext().SOURCE: wx_client, wx_client,scf, wx_trigger, ... */
  source?: string;
  /** 'timer' makes @cloudbase/node-sdk pick the trigger's token, as in the cloud. */
  triggerSource?: 'timer';
}

export interface CloudIdentity {
  /** getWXContext().ENV and the SDK's DYNAMIC_CURRENT_ENV. */
  envId: string;
  region: string;
  /**
   * The SDK's endpoint (TCB_CONTEXT_CNFG.URL): with an invocation id, a URL that tells the local cloud which
   * invocation a request belongs to; without, the plain endpoint.
   */
  adminUrl: (invocationId?: string) => string;
  /** Variables given to every function (what the cloud console's function configuration would hold). */
  functionEnv: Record<string, string>;
  /** Under a test clock, how far it is ahead of the system clock; undefined under the system clock. */
  clockOffsetMs?: () => number | undefined;
}

const MEMORY_LIMIT_MB = 256;
const TENCENTCLOUD_APPID = '1250000000';
const TENCENTCLOUD_UIN = '100000000001';

/** The keys getWXContext() may report; the ones without a value are left out of the environment. */
const WX_CONTEXT_KEYS = ['WX_OPENID', 'WX_APPID', 'WX_UNIONID', 'WX_CLIENTIP', 'WX_CLIENTIPV6'];

/** Environment of a new instance (fixed for its life). */
/**
 * LOCAL_CLOUD_COVERAGE_DIR (set by the project's coverage run) becomes the instances' NODE_V8_COVERAGE: each
 * instance writes the V8 coverage of the function it ran there when it exits. Only the instances get it, not
 * the process that hosts the local cloud.
 */
export const COVERAGE_DIR_ENV = 'LOCAL_CLOUD_COVERAGE_DIR';

function coverageEnv(): Record<string, string> {
  const dir = process.env[COVERAGE_DIR_ENV];
  return dir ? { NODE_V8_COVERAGE: dir } : {};
}

export function instanceEnv(cloud: CloudIdentity, spec: FunctionSpec): Record<string, string> {
  const inherited: Record<string, string> = {};
  for (const key of ['PATH', 'HOME', 'LANG', 'SYSTEMROOT']) {
    const value = process.env[key];
    if (value !== undefined) inherited[key] = value;
  }
  return {
    ...inherited,
    // Cloud functions run in UTC; local time zones must not make code pass here and fail there.
    TZ: 'UTC',
    // 'SCF' makes @cloudbase/node-sdk behave as in the cloud (no metadata-server probe, X-TCB-Source '…,scf').
    TENCENTCLOUD_RUNENV: 'SCF',
    TENCENTCLOUD_REGION: cloud.region,
    TENCENTCLOUD_APPID,
    TENCENTCLOUD_UIN,
    TENCENTCLOUD_SECRETID: 'AKIDlocalcloud',
    TENCENTCLOUD_SECRETKEY: 'localcloud',
    TENCENTCLOUD_SESSIONTOKEN: 'localcloud',
    SCF_NAMESPACE: cloud.envId,
    TCB_ENV: cloud.envId,
    SCF_FUNCTIONNAME: spec.name,
    SCF_FUNCTIONVERSION: '$LATEST',
    SCF_MEMORY_SIZE: String(MEMORY_LIMIT_MB),
    SCF_RUNTIME: 'Nodejs16.13',
    // Requests made outside any invocation (module scope, stray timers) still reach the local cloud.
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: cloud.adminUrl() }),
    ...cloud.functionEnv,
    ...coverageEnv(),
    [FUNCTION_ENTRY_ENV]: spec.entryFile,
  };
}

/** Variables that hold while one invocation runs. */
export function invocationEnv(
  cloud: CloudIdentity,
  caller: InvocationCaller,
  invocationId: string,
): Record<string, string> {
  const values: Record<string, string | undefined> = {
    WX_OPENID: caller.openid,
    WX_APPID: caller.appid,
    WX_UNIONID: caller.unionid,
    WX_CLIENTIP: caller.clientIp,
    WX_CLIENTIPV6: caller.clientIpv6,
  };
  const env: Record<string, string> = {
    // Always set, even for timers: getWXContext() reports ENV and SOURCE only when it is.
    WX_CONTEXT_KEYS: WX_CONTEXT_KEYS.filter((key) => values[key] !== undefined).join(',') || 'WX_OPENID',
    TCB_CONTEXT_CNFG: JSON.stringify({ URL: cloud.adminUrl(invocationId) }),
    TCB_SEQID: invocationId,
  };
  // Per invocation, not per instance: the test may move the clock between two calls to a warm instance.
  const offset = cloud.clockOffsetMs?.();
  if (offset !== undefined) env[CLOCK_OFFSET_ENV] = String(offset);
  for (const [key, value] of Object.entries(values)) if (value !== undefined) env[key] = value;
  if (caller.source !== undefined) env.TCB_SOURCE = caller.source;
  if (caller.triggerSource) env.TRIGGER_SRC = caller.triggerSource;
  return env;
}

export function invocationContext(
  cloud: CloudIdentity,
  spec: FunctionSpec,
  requestId: string,
  env: Record<string, string>,
): InvocationContextFields {
  const environment = {
    SCF_NAMESPACE: cloud.envId,
    TCB_ENV: cloud.envId,
    TENCENTCLOUD_REGION: cloud.region,
    ...env,
  };
  return {
    request_id: requestId,
    function_name: spec.name,
    function_version: '$LATEST',
    namespace: cloud.envId,
    memory_limit_in_mb: MEMORY_LIMIT_MB,
    time_limit_in_ms: spec.timeoutMs,
    tencentcloud_region: cloud.region,
    tencentcloud_appid: TENCENTCLOUD_APPID,
    tencentcloud_uin: TENCENTCLOUD_UIN,
    environment: JSON.stringify(environment),
    environ: Object.entries(environment)
      .map(([key, value]) => `${key}=${value}`)
      .join(';'),
  };
}
