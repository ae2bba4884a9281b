/**
 * Messages between the runtime and a function instance (a child process running function-worker.ts).
 * They travel over Node's IPC channel, so every field must survive JSON.
 */

/** The part of the cloud's `context` argument that the runtime decides; the worker adds the functions. */
export interface InvocationContextFields {
  request_id: string;
  function_name: string;
  function_version: string;
  namespace: string;
  memory_limit_in_mb: number;
  time_limit_in_ms: number;
  tencentcloud_region: string;
  tencentcloud_appid: string;
  tencentcloud_uin: string;
  /** JSON of the per-invocation environment, as the cloud's newer runtime passes it. */
  environment: string;
  /** The same environment as `key=value;key=value`, as the older runtime passes it. */
  environ: string;
}

export interface InvokeMessage {
  type: 'invoke';
  invocationId: string;
  event: unknown;
  context: InvocationContextFields;
  /** Environment variables that hold for this invocation only (WX_OPENID, TCB_SOURCE, ...). */
  env: Record<string, string>;
}

export type RuntimeToWorkerMessage = InvokeMessage;

export interface SerializedError {
  name: string;
  message: string;
  stack?: string;
}

export type WorkerToRuntimeMessage =
  | { type: 'ready' }
  | { type: 'load-failed'; error: SerializedError }
  | { type: 'result'; invocationId: string; ok: true; result: unknown }
  | { type: 'result'; invocationId: string; ok: false; error: SerializedError };

/** Environment variable naming the CommonJS file the worker loads (the function's index.js). */
export const FUNCTION_ENTRY_ENV = 'LOCAL_CLOUD_FUNCTION_ENTRY';
