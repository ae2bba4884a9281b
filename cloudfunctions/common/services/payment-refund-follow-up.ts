/**
 * The worker's follow-up of the refunds the shop sends on its own from the payment inbox: a late payment's
 * (`LR` + transaction id) and an anomaly's the merchant settled by refunding (`AR` + transaction id). While
 * WeChat Pay answers PROCESSING they are asked about again with a growing wait; once settled (SUCCESS,
 * ABNORMAL, CLOSED) the status is recorded on the order's late payment and on the inbox item, and they are
 * no longer asked about.
 */
import type { RefundProgress } from '../payments/gateway';
import { recordLatePaymentRefund } from '../repositories/order-repository';
import {
  findRefundsToFollow,
  postponeFollowedRefund,
  recordFollowedRefund,
  type InboxItem,
} from '../repositories/payment-inbox-repository';
import { paymentGateway } from './payment-gateway-instance';

/** The first question comes a minute after the refund was sent, then after 2, 4 … minutes, at most an hour. */
export function refundFollowDelayMs(checks: number): number {
  return Math.min(60, 2 ** checks) * 60 * 1000;
}

/** When a refund WeChat Pay answered PROCESSING is first asked about again (none for a settled answer). */
export function firstRefundFollowAt(status: string, now: number): { refundFollowAt?: number } {
  return status === 'PROCESSING' ? { refundFollowAt: now + refundFollowDelayMs(0) } : {};
}

export interface PaymentRefundFollowReport {
  settled: { transactionId: string; outRefundNo: string; status: RefundProgress['status'] }[];
  pending: number;
  failed: { transactionId: string; error: string }[];
}

const BATCH = 50;

function refundNumberOf(item: InboxItem): string | undefined {
  return item.state === 'SETTLED' ? item.settlement?.outRefundNo : item.refund?.outRefundNo;
}

/**
 * One worker run: each due refund is asked about once. A question that fails or answers PROCESSING is put
 * back with the next wait, so refunds that stay unsettled never hold up the others; every write is
 * conditional on the item's `refundFollowAt` as read, so two runs at once act once per item.
 */
export async function followPaymentRefunds(now: number): Promise<PaymentRefundFollowReport> {
  const report: PaymentRefundFollowReport = { settled: [], pending: 0, failed: [] };
  for (const item of await findRefundsToFollow(now, BATCH)) {
    const outRefundNo = refundNumberOf(item);
    const checks = (item.refundChecks ?? 0) + 1;
    if (!outRefundNo) {
      // Nothing to ask about: stop following it rather than asking forever.
      await recordFollowedRefund(item, 'UNKNOWN');
      report.failed.push({ transactionId: item._id, error: 'no refund number' });
      continue;
    }
    let progress: RefundProgress;
    try {
      progress = await paymentGateway().queryRefund(outRefundNo);
    } catch (error) {
      console.error(`[payments] refund query of ${outRefundNo} failed`, error);
      await postponeFollowedRefund(item, now + refundFollowDelayMs(checks), checks);
      report.failed.push({
        transactionId: item._id,
        error: error instanceof Error ? error.message : String(error),
      });
      continue;
    }
    if (progress.status === 'PROCESSING') {
      await postponeFollowedRefund(item, now + refundFollowDelayMs(checks), checks);
      report.pending += 1;
      continue;
    }
    // The order first: if the run is cut short here, the item is still followed and the next run redoes both.
    if (item.state === 'REFUNDED') await recordLatePaymentRefund(item.outTradeNo, item._id, progress.status);
    if (await recordFollowedRefund(item, progress.status))
      report.settled.push({ transactionId: item._id, outRefundNo, status: progress.status });
  }
  return report;
}
