/**
 * Pure rules of after-sales after receipt: what some units of an order line refund (the order's discount
 * split over its lines in proportion, in whole fen), when a request may be opened, and the request's
 * transition table. The flows in services/after-sale-request-service.ts apply them with conditional writes.
 */
import { createHash } from 'node:crypto';
import type {
  AfterSaleLineMark,
  AfterSaleState,
  AfterSaleType,
  OrderAfterSales,
} from '../../../types/after-sales';
import type { EpochMs, Fen, Order } from '../../../types/entities';
import { lineTotal } from './money';
import { allow, refuse, type RuleResult } from './rule-result';

/**
 * Splits `total` over `weights` in proportion, in whole fen, by largest remainder: the parts sum to `total`
 * exactly and each is within one fen of its exact share (ties go to the earlier line).
 */
export function splitInProportion(total: Fen, weights: readonly Fen[]): Fen[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0 || total <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const byRemainder = exact
    .map((value, index) => ({ index, remainder: value - Math.floor(value) }))
    .sort((a, b) => b.remainder - a.remainder || a.index - b.index);
  for (const { index } of byRemainder) {
    if (left <= 0) break;
    parts[index] += 1;
    left -= 1;
  }
  return parts;
}

/**
 * What each line was paid: its total less its share of the discount. Shipping is not part of any line (a
 * partial return does not refund shipping, as JD and Taobao do it).
 */
export function linePaidShares(order: Pick<Order, 'items' | 'amounts'>): Fen[] {
  const totals = order.items.map((item) => lineTotal(item.price, item.quantity));
  const itemsTotal = totals.reduce((a, b) => a + b, 0);
  const discount = Math.min(Math.max(order.amounts.discount, 0), itemsTotal);
  const discounts = splitInProportion(discount, totals);
  return totals.map((total, index) => total - discounts[index]);
}

/**
 * The refund of `units` more units of a line whose first `done` units are refunded or held: the units'
 * share of the line's paid amount, so the units of a line always sum to exactly what the line was paid.
 */
export function unitsShare(linePaid: Fen, lineQuantity: number, done: number, units: number): Fen {
  const upTo = (count: number) => Math.floor((linePaid * count) / lineQuantity);
  return upTo(done + units) - upTo(done);
}

export const NO_LINE_MARK: AfterSaleLineMark = {
  open: null,
  requests: 0,
  units: 0,
  refundedUnits: 0,
  refundedFen: 0,
};

export const lineKey = (lineIndex: number): string => `l${lineIndex}`;

export function lineMarkOf(order: Pick<Order, 'afterSales'>, lineIndex: number): AfterSaleLineMark {
  return { ...NO_LINE_MARK, ...(order.afterSales?.lines?.[lineKey(lineIndex)] ?? {}) };
}

export function refundedFenOf(afterSales: OrderAfterSales | undefined): Fen {
  return afterSales?.refundedFen ?? 0;
}

/** After receipt: any time while RECEIVED, and until `windowMs` after completion once COMPLETED. */
export function checkAfterSaleWindow(
  order: Pick<Order, 'state' | 'completedAt'>,
  now: EpochMs,
  windowMs: number,
): RuleResult<{ endsAt?: EpochMs }, 'AFTER_SALE_WINDOW_CLOSED'> {
  if (order.state === 'RECEIVED') return allow({});
  if (order.state === 'COMPLETED' && order.completedAt !== undefined) {
    const endsAt = order.completedAt + windowMs;
    return now < endsAt ? allow({ endsAt }) : refuse('AFTER_SALE_WINDOW_CLOSED', { endsAt });
  }
  return refuse('AFTER_SALE_WINDOW_CLOSED', { state: order.state });
}

export interface AfterSaleQuoteRule {
  maxQuantity: number;
  amount: Fen;
}

/**
 * What `units` units of line `lineIndex` may refund now: refused when the line has an open request, when
 * more units are asked than are left, or when they were paid nothing (WeChat Pay refunds at least 1 fen).
 * Never more than what is left of the order's payment.
 */
export function quoteUnits(
  order: Pick<Order, 'items' | 'amounts' | 'afterSales'>,
  lineIndex: number,
  units: number,
): RuleResult<AfterSaleQuoteRule, 'AFTER_SALE_UNAVAILABLE'> {
  const item = order.items[lineIndex];
  if (!item) return refuse('AFTER_SALE_UNAVAILABLE', { reason: 'NO_SUCH_LINE' });
  const mark = lineMarkOf(order, lineIndex);
  const maxQuantity = Math.max(item.quantity - mark.units, 0);
  if (mark.open) return refuse('AFTER_SALE_UNAVAILABLE', { reason: 'OPEN_REQUEST', open: mark.open });
  if (!Number.isInteger(units) || units < 1 || units > maxQuantity)
    return refuse('AFTER_SALE_UNAVAILABLE', { reason: 'QUANTITY', maxQuantity });
  const share = unitsShare(linePaidShares(order)[lineIndex], item.quantity, mark.units, units);
  const left = order.amounts.payable - refundedFenOf(order.afterSales);
  const amount = Math.min(share, left);
  if (amount < 1) return refuse('AFTER_SALE_UNAVAILABLE', { reason: 'NOTHING_PAID' });
  return allow({ maxQuantity, amount });
}

export type AfterSaleEvent =
  'APPROVE' | 'SHIP_BACK' | 'RECEIVE_GOODS' | 'REFUND_DONE' | 'REJECT' | 'WITHDRAW';
export type AfterSaleActor = 'BUYER' | 'MERCHANT' | 'SYSTEM';

/** Before the refund starts: a request the buyer may withdraw and the merchant may reject. */
const BEFORE_REFUND: readonly AfterSaleState[] = ['REQUESTED', 'APPROVED', 'RETURNED'];

/** THE table: event → who may send it, the states it leaves, and where it leads (by request type). */
export const AFTER_SALE_TRANSITIONS: Readonly<
  Record<
    AfterSaleEvent,
    {
      actor: AfterSaleActor;
      from: readonly AfterSaleState[];
      to: (type: AfterSaleType) => AfterSaleState;
    }
  >
> = {
  // A return waits for the goods; a refund only is refunded at once.
  APPROVE: {
    actor: 'MERCHANT',
    from: ['REQUESTED'],
    to: (type) => (type === 'RETURN_REFUND' ? 'APPROVED' : 'REFUNDING'),
  },
  SHIP_BACK: { actor: 'BUYER', from: ['APPROVED'], to: () => 'RETURNED' },
  RECEIVE_GOODS: { actor: 'MERCHANT', from: ['RETURNED'], to: () => 'REFUNDING' },
  REFUND_DONE: { actor: 'SYSTEM', from: ['REFUNDING'], to: () => 'REFUNDED' },
  REJECT: { actor: 'MERCHANT', from: BEFORE_REFUND, to: () => 'REJECTED' },
  WITHDRAW: { actor: 'BUYER', from: BEFORE_REFUND, to: () => 'WITHDRAWN' },
};

export function planAfterSaleMove(
  request: { state: AfterSaleState; type: AfterSaleType },
  event: AfterSaleEvent,
): RuleResult<{ from: AfterSaleState; to: AfterSaleState }, 'AFTER_SALE_STATE_CONFLICT'> {
  const rule = AFTER_SALE_TRANSITIONS[event];
  if (!rule.from.includes(request.state))
    return refuse('AFTER_SALE_STATE_CONFLICT', { state: request.state, event });
  return allow({ from: request.state, to: rule.to(request.type) });
}

/** States that no longer hold units of the line: the line's marker lets them go. */
export function releasesUnits(state: AfterSaleState): boolean {
  return state === 'REJECTED' || state === 'WITHDRAWN';
}

/** Requests are numbered per line, so a line has at most quantity × (withdrawals + 1) of them. */
export function afterSaleIdFor(orderId: string, lineIndex: number, ordinal: number): string {
  return `${orderId}-${lineKey(lineIndex)}-${ordinal}`;
}

/**
 * The WeChat Pay out_refund_no of a request: derived from its id (at most 32 characters, as both APIs take),
 * so sending it again refunds once.
 */
export function afterSaleRefundNo(afterSaleId: string): string {
  return `AS${createHash('sha256').update(afterSaleId).digest('hex').slice(0, 30)}`;
}

/** Every line refunded in full: the order's coupon may go back to the buyer (a shop setting). */
export function wholeOrderRefunded(order: Pick<Order, 'items' | 'afterSales'>): boolean {
  return order.items.every((item, index) => lineMarkOf(order, index).refundedUnits >= item.quantity);
}
