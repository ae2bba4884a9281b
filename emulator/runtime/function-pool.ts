/**
 * The instances of one function. An invocation takes an idle instance (warm) or starts a new one (cold) while
 * the pool is below its limit, else waits for one to be released. Instances of an older build are retired,
 * and idle ones are reaped after a while, as the cloud does.
 */
import type { FunctionSpec } from './function-catalog';
import { FunctionInstance } from './function-instance';

export interface PoolOptions {
  maxInstances: number;
  idleTimeoutMs: number;
  startTimeoutMs: number;
  /** The worker to fork; asked at each start, so a cleaned temporary folder is rebuilt. */
  workerFile: () => string;
  envFor: (spec: FunctionSpec) => Record<string, string>;
  onOutput: (instanceId: string, line: string, stream: 'stdout' | 'stderr') => void;
  /** Told of every instance process started, before it loads the function. */
  onInstanceStarted?: (instance: FunctionInstance) => void;
}

export interface Lease {
  instance: FunctionInstance;
  cold: boolean;
}

/** Given to a waiting invocation: an instance handed over, or null when a slot came free. */
type Waiter = (grant: FunctionInstance | null) => void;

export class FunctionPool {
  private readonly instances = new Set<FunctionInstance>();
  /** Most recently used last, so the warmest instance is reused and the coldest ones age out. */
  private idle: FunctionInstance[] = [];
  private waiters: Waiter[] = [];
  private started = 0;
  private latestVersion = '';
  private closed = false;
  /** Instances retired and not yet exited. */
  private readonly stopping = new Set<Promise<void>>();

  constructor(
    readonly functionName: string,
    private readonly options: PoolOptions,
  ) {}

  async acquire(spec: FunctionSpec): Promise<Lease> {
    for (;;) {
      if (this.closed) throw new Error('the local cloud is stopping');
      this.noteVersion(spec.version);
      const warm = this.idle.pop();
      if (warm) {
        if (warm.alive) return { instance: warm, cold: false };
        this.remove(warm);
        continue;
      }
      if (this.instances.size < this.options.maxInstances) return this.startInstance(spec);
      const grant = await new Promise<FunctionInstance | null>((resolve) => this.waiters.push(resolve));
      if (grant?.alive && grant.version === this.latestVersion) return { instance: grant, cold: false };
      if (grant) this.retire(grant);
    }
  }

  release(instance: FunctionInstance): void {
    if (!instance.alive || instance.version !== this.latestVersion || this.closed) {
      this.retire(instance);
      return;
    }
    const waiter = this.waiters.shift();
    if (waiter) waiter(instance);
    else this.idle.push(instance);
  }

  /** Stops instances idle for longer than the idle timeout. */
  reapIdle(now = Date.now()): void {
    for (const instance of [...this.idle]) {
      if (now - instance.lastUsedAt >= this.options.idleTimeoutMs) this.retire(instance);
    }
  }

  describe(): { instances: number; busy: number; idle: number; waiting: number } {
    const busy = [...this.instances].filter((instance) => instance.state === 'busy').length;
    return { instances: this.instances.size, busy, idle: this.idle.length, waiting: this.waiters.length };
  }

  /** Retires every instance; resolves once their processes have exited. */
  async close(): Promise<void> {
    this.closed = true;
    for (const instance of [...this.instances]) this.retire(instance);
    for (const waiter of this.waiters.splice(0)) waiter(null);
    await Promise.all([...this.stopping]);
  }

  private async startInstance(spec: FunctionSpec): Promise<Lease> {
    this.started += 1;
    const id = `${spec.name}#${this.started}`;
    const instance = new FunctionInstance({
      id,
      spec,
      workerFile: this.options.workerFile(),
      env: this.options.envFor(spec),
      startTimeoutMs: this.options.startTimeoutMs,
      onOutput: (line, stream) => this.options.onOutput(id, line, stream),
      onExit: (exited) => this.remove(exited),
    });
    this.instances.add(instance);
    this.options.onInstanceStarted?.(instance);
    try {
      await instance.ready;
    } catch (error) {
      instance.kill();
      this.remove(instance);
      throw error;
    }
    return { instance, cold: true };
  }

  /** A new build retires the idle instances of the old one; busy ones are retired when released. */
  private noteVersion(version: string): void {
    if (version === this.latestVersion) return;
    this.latestVersion = version;
    for (const instance of [...this.idle]) if (instance.version !== version) this.retire(instance);
  }

  private retire(instance: FunctionInstance): void {
    const stopped = instance.stop();
    this.stopping.add(stopped);
    void stopped.then(() => this.stopping.delete(stopped));
    this.remove(instance);
  }

  private remove(instance: FunctionInstance): void {
    this.idle = this.idle.filter((candidate) => candidate !== instance);
    if (!this.instances.delete(instance)) return;
    // A slot came free: a waiting invocation may start a new instance.
    this.waiters.shift()?.(null);
  }
}
