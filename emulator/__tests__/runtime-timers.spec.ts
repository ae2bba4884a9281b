/** Timer triggers: WeChat's 7-field cron in UTC+8, and a per-second trigger firing with the cloud's event. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nextFireTime, parseTimerCron, parseYearField } from '../runtime/timer-schedule';
import { copyFixtures, startTestCloud } from './runtime-fixture-cloud';

const next = (cron: string, after: string): string | undefined =>
  nextFireTime(parseTimerCron(cron), new Date(after))?.toISOString();

describe('timer cron', () => {
  it('wants the seven fields of WeChat’s syntax', () => {
    expect(() => parseTimerCron('0 */1 * * * *')).toThrow(/7 fields/);
    expect(() => parseTimerCron('0 61 * * * * *')).toThrow();
  });

  it('reads times in UTC+8', () => {
    // 10:00 in Beijing is 02:00 UTC.
    expect(next('0 0 10 * * * *', '2025-01-01T00:00:00Z')).toBe('2025-01-01T02:00:00.000Z');
    expect(next('0 0 10 * * * *', '2025-01-01T02:00:00Z')).toBe('2025-01-02T02:00:00.000Z');
    // Mondays 09:30 Beijing; 2025-06-01 is a Sunday.
    expect(next('0 30 9 * * 1 *', '2025-06-01T00:00:00Z')).toBe('2025-06-02T01:30:00.000Z');
  });

  it('fires strictly after the given time, every second for a per-second cron', () => {
    expect(next('* * * * * * *', '2025-01-01T00:00:00Z')).toBe('2025-01-01T00:00:01.000Z');
    expect(next('*/5 * * * * * *', '2025-01-01T00:00:03.500Z')).toBe('2025-01-01T00:00:05.000Z');
  });

  it('honours the year field, and never fires after its last year', () => {
    // New Year 2027 in Beijing is 16:00 UTC on 31 December 2026.
    expect(next('0 0 0 1 1 * 2027', '2025-06-01T00:00:00Z')).toBe('2026-12-31T16:00:00.000Z');
    expect(next('0 0 0 1 1 * 2020', '2025-06-01T00:00:00Z')).toBeUndefined();
    const years = parseYearField('2025-2031/3,2040');
    expect([2025, 2026, 2028, 2031, 2034, 2040].map(years)).toEqual([true, false, true, true, false, true]);
    expect(() => parseYearField('25')).toThrow();
  });
});

interface Tick {
  event: Record<string, string>;
  wxContext: Record<string, string>;
  trigger: string;
  clockOffset?: string;
}

/** A local cloud over the ticker fixture (a per-second timer that appends each firing to a file). */
async function tickerCloud(options: { timers: boolean; clock: 'system' | 'test' }) {
  const functionsDir = copyFixtures(['ticker']);
  const ticks = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-ticks-')), 'ticks.jsonl');
  const test = await startTestCloud({ functionsDir, ...options, functionEnv: { TICKS_FILE: ticks } });
  return {
    test,
    ticks: (): Tick[] =>
      fs.existsSync(ticks)
        ? fs
            .readFileSync(ticks, 'utf8')
            .trim()
            .split('\n')
            .map((line) => JSON.parse(line) as Tick)
        : [],
    async stop() {
      await test.stop();
      fs.rmSync(functionsDir, { recursive: true, force: true });
      fs.rmSync(path.dirname(ticks), { recursive: true, force: true });
    },
  };
}

describe('timer triggers', () => {
  it('fire with the cloud’s timer event and SOURCE wx_trigger, once each time a test clock passes a firing', async () => {
    const ticker = await tickerCloud({ timers: true, clock: 'test' });
    try {
      expect(ticker.test.cloud.timers()).toEqual(['ticker/everySecond * * * * * * *']);
      // Under a test clock nothing fires by itself; advance() returns once the firings it caused have run.
      for (let second = 1; second <= 3; second += 1) {
        await ticker.test.cloud.clock.advance(1000);
        expect(ticker.ticks()).toHaveLength(second);
      }
      const fired = ticker.ticks();
      for (const { event, wxContext, trigger } of fired) {
        expect(event).toEqual({
          Type: 'Timer',
          TriggerName: 'everySecond',
          Time: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ$/),
          Message: '',
        });
        expect(wxContext).toEqual({ ENV: 'local', SOURCE: 'wx_trigger' });
        expect(trigger).toBe('timer');
      }
      // Each firing is a later whole second, none ahead of the cloud's clock, and the function saw the clock moved.
      const times = fired.map(({ event }) => Date.parse(event.Time));
      expect(times[1]).toBeGreaterThan(times[0]);
      expect(times[2]).toBeGreaterThan(times[1]);
      expect(times[2]).toBeLessThanOrEqual(ticker.test.cloud.clock.now());
      expect(fired.map((tick) => tick.clockOffset)).toEqual(['1000', '2000', '3000']);
      expect(ticker.test.cloud.stats.snapshot().functions.ticker.invocations).toBe(3);
    } finally {
      await ticker.stop();
    }
  });

  it('fire once when the clock jumps past many firings: missed firings are skipped, not replayed', async () => {
    const ticker = await tickerCloud({ timers: true, clock: 'test' });
    try {
      const before = ticker.test.cloud.clock.now();
      await ticker.test.cloud.clock.advance(3_600_000);
      // An hour of per-second firings passed: one ran, for the first of them.
      const fired = ticker.ticks();
      expect(fired).toHaveLength(1);
      expect(Date.parse(fired[0].event.Time)).toBeLessThan(before + 2000);
    } finally {
      await ticker.stop();
    }
  });

  it('do not fire when timers are off, however far the clock moves', async () => {
    const ticker = await tickerCloud({ timers: false, clock: 'test' });
    try {
      await ticker.test.cloud.clock.advance(60_000);
      expect(ticker.ticks()).toEqual([]);
      expect(ticker.test.cloud.timers()).toEqual([]);
    } finally {
      await ticker.stop();
    }
  });

  it('fire by themselves under the system clock, which cannot be moved and gives functions no offset', async () => {
    const ticker = await tickerCloud({ timers: true, clock: 'system' });
    try {
      const firing = ticker.test.cloud.runtime.nextInvocation('ticker', 'timer');
      await expect(ticker.test.cloud.clock.advance(1000)).rejects.toThrow(/test clock/);
      // The runtime's own signal: a timer invocation of ticker finished (the first firing may come before
      // the test listens; the next, a second later, is as good).
      expect((await firing).ok).toBe(true);
      expect(ticker.ticks().length).toBeGreaterThanOrEqual(1);
      expect(ticker.ticks()[0].clockOffset).toBeUndefined();
    } finally {
      await ticker.stop();
    }
  });

  it('move over HTTP for a local cloud in another process', async () => {
    const ticker = await tickerCloud({ timers: true, clock: 'test' });
    try {
      const url = ticker.test.cloud.url;
      const before = (await (await fetch(`${url}/_/clock`)).json()) as { kind: string; offsetMs: number };
      expect(before).toMatchObject({ kind: 'test', offsetMs: 0 });
      const moved = await fetch(`${url}/_/clock/advance`, {
        method: 'POST',
        body: JSON.stringify({ ms: 1000 }),
      });
      expect(await moved.json()).toMatchObject({ kind: 'test', offsetMs: 1000 });
      expect(ticker.ticks()).toHaveLength(1);
      const refused = await fetch(`${url}/_/clock/advance`, {
        method: 'POST',
        body: JSON.stringify({ ms: -5 }),
      });
      expect(refused.status).toBe(400);
    } finally {
      await ticker.stop();
    }
  });
});
