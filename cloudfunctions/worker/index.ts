/**
 * The `worker` function, triggered every minute: repairs interrupted order creations, closes expired unpaid
 * orders, moves delivered orders on and refreshes 猜你喜欢. Each job runs on its own, so one failing job does
 * not stop the rest.
 */
import { performance } from 'node:perf_hooks';
import { currentCaller } from '../common/runtime/caller';
import { now } from '../common/runtime/clock';
import { readShopSettings } from '../common/config/shop-settings';
import {
  advanceDeliveredOrders,
  closeExpiredOrders,
  repairCouponLocks,
  repairStockReservations,
} from '../common/services/order-upkeep';
import { confirmUnpaidWithGateway, drainPaymentInbox } from '../common/services/payment-service';
import { followRefunds } from '../common/services/after-sales-service';
import { followPaymentRefunds } from '../common/services/payment-refund-follow-up';
import { followAfterSaleRefunds } from '../common/services/after-sale-request-service';
import { uploadPendingShipments } from '../common/services/shipping-upload-service';
import {
  REFRESH_BUDGET_MS as RECOMMENDATION_BUDGET_MS,
  refreshRecommendations,
} from '../common/services/recommendation-refresh';
import { remindClosingOrders } from '../common/services/message-service';
import { sendRestockNotices } from '../common/services/restock-service';
import { REINDEX_BUDGET_MS, reindexRenamedCategories } from '../common/services/search-reindex-service';
import {
  EXTRA_DAYS_PER_RUN,
  REFRESH_BUDGET_MS as DASHBOARD_BUDGET_MS,
  refreshDashboard,
} from '../common/services/dashboard-service';

/** What a run may spend on a job with a time budget; the timer's runs use each job's own. */
interface RunOptions {
  budgetMs?: number;
}

type Job = (now: number, options: RunOptions) => Promise<unknown>;

const JOBS: Record<string, Job> = {
  // Payments first: an order paid a moment ago must read PAID before the close job looks at it.
  drainPaymentInbox,
  repairStockReservations,
  repairCouponLocks,
  closeExpiredOrders: (now) => closeExpiredOrders(now, confirmUnpaidWithGateway),
  remindClosingOrders,
  sendRestockNotices,
  advanceDeliveredOrders,
  followRefunds,
  // The refunds of late payments and settled anomalies WeChat Pay was still processing.
  followPaymentRefunds,
  followAfterSaleRefunds,
  uploadPendingShipments,
  // A renamed category's products get search terms with the new name (its own time budget).
  reindexRenamedCategories: (now, { budgetMs }) =>
    reindexRenamedCategories(now, { ms: Math.min(budgetMs ?? REINDEX_BUDGET_MS, REINDEX_BUDGET_MS) }),
  // Figures of today and yesterday, recomputed each run (idempotent), days marked for recount, and the
  // dashboard's first screen: its own time budget, and before the heavier recommendations.
  refreshDashboard: (now, { budgetMs }) =>
    refreshDashboard(now, {
      extraDays: EXTRA_DAYS_PER_RUN,
      ms: Math.min(budgetMs ?? DASHBOARD_BUDGET_MS, DASHBOARD_BUDGET_MS),
    }),
  // Last: it only reads orders, and recomputes at most every 10 minutes, over several runs when there is
  // much to read (its own time budget).
  refreshRecommendations: (now, { budgetMs }) =>
    refreshRecommendations(now, {
      ms: Math.min(budgetMs ?? RECOMMENDATION_BUDGET_MS, RECOMMENDATION_BUDGET_MS),
    }),
};

export interface WorkerReport {
  ok: boolean;
  ranAt: number;
  /** Each job's outcome and how long it took (ms), so a slow job shows which. */
  jobs: Record<string, ({ ok: true; result: unknown } | { ok: false; error: string }) & { ms: number }>;
}

/** `budgetMs` in the event gives the jobs that have a time budget a smaller one for this run. */
function optionsOf(event: unknown): RunOptions {
  const budgetMs = (event as { budgetMs?: unknown } | undefined)?.budgetMs;
  return typeof budgetMs === 'number' && Number.isFinite(budgetMs) && budgetMs >= 0 ? { budgetMs } : {};
}

/** The timer's event runs every job; `{ jobs: [...] }` (from an owner or the console) runs only those named. */
function jobsOf(event: unknown): Array<[string, Job]> {
  const named = (event as { jobs?: unknown } | undefined)?.jobs;
  const all = Object.entries(JOBS);
  if (!Array.isArray(named)) return all;
  return all.filter(([name]) => named.includes(name));
}

export async function main(
  event?: unknown,
): Promise<WorkerReport | { ok: false; code: 'FORBIDDEN'; message: string }> {
  // The timer runs with no user; a buyer's mini program must not be able to drive the worker.
  const { openid } = currentCaller();
  if (openid && !readShopSettings().adminOpenids.includes(openid)) {
    return { ok: false, code: 'FORBIDDEN', message: 'the worker runs on its timer' };
  }
  const ranAt = now();
  const jobs: WorkerReport['jobs'] = {};
  const options = optionsOf(event);
  for (const [name, job] of jobsOf(event)) {
    const started = performance.now();
    const ms = () => Math.round(performance.now() - started);
    try {
      const result = await job(ranAt, options);
      jobs[name] = { ok: true, result, ms: ms() };
    } catch (error) {
      console.error(`[worker] ${name} failed`, error);
      jobs[name] = { ok: false, error: error instanceof Error ? error.message : String(error), ms: ms() };
    }
  }
  const report = { ok: Object.values(jobs).every((job) => job.ok), ranAt, jobs };
  console.log('[worker]', JSON.stringify(report));
  return report;
}
