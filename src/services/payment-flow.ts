/** The steps of paying an order, free of Taro and the DOM: sign, let the buyer pay, then wait for the order to show it. */
import { isPaidOrLater, type Order, type PaymentRequest, type Result } from '@shop/types';

export type PaymentOutcome = 'PAID' | 'CANCELLED' | 'FAILED' | 'PENDING';

export interface PaymentResult {
  outcome: PaymentOutcome;
  /** The order as last seen (after a payment); PENDING carries it too when it could be read. */
  order?: Order;
  /** Why, for FAILED: an error code of the contract (see error-messages.ts). */
  code?: string;
}

/** What the buyer did in the payment sheet (WeChat's own, or the local sandbox's in H5). */
export type SheetResult = 'paid' | 'cancelled' | 'failed';

export interface PaymentFlowDeps {
  /** order.pay: the signed wx.requestPayment parameters. */
  prepare(orderId: string): Promise<Result<PaymentRequest>>;
  /** Shows the sheet; rejects only when it could not be shown at all. */
  present(request: PaymentRequest): Promise<SheetResult>;
  /** order.detail */
  fetchOrder(orderId: string): Promise<Result<Order>>;
  /** order.syncPayment: asks the payment provider instead of waiting for its notification. */
  syncPayment(orderId: string): Promise<Result<Order>>;
  sleep(ms: number): Promise<void>;
  now(): number;
}

export interface ConfirmationTiming {
  pollIntervalMs: number;
  /**
   * When to call order.syncPayment once (after the sheet said paid). The notify function only stores the
   * notice; the sync applies it (or asks WeChat Pay when none arrived yet), so it comes first.
   */
  syncAfterMs: number;
  /** Then the page says 支付结果确认中 and the server's worker finishes the job. */
  giveUpAfterMs: number;
}

export const CONFIRMATION_TIMING: ConfirmationTiming = {
  pollIntervalMs: 500,
  syncAfterMs: 0,
  giveUpAfterMs: 10_000,
};

/** wx.requestPayment's rejection when the buyer closed the sheet (older clients say requestPayment:cancel). */
export function isPaymentCancel(error: unknown): boolean {
  const errMsg =
    typeof error === 'object' && error !== null ? (error as { errMsg?: unknown }).errMsg : undefined;
  return typeof errMsg === 'string' && /^requestPayment:(fail )?cancel\b/.test(errMsg);
}

function settled(order: Order): PaymentResult {
  if (isPaidOrLater(order.state)) return { outcome: 'PAID', order };
  // Closed or cancelled meanwhile: the server refunds a payment that arrives for such an order.
  return { outcome: 'FAILED', order, code: 'ORDER_STATE_CONFLICT' };
}

/**
 * After the sheet said paid: the order turns PAID when the payment is applied. One order.syncPayment applies
 * the stored notification, or asks WeChat Pay when none arrived; then the page polls the order (the worker
 * applies what is left within a minute) and says PENDING after 10 s.
 */
export async function confirmPayment(
  orderId: string,
  deps: PaymentFlowDeps,
  timing: ConfirmationTiming = CONFIRMATION_TIMING,
): Promise<PaymentResult> {
  const startedAt = deps.now();
  let synced = false;
  let latest: Order | undefined;
  for (;;) {
    const sync: boolean = !synced && deps.now() - startedAt >= timing.syncAfterMs;
    synced ||= sync;
    const answer = sync ? await deps.syncPayment(orderId) : await deps.fetchOrder(orderId);
    // A failed read (network) is just one poll fewer: keep waiting for the next.
    if (answer.ok) {
      latest = answer.data;
      if (latest.state !== 'TO_PAY') return settled(latest);
    }
    if (deps.now() - startedAt + timing.pollIntervalMs > timing.giveUpAfterMs) {
      return latest ? { outcome: 'PENDING', order: latest } : { outcome: 'PENDING' };
    }
    await deps.sleep(timing.pollIntervalMs);
  }
}

export async function runPayment(
  orderId: string,
  deps: PaymentFlowDeps,
  timing: ConfirmationTiming = CONFIRMATION_TIMING,
): Promise<PaymentResult> {
  const prepared = await deps.prepare(orderId);
  if (!prepared.ok) return { outcome: 'FAILED', code: prepared.code };
  let sheet: SheetResult;
  try {
    sheet = await deps.present(prepared.data);
  } catch {
    return { outcome: 'FAILED', code: 'PAYMENT_FAILED' };
  }
  if (sheet === 'cancelled') return { outcome: 'CANCELLED' };
  if (sheet === 'failed') return { outcome: 'FAILED', code: 'PAYMENT_FAILED' };
  return confirmPayment(orderId, deps, timing);
}
