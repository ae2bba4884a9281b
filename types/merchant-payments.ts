/**
 * Payment notices the shop could not apply: genuine (verified) WeChat Pay payments that name no order of the
 * shop, pay another amount than the order's, or come from another payer. The money arrived, so each stays in
 * the payment inbox as an anomaly until the merchant settles it: refunds it, or marks it handled with a note.
 */
import type { EpochMs, Fen } from './entities';

export type PaymentAnomalyCode = 'UNKNOWN_ORDER' | 'AMOUNT_MISMATCH' | 'PAYER_MISMATCH';

export type PaymentAnomalyState = 'OPEN' | 'REFUNDED' | 'HANDLED';

export interface PaymentAnomaly {
  transactionId: string;
  outTradeNo: string;
  /** What WeChat Pay says was paid. */
  amount: Fen;
  code: PaymentAnomalyCode;
  /** What did not match, e.g. "paid 4990, payable 5990". */
  detail: string;
  receivedAt: EpochMs;
  state: PaymentAnomalyState;
  /** Once settled: how, when, by whom, the note, and the refund's number and status when refunded. */
  settlement?: {
    at: EpochMs;
    by: string;
    note: string;
    outRefundNo?: string;
    refundStatus?: string;
  };
}

export interface PaymentAnomalyActions {
  /** Open anomalies first (newest first), then the last settled ones; at most 50. */
  'payments.anomalies': {
    request: { settled?: boolean };
    response: { items: PaymentAnomaly[] };
  };
  /**
   * Settles one anomaly: REFUND sends the whole amount back through WeChat Pay (one refund number per
   * transaction, so repeating it refunds once); HANDLED records that the merchant dealt with it otherwise.
   * An anomaly already settled is answered as it stands.
   */
  'payments.settle': {
    request: { transactionId: string; how: 'REFUND' | 'HANDLED'; note: string };
    response: PaymentAnomaly;
  };
}
