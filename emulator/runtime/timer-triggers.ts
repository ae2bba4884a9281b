/**
 * Timer triggers: each function's config.json timers fire on their 7-field cron (UTC+8) with the event the
 * cloud sends. The functions folder is scanned again from time to time, so a rebuilt config.json takes
 * effect without restarting the local cloud. Under a test clock nothing fires by itself: a timer fires when the
 * test moves the clock past its next firing (once, however far the clock moved, as missed firings are skipped).
 */
import type { CloudClock } from './cloud-clock';
import type { FunctionCatalog } from './function-catalog';
import type { FunctionRuntime } from './function-runtime';
import { nextFireTime, parseTimerCron, type TimerSchedule } from './timer-schedule';

/** The event a timer trigger passes to main, as the cloud sends it. */
export interface TimerEvent {
  Type: 'Timer';
  TriggerName: string;
  /** When the trigger fired, ISO 8601 in UTC without milliseconds. */
  Time: string;
  Message: string;
}

export const TIMER_SOURCE = 'wx_trigger';

interface ScheduledTimer {
  functionName: string;
  triggerName: string;
  schedule: TimerSchedule;
  /** The next firing. */
  due?: Date;
  handle?: NodeJS.Timeout;
}

/** setTimeout cannot wait longer than this; longer waits are taken in steps. */
const MAX_DELAY_MS = 2 ** 31 - 1;

export class TimerTriggers {
  private readonly timers = new Map<string, ScheduledTimer>();
  private readonly reportedProblems = new Set<string>();
  private scanner: NodeJS.Timeout | undefined;
  private stopped = false;

  constructor(
    private readonly catalog: FunctionCatalog,
    private readonly runtime: FunctionRuntime,
    private readonly log: ((line: string) => void) | undefined,
    private readonly clock: CloudClock,
  ) {
    clock.onAdvance((now) => this.fireDue(now));
  }

  start(scanIntervalMs = 2000): void {
    this.scan();
    this.scanner = setInterval(() => this.scan(), scanIntervalMs);
    this.scanner.unref();
  }

  stop(): void {
    this.stopped = true;
    if (this.scanner) clearInterval(this.scanner);
    for (const timer of this.timers.values()) if (timer.handle) clearTimeout(timer.handle);
    this.timers.clear();
  }

  /** The timers in force, for logs and tests: "function/trigger" → cron. */
  describe(): string[] {
    return [...this.timers.keys()].sort();
  }

  scan(): void {
    const seen = new Set<string>();
    for (const name of this.catalog.names()) {
      let timers;
      try {
        timers = this.catalog.find(name)?.timers ?? [];
      } catch (error) {
        this.reportOnce(`${name}: ${messageOf(error)}`);
        continue;
      }
      for (const trigger of timers) {
        const key = `${name}/${trigger.name} ${trigger.cron}`;
        seen.add(key);
        if (this.timers.has(key)) continue;
        let schedule: TimerSchedule;
        try {
          schedule = parseTimerCron(trigger.cron);
        } catch (error) {
          this.reportOnce(`${name}/${trigger.name}: ${messageOf(error)}`);
          continue;
        }
        const timer: ScheduledTimer = { functionName: name, triggerName: trigger.name, schedule };
        this.timers.set(key, timer);
        this.arm(timer, new Date(this.clock.now()));
      }
    }
    for (const [key, timer] of this.timers) {
      if (seen.has(key)) continue;
      if (timer.handle) clearTimeout(timer.handle);
      this.timers.delete(key);
    }
  }

  private arm(timer: ScheduledTimer, after: Date): void {
    const due = nextFireTime(timer.schedule, after);
    timer.due = due;
    if (!due || this.stopped || this.clock.kind === 'test') return;
    const wait = due.getTime() - this.clock.now();
    if (wait > MAX_DELAY_MS) {
      timer.handle = setTimeout(() => this.arm(timer, after), MAX_DELAY_MS);
    } else {
      timer.handle = setTimeout(() => this.fire(timer, due), Math.max(0, wait));
    }
    timer.handle.unref();
  }

  /** After the test clock moved to `now`: fires each timer whose next firing has come, and waits for them. */
  private async fireDue(now: number): Promise<void> {
    const firings: Promise<unknown>[] = [];
    for (const timer of this.timers.values()) {
      if (timer.due && timer.due.getTime() <= now) firings.push(this.fire(timer, timer.due));
    }
    await Promise.all(firings);
  }

  private fire(timer: ScheduledTimer, due: Date): Promise<unknown> {
    if (this.stopped || ![...this.timers.values()].includes(timer)) return Promise.resolve();
    const event: TimerEvent = {
      Type: 'Timer',
      TriggerName: timer.triggerName,
      Time: due.toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Message: '',
    };
    // The next firing is armed at once: like the cloud, a slow run does not delay it (it runs on another
    // instance). Only a test moving the clock waits for the run.
    const invocation = this.runtime.invoke({
      functionName: timer.functionName,
      event,
      caller: { source: TIMER_SOURCE, triggerSource: 'timer' },
      trigger: 'timer',
    });
    // Firings missed while the machine slept are skipped, not replayed in a burst.
    this.arm(timer, new Date(Math.max(due.getTime(), this.clock.now() - 1)));
    return invocation;
  }

  private reportOnce(problem: string): void {
    if (this.reportedProblems.has(problem)) return;
    this.reportedProblems.add(problem);
    this.log?.(`[timer] ignored: ${problem}`);
  }
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}
