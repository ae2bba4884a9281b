/** Timer triggers: WeChat's 7-field cron in UTC+8, and a per-second trigger firing with the cloud's event. */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { nextFireTime, parseTimerCron, parseYearField } from '../runtime/timer-schedule';
import { copyFixtures, startTestCloud, waitFor } from './runtime-fixture-cloud';

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

describe('timer triggers', () => {
  it('fire each second with the cloud’s timer event and SOURCE wx_trigger', async () => {
    const functionsDir = copyFixtures(['ticker']);
    const ticks = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-ticks-')), 'ticks.jsonl');
    const test = await startTestCloud({ functionsDir, timers: true, functionEnv: { TICKS_FILE: ticks } });
    try {
      expect(test.cloud.timers()).toEqual(['ticker/everySecond * * * * * * *']);
      const lines = (): string[] =>
        fs.existsSync(ticks) ? fs.readFileSync(ticks, 'utf8').trim().split('\n') : [];
      await waitFor(() => lines().length >= 3, 8000, 'three timer firings');
      const fired = lines().map(
        (line) =>
          JSON.parse(line) as {
            event: Record<string, string>;
            wxContext: Record<string, string>;
            trigger: string;
          },
      );
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
      // A cold start may let a later firing finish first; the firings themselves are one second apart.
      const seconds = fired.map(({ event }) => Date.parse(event.Time) / 1000).sort((a, b) => a - b);
      expect(seconds[1] - seconds[0]).toBe(1);
      expect(seconds[2] - seconds[1]).toBe(1);
      expect(test.cloud.stats.snapshot().functions.ticker.invocations).toBeGreaterThanOrEqual(3);
    } finally {
      await test.stop();
      fs.rmSync(functionsDir, { recursive: true, force: true });
      fs.rmSync(path.dirname(ticks), { recursive: true, force: true });
    }
  });

  it('do not fire when timers are off', async () => {
    const functionsDir = copyFixtures(['ticker']);
    const ticks = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'runtime-ticks-')), 'ticks.jsonl');
    const test = await startTestCloud({ functionsDir, timers: false, functionEnv: { TICKS_FILE: ticks } });
    try {
      await new Promise((resolve) => setTimeout(resolve, 1500));
      expect(fs.existsSync(ticks)).toBe(false);
      expect(test.cloud.timers()).toEqual([]);
    } finally {
      await test.stop();
      fs.rmSync(functionsDir, { recursive: true, force: true });
      fs.rmSync(path.dirname(ticks), { recursive: true, force: true });
    }
  });
});
