/**
 * Order changes that land on a past day (a refund settled days ago and applied now, a payment stamped with its
 * own time) mark that day for the worker to recompute; the worker clears a mark only if nobody marked the day
 * again while it computed. Kept apart from the dashboard service so the shop function bundles only this.
 */
import type { EpochMs } from '../../../types/entities';
import { pastDaysOf } from '../domain/shop-day';
import { markDayForRecount } from '../repositories/dashboard-repository';

/** Call after the order write: a recompute that starts after the mark reads the change. */
export async function recountPastDays(
  moments: ReadonlyArray<EpochMs | undefined>,
  now: EpochMs,
): Promise<void> {
  await Promise.all(pastDaysOf(moments, now).map((day) => markDayForRecount(day, now)));
}
