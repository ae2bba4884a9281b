/**
 * The shop's calendar: days in China Standard Time (UTC+8, no daylight saving), as 'YYYY-MM-DD'. Dashboard
 * figures are kept per such day, whatever the server's time zone.
 */
import type { EpochMs } from '../../../types/entities';
import type { ShopDay } from '../../../types/merchant-dashboard';

const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
export const DAY_MS = 24 * 60 * 60 * 1000;

export function shopDayOf(at: EpochMs): ShopDay {
  return new Date(at + CHINA_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant the day begins (00:00 in China). */
export function dayStart(day: ShopDay): EpochMs {
  return Date.parse(`${day}T00:00:00.000Z`) - CHINA_OFFSET_MS;
}

/** The `count` days ending with `lastDay`, oldest first. */
export function daysEndingWith(lastDay: ShopDay, count: number): ShopDay[] {
  const last = dayStart(lastDay);
  return Array.from({ length: count }, (_, i) => shopDayOf(last - (count - 1 - i) * DAY_MS));
}

/** Whether `text` is a real calendar day written 'YYYY-MM-DD' ('2026-02-30' is not). */
export function isShopDay(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const start = Date.parse(`${text}T00:00:00.000Z`);
  return Number.isFinite(start) && new Date(start).toISOString().slice(0, 10) === text;
}

/**
 * The days before today (in China) that these moments fall on, each once: the past days an order change
 * touched (a refund WeChat Pay settled days ago, a payment stamped with its own time), whose figures the
 * worker must recompute. Today is left out: the worker recomputes it on every run anyway.
 */
export function pastDaysOf(moments: ReadonlyArray<EpochMs | undefined>, now: EpochMs): ShopDay[] {
  const today = shopDayOf(now);
  const days = moments.flatMap((at) => (at === undefined ? [] : [shopDayOf(at)]));
  return [...new Set(days.filter((day) => day < today))];
}
