/**
 * The merchant's side of payment anomalies: genuine payments the shop could not apply to an order, listed
 * from the inbox and settled by refunding them through WeChat Pay or by marking them handled with a note.
 */
import type { PaymentAnomaly } from '../../../types/merchant-payments';
import { GatewayError } from '../payments/gateway';
import {
  findAnomalies,
  findInboxItem,
  settleInboxAnomaly,
  type InboxItem,
} from '../repositories/payment-inbox-repository';
import { fail } from '../runtime/domain-error';
import { paymentGateway } from './payment-gateway-instance';
import { firstRefundFollowAt } from './payment-refund-follow-up';

const LIST_SIZE = 50;

function anomalyView(item: InboxItem): PaymentAnomaly {
  const settlement = item.settlement;
  return {
    transactionId: item._id,
    outTradeNo: item.outTradeNo,
    amount: item.transaction.totalFen,
    code: item.anomaly?.code ?? 'UNKNOWN_ORDER',
    detail: item.anomaly?.detail ?? '',
    receivedAt: item.receivedAt,
    state: settlement ? settlement.how : 'OPEN',
    ...(settlement && {
      settlement: {
        at: settlement.at,
        by: settlement.by,
        note: settlement.note,
        ...(settlement.outRefundNo && { outRefundNo: settlement.outRefundNo }),
        ...(settlement.refundStatus && { refundStatus: settlement.refundStatus }),
      },
    }),
  };
}

export async function listAnomalies(settled: boolean): Promise<{ items: PaymentAnomaly[] }> {
  const items = await findAnomalies(settled ? 'SETTLED' : 'ANOMALY', LIST_SIZE);
  return { items: items.map(anomalyView) };
}

/** The refund number of an anomaly: one per transaction, so settling twice refunds once at WeChat Pay. */
export function anomalyRefundNumber(transactionId: string): string {
  return `AR${transactionId}`.slice(0, 64);
}

/**
 * Settles an anomaly once: of many calls at once (or one after another) exactly one writes the settlement and
 * answers `settledNow`, so only that one is audited; the others answer the anomaly as it stands. A refund is
 * asked of WeChat Pay under the one refund number, so however many calls ask, it refunds once.
 */
export async function settleAnomaly(
  transactionId: string,
  how: 'REFUND' | 'HANDLED',
  note: string,
  by: string,
  now: number,
): Promise<{ anomaly: PaymentAnomaly; settledNow: boolean }> {
  const item = await findInboxItem(transactionId);
  if (!item || (item.state !== 'ANOMALY' && item.state !== 'SETTLED'))
    fail('NOT_FOUND', `no payment anomaly ${transactionId}`);
  if (item.state === 'SETTLED') return { anomaly: anomalyView(item), settledNow: false };
  let refund: { outRefundNo: string; refundStatus: string } | undefined;
  if (how === 'REFUND') {
    const outRefundNo = anomalyRefundNumber(transactionId);
    try {
      const answer = await paymentGateway().refund({
        outTradeNo: item.transaction.outTradeNo,
        outRefundNo,
        totalFen: item.transaction.totalFen,
        refundFen: item.transaction.totalFen,
        reason: note.slice(0, 80) || '款项原路退回',
      });
      refund = { outRefundNo, refundStatus: answer.status };
    } catch (error) {
      console.error(`[payments] refund of anomaly ${transactionId} failed`, error);
      fail(
        'PAYMENT_FAILED',
        error instanceof GatewayError ? `${error.code}: ${error.message}` : 'the refund failed',
      );
    }
  }
  const settledNow = await settleInboxAnomaly(
    transactionId,
    { how: how === 'REFUND' ? 'REFUNDED' : 'HANDLED', at: now, by, note, ...(refund && refund) },
    // A refund WeChat Pay is still processing is followed by the worker until it settles.
    refund ? firstRefundFollowAt(refund.refundStatus, now) : {},
  );
  // Settled by this call or by a concurrent one: answer what the inbox holds.
  const after = await findInboxItem(transactionId);
  return { anomaly: anomalyView(after ?? item), settledNow };
}
