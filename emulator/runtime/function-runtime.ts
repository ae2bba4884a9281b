/**
 * The function runtime of the local cloud: invokes a function by name on an instance of its pool, with the
 * caller's identity, answers errors as the cloud does (execute failure, time limit, unknown function), and
 * keeps track of running invocations so database requests and nested calls are attributed to them.
 */
import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { CloudStats } from '../stats';
import { FunctionCatalog, type FunctionSpec } from './function-catalog';
import type { InstanceOutcome } from './function-instance';
import { FunctionPool } from './function-pool';
import { formatInvocationLine } from './invocation-log';
import {
  instanceEnv,
  invocationContext,
  invocationEnv,
  type CloudIdentity,
  type InvocationCaller,
} from './invocation-env';
import { workerEntryFile } from './worker-entry';

export interface FunctionRuntimeOptions {
  /** Folder of the built functions; without one, every invocation answers "not found". */
  functionsDir: string | undefined;
  cloud: CloudIdentity;
  stats: CloudStats;
  /** Instances per function at most (the cloud scales further; locally this bounds memory). */
  maxInstancesPerFunction?: number;
  /** An instance idle this long is stopped; the next invocation is a cold start. */
  idleTimeoutMs?: number;
  /** Where invocation lines and function output go; undefined keeps the runtime quiet. */
  log?: (line: string) => void;
}

interface InvocationWaiter {
  functionName: string;
  trigger: InvocationTrigger;
  resolve: (result: InvocationResult) => void;
}

/** How an invocation was started, for the log. */
export type InvocationTrigger = 'bridge' | 'callFunction' | 'timer' | 'http' | 'payCallback' | 'direct';

export interface InvocationRequest {
  functionName: string;
  event: unknown;
  caller: InvocationCaller;
  trigger: InvocationTrigger;
  /** The invocation that asked for this one through cloud.callFunction. */
  parentInvocationId?: string;
  /** When the caller needs the id before the invocation starts (HTTP access puts it in the event). */
  requestId?: string;
}

/** Request ids as the cloud's: 32 hex digits. */
export function newRequestId(): string {
  return randomUUID().replace(/-/g, '');
}

/** Codes as the cloud reports them to cloud.callFunction. */
export interface InvocationError {
  code:
    | 'FUNCTIONS_EXECUTE_FAIL'
    | 'FUNCTIONS_TIME_LIMIT_EXCEEDED'
    | 'ResourceNotFound.Function'
    | 'INVALID_PARAM';
  errCode: number;
  message: string;
}

interface InvocationFacts {
  requestId: string;
  functionName: string;
  durationMs: number;
  cold: boolean;
  initMs: number;
  dbActions: string[];
}

export type InvocationResult = InvocationFacts &
  ({ ok: true; result: unknown } | { ok: false; error: InvocationError });

interface RunningInvocation {
  functionName: string;
  caller: InvocationCaller;
  dbActions: string[];
}

export const ERROR_CODES = {
  executeFail: -504002,
  timeLimit: -504003,
  notFound: -501000,
  invalidParam: -501007,
} as const;

export class FunctionRuntime {
  readonly catalog: FunctionCatalog;
  private readonly pools = new Map<string, FunctionPool>();
  private readonly running = new Map<string, RunningInvocation>();
  private readonly reaper: NodeJS.Timeout;
  /** Instance processes not yet exited, by process id: what instanceExited waits on. */
  private readonly processes = new Map<number, Promise<void>>();
  private invocationWaiters: InvocationWaiter[] = [];

  constructor(private readonly options: FunctionRuntimeOptions) {
    this.catalog = new FunctionCatalog(options.functionsDir);
    const idleTimeoutMs = this.idleTimeoutMs();
    this.reaper = setInterval(
      () => this.pools.forEach((pool) => pool.reapIdle()),
      Math.min(idleTimeoutMs / 2, 10_000),
    );
    this.reaper.unref();
  }

  async invoke(request: InvocationRequest): Promise<InvocationResult> {
    const requestId = request.requestId ?? newRequestId();
    const facts: InvocationFacts = {
      requestId,
      functionName: request.functionName,
      durationMs: 0,
      cold: false,
      initMs: 0,
      dbActions: [],
    };
    let spec: FunctionSpec | undefined;
    try {
      spec = this.catalog.find(request.functionName);
    } catch (error) {
      return this.finish(request, facts, executeFail(`invalid config.json: ${messageOf(error)}`));
    }
    if (!spec) {
      const error: InvocationError = {
        code: 'ResourceNotFound.Function',
        errCode: ERROR_CODES.notFound,
        message: `FunctionName ${request.functionName} not found in ${this.options.functionsDir ?? '(no functions folder)'}`,
      };
      return this.finish(request, facts, error);
    }
    this.running.set(requestId, {
      functionName: spec.name,
      caller: request.caller,
      dbActions: facts.dbActions,
    });
    try {
      const pool = this.poolFor(spec.name);
      let lease;
      try {
        lease = await pool.acquire(spec);
      } catch (error) {
        facts.cold = true;
        return this.finish(request, facts, executeFail(messageOf(error)));
      }
      facts.cold = lease.cold;
      facts.initMs = lease.cold ? lease.instance.startMs : 0;
      const env = invocationEnv(this.options.cloud, request.caller, requestId);
      const startedAt = performance.now();
      const outcome = await lease.instance.invoke(
        {
          type: 'invoke',
          invocationId: requestId,
          event: request.event,
          context: invocationContext(this.options.cloud, spec, requestId, env),
          env,
        },
        spec.timeoutMs,
      );
      facts.durationMs = performance.now() - startedAt;
      pool.release(lease.instance);
      return this.finish(request, facts, outcomeToAnswer(outcome, spec), true);
    } finally {
      this.running.delete(requestId);
    }
  }

  /** The identity of a running invocation, for a function it calls. */
  callerOf(invocationId: string): (InvocationCaller & { functionName: string }) | undefined {
    const running = this.running.get(invocationId);
    return running && { ...running.caller, functionName: running.functionName };
  }

  /** Attributes an /admin request to the invocation that sent it; answers the function's name. */
  noteAdminRequest(invocationId: string, action: string): string | undefined {
    const running = this.running.get(invocationId);
    if (!running) return undefined;
    if (action.startsWith('database.')) running.dbActions.push(action);
    return running.functionName;
  }

  describe(): Record<string, ReturnType<FunctionPool['describe']>> {
    const pools: Record<string, ReturnType<FunctionPool['describe']>> = {};
    for (const [name, pool] of this.pools) pools[name] = pool.describe();
    return pools;
  }

  /**
   * Resolves once the instance process `pid` has exited (at once if no instance of this runtime runs as
   * `pid`): a timed-out instance killed, an idle one reaped, a crashed one gone. Tests wait on it, not on time.
   */
  instanceExited(pid: number): Promise<void> {
    return this.processes.get(pid) ?? Promise.resolve();
  }

  /** Resolves with the next invocation of `functionName` started by `trigger` once it has finished. */
  nextInvocation(functionName: string, trigger: InvocationTrigger): Promise<InvocationResult> {
    return new Promise((resolve) => {
      this.invocationWaiters.push({ functionName, trigger, resolve });
    });
  }

  /** Stops every instance; resolves once their processes have exited. */
  async close(): Promise<void> {
    clearInterval(this.reaper);
    const pools = [...this.pools.values()];
    this.pools.clear();
    await Promise.all(pools.map((pool) => pool.close()));
  }

  private poolFor(name: string): FunctionPool {
    let pool = this.pools.get(name);
    if (!pool) {
      pool = new FunctionPool(name, {
        maxInstances: this.options.maxInstancesPerFunction ?? 8,
        idleTimeoutMs: this.idleTimeoutMs(),
        startTimeoutMs: 30_000,
        workerFile: workerEntryFile,
        envFor: (spec) => instanceEnv(this.options.cloud, spec),
        onOutput: (instanceId, line) => this.options.log?.(`  [${instanceId}] ${line}`),
        onInstanceStarted: (instance) => {
          const { pid } = instance;
          if (pid === undefined) return;
          this.processes.set(pid, instance.gone);
          void instance.gone.then(() => {
            // Process ids are reused: forget this one only if a later instance has not taken it.
            if (this.processes.get(pid) === instance.gone) this.processes.delete(pid);
          });
        },
      });
      this.pools.set(name, pool);
    }
    return pool;
  }

  private idleTimeoutMs(): number {
    return this.options.idleTimeoutMs ?? 5 * 60_000;
  }

  private finish(
    request: InvocationRequest,
    facts: InvocationFacts,
    answer: { ok: true; result: unknown } | InvocationError,
    started = false,
  ): InvocationResult {
    const result: InvocationResult =
      'code' in answer ? { ...facts, ok: false, error: answer } : { ...facts, ...answer };
    this.options.stats.recordInvocation({
      functionName: request.functionName,
      action: actionOf(request.event),
      durationMs: facts.durationMs,
      initMs: facts.initMs,
      cold: facts.cold,
      ok: result.ok,
      timedOut: !result.ok && result.error.code === 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
      dbRequests: facts.dbActions.length,
    });
    const waiting = this.invocationWaiters.filter(
      (waiter) => waiter.functionName === request.functionName && waiter.trigger === request.trigger,
    );
    if (waiting.length > 0) {
      this.invocationWaiters = this.invocationWaiters.filter((waiter) => !waiting.includes(waiter));
      for (const waiter of waiting) waiter.resolve(result);
    }
    if (this.options.log) {
      const parent = request.parentInvocationId
        ? this.running.get(request.parentInvocationId)?.functionName
        : undefined;
      this.options.log(
        formatInvocationLine({
          functionName: request.functionName,
          action: actionOf(request.event),
          trigger: parent ? `${request.trigger} from ${parent}` : request.trigger,
          started,
          durationMs: facts.durationMs,
          cold: facts.cold,
          initMs: facts.initMs,
          dbActions: facts.dbActions,
          error: result.ok ? undefined : `${result.error.code}: ${result.error.message}`,
        }),
      );
    }
    return result;
  }
}

function outcomeToAnswer(
  outcome: InstanceOutcome,
  spec: FunctionSpec,
): { ok: true; result: unknown } | InvocationError {
  switch (outcome.kind) {
    case 'ok':
      return { ok: true, result: outcome.result };
    case 'error':
      return executeFail(`${outcome.error.name}: ${outcome.error.message}`);
    case 'timeout':
      return {
        code: 'FUNCTIONS_TIME_LIMIT_EXCEEDED',
        errCode: ERROR_CODES.timeLimit,
        message: `Invoking task timed out after ${spec.timeoutMs / 1000} seconds`,
      };
    case 'crash':
      return executeFail(outcome.detail);
  }
}

function executeFail(message: string): InvocationError {
  return { code: 'FUNCTIONS_EXECUTE_FAIL', errCode: ERROR_CODES.executeFail, message };
}

function actionOf(event: unknown): string | undefined {
  if (typeof event !== 'object' || event === null) return undefined;
  const action = (event as Record<string, unknown>).action;
  return typeof action === 'string' ? action : undefined;
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
