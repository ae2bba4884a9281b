/**
 * The local cloud's notion of now, shared by its database (db.serverDate()), its pay sandbox, its timer
 * triggers and the functions. Normally the system clock. A test clock runs with the system clock but can be
 * moved forward: `advance(ms)` jumps ahead, fires the timer triggers that became due and waits for them, so a
 * test reaches a deadline without sleeping. The functions see the same time: while a test clock is in use, each
 * invocation carries CLOCK_OFFSET_ENV (the offset from the system clock), which the shop's clock adds. The
 * cloud itself never sets that variable.
 */

/** Milliseconds the functions add to the system clock; set only under a test clock. */
export const CLOCK_OFFSET_ENV = 'LOCAL_CLOUD_CLOCK_OFFSET_MS';

export type ClockKind = 'system' | 'test';

/** What moving time forward set off (the timer firings it caused), for the caller to wait on. */
export type AdvanceListener = (now: number) => Promise<void>;

export interface CloudClock {
  readonly kind: ClockKind;
  now(): number;
  /** How far ahead of the system clock (always 0 for the system clock). */
  offsetMs(): number;
  /** Moves a test clock forward and waits for the timer triggers that became due to finish. */
  advance(ms: number): Promise<void>;
  onAdvance(listener: AdvanceListener): void;
}

export function createCloudClock(kind: ClockKind = 'system'): CloudClock {
  let offset = 0;
  const listeners: AdvanceListener[] = [];
  // Moves are applied one after another, so two concurrent advances cannot interleave their firings.
  let moving: Promise<void> = Promise.resolve();
  return {
    kind,
    now: () => Date.now() + offset,
    offsetMs: () => offset,
    advance(ms) {
      if (kind !== 'test') return Promise.reject(new Error('only a test clock can be moved'));
      if (!Number.isSafeInteger(ms) || ms < 0)
        return Promise.reject(new Error(`advance takes whole milliseconds ≥ 0, not ${ms}`));
      const move = moving.then(async () => {
        offset += ms;
        const at = Date.now() + offset;
        await Promise.all(listeners.map((listener) => listener(at)));
      });
      moving = move.catch(() => undefined);
      return move;
    },
    onAdvance(listener) {
      listeners.push(listener);
    },
  };
}
