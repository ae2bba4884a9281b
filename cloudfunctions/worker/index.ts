/**
 * The `worker` function, triggered every minute: repairs interrupted order creations, closes expired unpaid
 * orders, moves delivered orders on and refreshes 猜你喜欢. Each job runs on its own, so one failing job does
 * not stop the rest.
 */
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
import { refreshRecommendations } from '../common/services/recommendation-refresh';
import { remindClosingOrders } from '../common/services/message-service';
import { sendRestockNotices } from '../common/services/restock-service';
import { refreshDashboard } from '../common/services/dashboard-service';

type Job = (now: number) => Promise<unknown>;

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
  // Last: it only reads orders, and recomputes at most every 10 minutes.
  refreshRecommendations,
  // Figures of today and yesterday, recomputed each run (idempotent), and the dashboard's first screen.
  refreshDashboard,
};

export interface WorkerReport {
  ok: boolean;
  ranAt: number;
  jobs: Record<string, { ok: true; result: unknown } | { ok: false; error: string }>;
}

export async function main(): Promise<WorkerReport | { ok: false; code: 'FORBIDDEN'; message: string }> {
  // The timer runs with no user; a buyer's mini program must not be able to drive the worker.
  const { openid } = currentCaller();
  if (openid && !readShopSettings().adminOpenids.includes(openid)) {
    return { ok: false, code: 'FORBIDDEN', message: 'the worker runs on its timer' };
  }
  const ranAt = now();
  const jobs: WorkerReport['jobs'] = {};
  for (const [name, job] of Object.entries(JOBS)) {
    try {
      jobs[name] = { ok: true, result: await job(ranAt) };
    } catch (error) {
      console.error(`[worker] ${name} failed`, error);
      jobs[name] = { ok: false, error: error instanceof Error ? error.message : String(error) };
    }
  }
  const report = { ok: Object.values(jobs).every((job) => job.ok), ranAt, jobs };
  console.log('[worker]', JSON.stringify(report));
  return report;
}
