/**
 * The order lifecycle: one transition table (state × event → next state), who may send each event, what a
 * transition stamps and releases, and the deadlines after which the worker moves an order on by itself.
 * Every write of a new state is conditional on the state read here (compare-and-set).
 */
import type { EpochMs, Order, OrderRefund, OrderTimelineEntry } from '../../../types/entities';
import type { OrderState } from '../../../types/order-states';
import { allow, refuse, type RuleResult } from './rule-result';

export type OrderEvent =
  | 'PAY'
  | 'CANCEL'
  | 'TIMEOUT'
  | 'SHIP'
  | 'RECEIVE'
  | 'AUTO_RECEIVE'
  | 'COMPLETE'
  | 'REQUEST_REFUND'
  | 'REFUND'
  | 'REFUND_DONE'
  | 'REJECT_REFUND';

export type OrderActor = 'BUYER' | 'MERCHANT' | 'SYSTEM';

/** A rejected refund goes back to where the refund started: `Order.refund.fromState`. */
export const REFUND_ORIGIN = 'REFUND_ORIGIN';
type Target = OrderState | typeof REFUND_ORIGIN;

/**
 * THE table. A state missing an event means the event is not allowed there. Terminal states (COMPLETED,
 * CANCELLED, CLOSED, REFUNDED) allow nothing. A payment arriving for a CLOSED order is not a transition:
 * the worker refunds that payment and the order stays CLOSED.
 */
export const ORDER_TRANSITIONS: Readonly<Record<OrderState, Readonly<Partial<Record<OrderEvent, Target>>>>> =
  {
    TO_PAY: { PAY: 'PAID', CANCEL: 'CANCELLED', TIMEOUT: 'CLOSED' },
    PAID: { SHIP: 'SHIPPED', REQUEST_REFUND: 'REFUNDING', REFUND: 'REFUNDING' },
    SHIPPED: {
      RECEIVE: 'RECEIVED',
      AUTO_RECEIVE: 'RECEIVED',
      REQUEST_REFUND: 'REFUNDING',
      REFUND: 'REFUNDING',
    },
    RECEIVED: { COMPLETE: 'COMPLETED' },
    COMPLETED: {},
    CANCELLED: {},
    CLOSED: {},
    REFUNDING: { REFUND_DONE: 'REFUNDED', REJECT_REFUND: REFUND_ORIGIN },
    REFUNDED: {},
  };

type StampField = 'paidAt' | 'cancelledAt' | 'closedAt' | 'shippedAt' | 'receivedAt' | 'completedAt';

export interface OrderEventRule {
  actors: readonly OrderActor[];
  /** The order field set to the moment of the transition. */
  stamp?: StampField;
  /** The reserved stock goes back to the SKUs. */
  releasesStock: boolean;
  /** A LOCKED coupon goes back to UNUSED. A refund does not return the coupon: it was spent. */
  releasesCoupon: boolean;
}

export const ORDER_EVENT_RULES: Readonly<Record<OrderEvent, OrderEventRule>> = {
  // PAY is applied from a verified payment notice, never on the buyer's word.
  PAY: { actors: ['SYSTEM'], stamp: 'paidAt', releasesStock: false, releasesCoupon: false },
  CANCEL: { actors: ['BUYER', 'MERCHANT'], stamp: 'cancelledAt', releasesStock: true, releasesCoupon: true },
  TIMEOUT: { actors: ['SYSTEM'], stamp: 'closedAt', releasesStock: true, releasesCoupon: true },
  SHIP: { actors: ['MERCHANT'], stamp: 'shippedAt', releasesStock: false, releasesCoupon: false },
  RECEIVE: { actors: ['BUYER'], stamp: 'receivedAt', releasesStock: false, releasesCoupon: false },
  AUTO_RECEIVE: { actors: ['SYSTEM'], stamp: 'receivedAt', releasesStock: false, releasesCoupon: false },
  COMPLETE: { actors: ['SYSTEM'], stamp: 'completedAt', releasesStock: false, releasesCoupon: false },
  REQUEST_REFUND: { actors: ['BUYER'], releasesStock: false, releasesCoupon: false },
  // The merchant refunds on its own initiative, e.g. when it cannot ship.
  REFUND: { actors: ['MERCHANT'], releasesStock: false, releasesCoupon: false },
  REFUND_DONE: { actors: ['SYSTEM'], releasesStock: true, releasesCoupon: false },
  REJECT_REFUND: { actors: ['MERCHANT'], releasesStock: false, releasesCoupon: false },
};

export interface TransitionContext {
  /** When given, the event must be one this actor may send. */
  actor?: OrderActor;
  /** Order.refund.fromState: needed for REJECT_REFUND. */
  refundFrom?: 'PAID' | 'SHIPPED';
}

export type TransitionCode = 'ORDER_STATE_CONFLICT' | 'FORBIDDEN';

export function transition(
  state: OrderState,
  event: OrderEvent,
  ctx: TransitionContext = {},
): RuleResult<OrderState, TransitionCode> {
  if (ctx.actor && !ORDER_EVENT_RULES[event].actors.includes(ctx.actor)) {
    return refuse('FORBIDDEN', { event, actor: ctx.actor });
  }
  const target = ORDER_TRANSITIONS[state][event];
  if (target === undefined) return refuse('ORDER_STATE_CONFLICT', { state, event });
  if (target !== REFUND_ORIGIN) return allow(target);
  // Without a recorded origin the order would be guessed back into the wrong state; refuse instead.
  if (!ctx.refundFrom)
    return refuse('ORDER_STATE_CONFLICT', { state, event, reason: 'REFUND_ORIGIN_UNKNOWN' });
  return allow(ctx.refundFrom);
}

export function canTransition(state: OrderState, event: OrderEvent, actor?: OrderActor): boolean {
  return (
    ORDER_TRANSITIONS[state][event] !== undefined &&
    (!actor || ORDER_EVENT_RULES[event].actors.includes(actor))
  );
}

/** Events the buyer may send in a state (the page's buttons are kept in step with this by a test). */
export function buyerEvents(state: OrderState): OrderEvent[] {
  return (Object.keys(ORDER_TRANSITIONS[state]) as OrderEvent[]).filter((e) =>
    ORDER_EVENT_RULES[e].actors.includes('BUYER'),
  );
}

/** What a transition writes, applied with `where({ _id, state: from })` so a concurrent writer loses. */
export interface OrderTransitionPatch {
  from: OrderState;
  to: OrderState;
  set: Partial<Pick<Order, StampField | 'state' | 'updatedAt'>>;
  timelineEntry: OrderTimelineEntry;
  releasesStock: boolean;
  releasesCoupon: boolean;
}

export function planTransition(
  order: Pick<Order, 'state' | 'refund'>,
  event: OrderEvent,
  now: EpochMs,
  ctx: { actor?: OrderActor; note?: string } = {},
): RuleResult<OrderTransitionPatch, TransitionCode> {
  const next = transition(order.state, event, { actor: ctx.actor, refundFrom: order.refund?.fromState });
  if (!next.ok) return next;
  const rule = ORDER_EVENT_RULES[event];
  const set: OrderTransitionPatch['set'] = { state: next.value, updatedAt: now };
  if (rule.stamp) set[rule.stamp] = now;
  const timelineEntry: OrderTimelineEntry =
    ctx.note === undefined ? { state: next.value, at: now } : { state: next.value, at: now, note: ctx.note };
  return allow({
    from: order.state,
    to: next.value,
    set,
    timelineEntry,
    releasesStock: rule.releasesStock,
    releasesCoupon: rule.releasesCoupon,
  });
}

const MINUTE_MS = 60 * 1000;
const DAY_MS = 24 * 60 * MINUTE_MS;

/** How long the lifecycle waits before the worker moves an order on. */
export const ORDER_DEADLINES = {
  /** An unpaid order closes after this (Order.expiresAt = createdAt + payWithin). */
  payWithin: 30 * MINUTE_MS,
  /** A shipped order counts as received after this. */
  autoReceiveAfter: 10 * DAY_MS,
  /** A received order is completed (review and after-sales window over) after this. */
  completeAfter: 7 * DAY_MS,
} as const;

/** A buyer may start paying only a TO_PAY order that has not expired (the close may still be pending). */
export function checkPayable(
  order: Pick<Order, 'state' | 'expiresAt'>,
  now: EpochMs,
): RuleResult<true, 'ORDER_STATE_CONFLICT' | 'ORDER_EXPIRED'> {
  if (order.state !== 'TO_PAY') return refuse('ORDER_STATE_CONFLICT', { state: order.state, event: 'PAY' });
  if (now >= order.expiresAt) return refuse('ORDER_EXPIRED');
  return allow(true);
}

/**
 * Whether an unpaid order is due to close now, for the worker and for a buyer whose countdown ran out alike:
 * from the moment it can no longer be paid (`checkPayable`), unless a close that could not finish is waiting
 * out its backoff (`closeRetry.nextAt`, written by the close path). Anything but TO_PAY has nothing to close.
 */
export type CloseDue = 'DUE' | 'NOT_EXPIRED' | 'BACKING_OFF' | 'NOT_UNPAID';

export function closeDue(
  order: Pick<Order, 'state' | 'expiresAt'> & { closeRetry?: { nextAt: EpochMs } },
  now: EpochMs,
): CloseDue {
  if (order.state !== 'TO_PAY') return 'NOT_UNPAID';
  if (now < order.expiresAt) return 'NOT_EXPIRED';
  if (order.closeRetry !== undefined && order.closeRetry.nextAt > now) return 'BACKING_OFF';
  return 'DUE';
}

/**
 * Whether a refund brings the order's stock back by itself: only a refund of an order that was never shipped.
 * Goods that were shipped return to stock when the merchant confirms they came back (Order.refund.goods).
 */
export function refundReturnsStock(refund: Pick<OrderRefund, 'fromState'> | undefined): boolean {
  return refund?.fromState === 'PAID';
}

/** What a new refund records about the goods: awaited when they were shipped, nothing otherwise. */
export function goodsOfNewRefund(
  fromState: OrderRefund['fromState'],
  now: EpochMs,
): Pick<OrderRefund, 'goods'> {
  return fromState === 'SHIPPED' ? { goods: { state: 'AWAITED', at: now } } : {};
}

/** The merchant may settle the goods of a refunded shipped order once, while they are awaited. */
export function checkGoodsDecision(
  order: Pick<Order, 'state' | 'refund'>,
): RuleResult<true, 'ORDER_STATE_CONFLICT'> {
  if (order.state !== 'REFUNDING' && order.state !== 'REFUNDED')
    return refuse('ORDER_STATE_CONFLICT', { state: order.state, reason: 'NOT_REFUNDED' });
  if (order.refund?.goods?.state !== 'AWAITED')
    return refuse('ORDER_STATE_CONFLICT', { reason: 'GOODS_NOT_AWAITED' });
  return allow(true);
}
