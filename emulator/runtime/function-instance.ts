/**
 * One instance of a function: a forked Node.js process that loads the function once and then serves one
 * invocation at a time. It answers every invocation exactly once, whether the function returns, throws,
 * runs past its time limit (the process is killed) or the process dies.
 */
import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import readline from 'node:readline';
import type { FunctionSpec } from './function-catalog';
import type { InvokeMessage, SerializedError, WorkerToRuntimeMessage } from './worker-protocol';

export type InstanceOutcome =
  | { kind: 'ok'; result: unknown }
  | { kind: 'error'; error: SerializedError }
  | { kind: 'timeout' }
  | { kind: 'crash'; detail: string };

const STDERR_TAIL_LINES = 20;
/**
 * How long a stopped instance has to exit on its own before it is killed. Writing V8 coverage on exit
 * (NODE_V8_COVERAGE, megabytes per instance) can take longer than that on a busy machine, and an instance
 * killed while writing leaves a file cut short: such instances get longer.
 */
const STOP_GRACE_MS = 5000;
const STOP_GRACE_WRITING_COVERAGE_MS = 30_000;

export type InstanceState = 'starting' | 'idle' | 'busy' | 'dead';

export interface InstanceOptions {
  id: string;
  spec: FunctionSpec;
  workerFile: string;
  env: Record<string, string>;
  /** How long loading the function may take before the instance is given up. */
  startTimeoutMs: number;
  onOutput: (line: string, stream: 'stdout' | 'stderr') => void;
  onExit: (instance: FunctionInstance) => void;
}

interface PendingInvocation {
  invocationId: string;
  resolve: (outcome: InstanceOutcome) => void;
  timer: NodeJS.Timeout;
}

export class FunctionInstance {
  readonly id: string;
  readonly version: string;
  state: InstanceState = 'starting';
  /** Time from starting the process to the function being loaded: the cost of a cold start. */
  startMs = 0;
  lastUsedAt = Date.now();
  invocations = 0;
  readonly ready: Promise<void>;
  /** The instance's process id (undefined if it could not be started). */
  readonly pid: number | undefined;
  /** Resolves once the process has exited (and been reaped), however it ended: a signal tests wait on. */
  readonly gone: Promise<void>;
  private readonly child: ChildProcess;
  private pending: PendingInvocation | undefined;
  private stderrTail: string[] = [];
  private exitDetail = '';
  private exited = false;

  constructor(private readonly options: InstanceOptions) {
    this.id = options.id;
    this.version = options.spec.version;
    this.child = fork(options.workerFile, [], {
      cwd: options.spec.folder,
      env: options.env,
      // No inherited --require/--import flags: an instance is a plain node process, as in the cloud.
      execArgv: [],
      stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      serialization: 'json',
    });
    for (const stream of ['stdout', 'stderr'] as const) {
      const source = this.child[stream];
      if (!source) continue;
      readline.createInterface({ input: source }).on('line', (line) => {
        if (stream === 'stderr') this.stderrTail = [...this.stderrTail.slice(-(STDERR_TAIL_LINES - 1)), line];
        options.onOutput(line, stream);
      });
    }
    this.pid = this.child.pid;
    this.gone = new Promise((resolve) => {
      this.child.once('exit', () => resolve());
      // A process that never started has no exit to wait for.
      this.child.once('error', () => {
        if (this.child.pid === undefined) resolve();
      });
    });
    this.child.on('message', (message: WorkerToRuntimeMessage) => this.onMessage(message));
    // 'close' rather than 'exit': by then the last lines of stderr (the crash's stack) have been read. A
    // grandchild holding the pipes open would delay 'close' indefinitely, hence the fallback after 'exit'.
    this.child.on('close', (code, signal) => this.onChildExit(code, signal));
    this.child.on('exit', (code, signal) => setTimeout(() => this.onChildExit(code, signal), 500).unref());
    this.child.on('error', (error) => {
      this.exitDetail = error.message;
    });
    this.ready = this.waitUntilReady();
    // Keep a failed start from surfacing as an unhandled rejection; the pool awaits and reports it.
    this.ready.catch(() => undefined);
  }

  get alive(): boolean {
    return this.state !== 'dead';
  }

  invoke(message: InvokeMessage, timeoutMs: number): Promise<InstanceOutcome> {
    if (this.state !== 'idle')
      return Promise.resolve({ kind: 'crash', detail: `instance ${this.id} is ${this.state}` });
    this.state = 'busy';
    this.invocations += 1;
    this.stderrTail = [];
    return new Promise<InstanceOutcome>((resolve) => {
      const timer = setTimeout(() => {
        // The cloud stops a timed-out instance; its state (open handles, half-done work) is not reused.
        this.finish({ kind: 'timeout' });
        this.kill();
      }, timeoutMs);
      this.pending = { invocationId: message.invocationId, resolve, timer };
      this.child.send(message, (error) => {
        if (error) this.finish({ kind: 'crash', detail: `could not reach the instance: ${error.message}` });
      });
    });
  }

  /** The error line of what the process last wrote to stderr, to explain a crash. */
  crashHint(): string | undefined {
    return [...this.stderrTail].reverse().find((line) => /^\w*Error\b|^\s*\w+Error:/.test(line));
  }

  kill(): void {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill('SIGKILL');
    this.state = 'dead';
  }

  /**
   * Ends an instance that is no longer needed (idle too long, an older build, the cloud closing): it is
   * disconnected and exits on its own, so whatever a normal exit writes is written (NODE_V8_COVERAGE); killed
   * if it has not exited after a grace period. Resolves once the process is gone.
   */
  stop(
    graceMs = this.options.env.NODE_V8_COVERAGE ? STOP_GRACE_WRITING_COVERAGE_MS : STOP_GRACE_MS,
  ): Promise<void> {
    this.state = 'dead';
    if (this.child.exitCode !== null || this.child.signalCode !== null) return Promise.resolve();
    return new Promise((resolve) => {
      const timer = setTimeout(() => this.child.kill('SIGKILL'), graceMs);
      this.child.once('exit', () => {
        clearTimeout(timer);
        resolve();
      });
      if (this.child.connected) this.child.disconnect();
      else this.child.kill('SIGKILL');
    });
  }

  private waitUntilReady(): Promise<void> {
    const spawnedAt = performance.now();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        reject(new Error(`${this.options.spec.name} did not load within ${this.options.startTimeoutMs} ms`));
        this.kill();
      }, this.options.startTimeoutMs);
      const onMessage = (message: WorkerToRuntimeMessage): void => {
        if (message.type === 'ready') {
          this.startMs = performance.now() - spawnedAt;
          if (this.state === 'starting') this.state = 'idle';
          done();
          resolve();
        } else if (message.type === 'load-failed') {
          done();
          reject(
            new Error(
              `${this.options.spec.name} failed to load: ${message.error.stack ?? message.error.message}`,
            ),
          );
          this.kill();
        }
      };
      const onExit = (code: number | null, signal: NodeJS.Signals | null): void => {
        done();
        const hint = this.crashHint();
        reject(
          new Error(
            `${this.options.spec.name} exited while loading (${signal ?? `exit code ${code}`})${hint ? `: ${hint}` : ''}`,
          ),
        );
      };
      const done = (): void => {
        clearTimeout(timer);
        this.child.off('message', onMessage);
        this.child.off('close', onExit);
      };
      this.child.on('message', onMessage);
      this.child.on('close', onExit);
    });
  }

  private onMessage(message: WorkerToRuntimeMessage): void {
    if (message.type !== 'result' || this.pending?.invocationId !== message.invocationId) return;
    this.finish(
      message.ok ? { kind: 'ok', result: message.result } : { kind: 'error', error: message.error },
    );
    if (this.state === 'busy') this.state = 'idle';
  }

  private finish(outcome: InstanceOutcome): void {
    const pending = this.pending;
    if (!pending) return;
    this.pending = undefined;
    clearTimeout(pending.timer);
    this.lastUsedAt = Date.now();
    pending.resolve(outcome);
  }

  private onChildExit(code: number | null, signal: NodeJS.Signals | null): void {
    if (this.exited) return;
    this.exited = true;
    this.exitDetail ||= signal ? `killed by ${signal}` : `exit code ${code}`;
    this.state = 'dead';
    const hint = this.crashHint();
    this.finish({
      kind: 'crash',
      detail: `the instance process exited (${this.exitDetail})${hint ? `: ${hint}` : ''}`,
    });
    this.options.onExit(this);
  }
}
