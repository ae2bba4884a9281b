/**
 * WeChat's timer-trigger cron: seven fields, `second minute hour day month weekday year`, read in UTC+8.
 * cron-parser handles the first six; the year field is matched here.
 */
import { parseExpression } from 'cron-parser';

const TIME_ZONE = 'Asia/Shanghai';
const UTC8_OFFSET_MS = 8 * 3600_000;
const FIRST_YEAR = 1970;
const LAST_YEAR = 2099;

export interface TimerSchedule {
  /** The first six fields, for cron-parser. */
  sixFields: string;
  years: (year: number) => boolean;
}

export function parseTimerCron(expression: string): TimerSchedule {
  const fields = expression.trim().split(/\s+/);
  if (fields.length !== 7) {
    throw new Error(
      `timer cron "${expression}" must have 7 fields (second minute hour day month weekday year)`,
    );
  }
  const sixFields = fields.slice(0, 6).join(' ');
  // Let cron-parser reject a bad expression now rather than when the timer is due.
  parseExpression(sixFields, { tz: TIME_ZONE });
  return { sixFields, years: parseYearField(fields[6]) };
}

/** The first time strictly after `after` that the schedule fires, or undefined when it never does again. */
export function nextFireTime(schedule: TimerSchedule, after: Date): Date | undefined {
  let from = after;
  for (let attempts = 0; attempts < LAST_YEAR - FIRST_YEAR + 2; attempts += 1) {
    const candidate = parseExpression(schedule.sixFields, { tz: TIME_ZONE, currentDate: from })
      .next()
      .toDate();
    const year = yearInUtc8(candidate);
    if (year > LAST_YEAR) return undefined;
    if (schedule.years(year)) return candidate;
    const nextYear = firstMatchingYear(schedule.years, year + 1);
    if (nextYear === undefined) return undefined;
    // Jump to just before 1 January of that year, UTC+8.
    from = new Date(Date.UTC(nextYear, 0, 1) - UTC8_OFFSET_MS - 1);
  }
  return undefined;
}

function yearInUtc8(date: Date): number {
  return new Date(date.getTime() + UTC8_OFFSET_MS).getUTCFullYear();
}

function firstMatchingYear(years: (year: number) => boolean, from: number): number | undefined {
  for (let year = from; year <= LAST_YEAR; year += 1) if (years(year)) return year;
  return undefined;
}

/** `*`, `2025`, `2025-2027`, `2025,2027`, `* /2`, `2025/2`, `2025-2031/3`, and lists of those. */
export function parseYearField(field: string): (year: number) => boolean {
  const parts = field.split(',').map((part) => parseYearPart(part, field));
  return (year) => parts.some((matches) => matches(year));
}

function parseYearPart(part: string, field: string): (year: number) => boolean {
  const match = /^(\*|\d{4}(?:-\d{4})?)(?:\/(\d+))?$/.exec(part);
  if (!match) throw new Error(`invalid year field "${field}"`);
  const [, range, stepText] = match;
  const [low, high] =
    range === '*'
      ? [FIRST_YEAR, LAST_YEAR]
      : range.includes('-')
        ? range.split('-').map(Number)
        : [Number(range), stepText ? LAST_YEAR : Number(range)];
  const step = stepText ? Number(stepText) : 1;
  if (low < FIRST_YEAR || high > LAST_YEAR || low > high || step < 1)
    throw new Error(`invalid year field "${field}"`);
  return (year) => year >= low && year <= high && (year - low) % step === 0;
}
