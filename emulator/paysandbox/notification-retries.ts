/** WeChat Pay's notification retry schedule, compressed in time for the local cloud, and the timers that run it. */

/**
 * After a failed notification WeChat Pay tries again after 15s, 15s, 30s, 3m, 10m, 20m, 30m, 30m, 30m, 60m,
 * 3h, 3h, 3h, 6h, 6h: sixteen tries over about a day, then it gives up.
 */
export const WECHATPAY_NOTIFY_RETRY_DELAYS_MS: readonly number[] = [
  15, 15, 30, 180, 600, 1200, 1800, 1800, 1800, 3600, 10800, 10800, 10800, 21600, 21600,
].map((seconds) => seconds * 1000);

/** The local default: a hundred times faster, so the whole day of retries plays out in about fifteen minutes. */
export const DEFAULT_RETRY_SCALE = 1 / 100;

/** The wait after try number `failedAttempt` (1-based) failed, or undefined when WeChat Pay would give up. */
export function retryDelayMs(failedAttempt: number, scale: number): number | undefined {
  const delay = WECHATPAY_NOTIFY_RETRY_DELAYS_MS[failedAttempt - 1];
  return delay === undefined ? undefined : Math.round(delay * scale);
}

export interface ScheduledTimer {
  cancel(): void;
}

/** Runs a callback later; injected so tests can see the waits without sleeping through them. */
export type TimerScheduler = (callback: () => void, delayMs: number) => ScheduledTimer;

export const realTimers: TimerScheduler = (callback, delayMs) => {
  const timer = setTimeout(callback, delayMs);
  // A pending retry must not keep a test process or a stopping server alive.
  timer.unref();
  return { cancel: () => clearTimeout(timer) };
};

/** One pending timer per order: scheduling again replaces the wait instead of doubling the deliveries. */
export class RetryTimers {
  private readonly pending = new Map<string, ScheduledTimer>();

  constructor(private readonly timers: TimerScheduler) {}

  schedule(key: string, delayMs: number, run: () => void): void {
    this.pending.get(key)?.cancel();
    this.pending.set(
      key,
      this.timers(
        () => {
          this.pending.delete(key);
          run();
        },
        Math.max(0, delayMs),
      ),
    );
  }

  cancelAll(): void {
    for (const timer of this.pending.values()) timer.cancel();
    this.pending.clear();
  }

  size(): number {
    return this.pending.size;
  }
}
