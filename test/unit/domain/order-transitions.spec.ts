import {
  buyerEvents,
  canTransition,
  checkGoodsDecision,
  checkPayable,
  closeDue,
  goodsOfNewRefund,
  refundReturnsStock,
  ORDER_EVENT_RULES,
  ORDER_TRANSITIONS,
  planTransition,
  transition,
  type OrderEvent,
} from '../../../cloudfunctions/common/domain/order-transitions';
import {
  BUYER_ACTIONS,
  BUYER_ACTION_TEXT,
  ORDER_STATE_DISPLAY,
  ORDER_STATES,
  ORDER_TABS,
  PAID_OR_LATER,
  isPaidOrLater,
  orderStateText,
  orderTab,
  type OrderState,
} from '../../../types/order-states';
import { NOW } from './fixtures';

const ALL_EVENTS = Object.keys(ORDER_EVENT_RULES) as OrderEvent[];

describe('transition', () => {
  it.each<[OrderState, OrderEvent, OrderState]>([
    ['TO_PAY', 'PAY', 'PAID'],
    ['TO_PAY', 'CANCEL', 'CANCELLED'],
    ['TO_PAY', 'TIMEOUT', 'CLOSED'],
    ['PAID', 'SHIP', 'SHIPPED'],
    ['SHIPPED', 'RECEIVE', 'RECEIVED'],
    ['SHIPPED', 'AUTO_RECEIVE', 'RECEIVED'],
    ['RECEIVED', 'COMPLETE', 'COMPLETED'],
    ['PAID', 'REQUEST_REFUND', 'REFUNDING'],
    ['SHIPPED', 'REQUEST_REFUND', 'REFUNDING'],
    ['PAID', 'REFUND', 'REFUNDING'],
    ['REFUNDING', 'REFUND_DONE', 'REFUNDED'],
  ])('%s + %s → %s', (from, event, to) => {
    expect(transition(from, event)).toEqual({ ok: true, value: to });
  });

  it.each<[OrderState, OrderEvent]>([
    ['TO_PAY', 'SHIP'],
    ['TO_PAY', 'REQUEST_REFUND'],
    ['PAID', 'PAY'],
    ['PAID', 'CANCEL'],
    ['SHIPPED', 'CANCEL'],
    ['RECEIVED', 'REQUEST_REFUND'],
    ['CLOSED', 'PAY'],
    ['CANCELLED', 'PAY'],
    ['REFUNDED', 'REFUND_DONE'],
    ['REFUNDING', 'SHIP'],
  ])('refuses %s + %s', (from, event) => {
    expect(transition(from, event)).toEqual({
      ok: false,
      code: 'ORDER_STATE_CONFLICT',
      detail: { state: from, event },
    });
  });

  it('allows nothing from terminal states', () => {
    for (const state of ['COMPLETED', 'CANCELLED', 'CLOSED', 'REFUNDED'] as const) {
      expect(ALL_EVENTS.filter((e) => transition(state, e).ok)).toEqual([]);
    }
  });

  it('sends a rejected refund back to where it started', () => {
    expect(transition('REFUNDING', 'REJECT_REFUND', { refundFrom: 'PAID' })).toEqual({
      ok: true,
      value: 'PAID',
    });
    expect(transition('REFUNDING', 'REJECT_REFUND', { refundFrom: 'SHIPPED' })).toEqual({
      ok: true,
      value: 'SHIPPED',
    });
    expect(transition('REFUNDING', 'REJECT_REFUND')).toMatchObject({
      ok: false,
      code: 'ORDER_STATE_CONFLICT',
      detail: { reason: 'REFUND_ORIGIN_UNKNOWN' },
    });
  });

  it('checks who sends the event', () => {
    expect(transition('TO_PAY', 'PAY', { actor: 'BUYER' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(transition('PAID', 'SHIP', { actor: 'BUYER' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
    expect(transition('TO_PAY', 'CANCEL', { actor: 'BUYER' }).ok).toBe(true);
    expect(transition('TO_PAY', 'TIMEOUT', { actor: 'SYSTEM' }).ok).toBe(true);
    expect(canTransition('SHIPPED', 'RECEIVE', 'BUYER')).toBe(true);
    expect(canTransition('SHIPPED', 'RECEIVE', 'MERCHANT')).toBe(false);
    expect(canTransition('PAID', 'RECEIVE')).toBe(false);
  });

  it('only reaches states that exist', () => {
    for (const state of ORDER_STATES) {
      for (const target of Object.values(ORDER_TRANSITIONS[state])) {
        expect([...ORDER_STATES, 'REFUND_ORIGIN']).toContain(target);
      }
    }
  });
});

describe('planTransition', () => {
  it('stamps the moment, appends a timeline entry and says what to release', () => {
    expect(planTransition({ state: 'TO_PAY' }, 'TIMEOUT', NOW, { note: '超时未支付' })).toEqual({
      ok: true,
      value: {
        from: 'TO_PAY',
        to: 'CLOSED',
        set: { state: 'CLOSED', updatedAt: NOW, closedAt: NOW },
        timelineEntry: { state: 'CLOSED', at: NOW, note: '超时未支付' },
        releasesStock: true,
        releasesCoupon: true,
      },
    });
  });

  it('does not give back a coupon on refund, but does release the stock', () => {
    const plan = planTransition(
      { state: 'REFUNDING', refund: { fromState: 'PAID', reason: '', amount: 1, requestedAt: 0 } },
      'REFUND_DONE',
      NOW,
    );
    expect(plan).toMatchObject({
      ok: true,
      value: { to: 'REFUNDED', releasesStock: true, releasesCoupon: false },
    });
  });

  it('uses the recorded refund origin', () => {
    const plan = planTransition(
      { state: 'REFUNDING', refund: { fromState: 'SHIPPED', reason: '', amount: 1, requestedAt: 0 } },
      'REJECT_REFUND',
      NOW,
      { actor: 'MERCHANT' },
    );
    expect(plan).toMatchObject({ ok: true, value: { to: 'SHIPPED', set: { state: 'SHIPPED' } } });
  });

  it('passes refusals through', () => {
    expect(planTransition({ state: 'PAID' }, 'PAY', NOW).ok).toBe(false);
  });
});

describe('deadlines', () => {
  it('lets a buyer pay only an unexpired unpaid order', () => {
    expect(checkPayable({ state: 'TO_PAY', expiresAt: NOW + 1 }, NOW)).toEqual({ ok: true, value: true });
    expect(checkPayable({ state: 'TO_PAY', expiresAt: NOW }, NOW)).toEqual({
      ok: false,
      code: 'ORDER_EXPIRED',
    });
    expect(checkPayable({ state: 'PAID', expiresAt: NOW + 1 }, NOW)).toMatchObject({
      code: 'ORDER_STATE_CONFLICT',
    });
  });
});

describe('closeDue', () => {
  it('is due from the moment the order can no longer be paid, and only while unpaid', () => {
    expect(closeDue({ state: 'TO_PAY', expiresAt: NOW + 1 }, NOW)).toBe('NOT_EXPIRED');
    expect(checkPayable({ state: 'TO_PAY', expiresAt: NOW }, NOW).ok).toBe(false);
    expect(closeDue({ state: 'TO_PAY', expiresAt: NOW }, NOW)).toBe('DUE');
    expect(closeDue({ state: 'CLOSED', expiresAt: NOW - 1 }, NOW)).toBe('NOT_UNPAID');
    expect(closeDue({ state: 'PAID', expiresAt: NOW - 1 }, NOW)).toBe('NOT_UNPAID');
  });

  it('waits out the backoff of a close that could not finish', () => {
    const order = { state: 'TO_PAY' as const, expiresAt: NOW - 60_000 };
    expect(closeDue({ ...order, closeRetry: { nextAt: NOW + 1 } }, NOW)).toBe('BACKING_OFF');
    expect(closeDue({ ...order, closeRetry: { nextAt: NOW } }, NOW)).toBe('DUE');
  });
});

describe('display and buyer buttons (types/order-states)', () => {
  it('has Chinese text for every state', () => {
    expect(Object.keys(ORDER_STATE_DISPLAY).sort()).toEqual([...ORDER_STATES].sort());
    expect(orderStateText('TO_PAY')).toBe('待付款');
    expect(orderStateText('PAID')).toBe('待发货');
    expect(orderStateText('SHIPPED')).toBe('待收货');
    expect(orderStateText('COMPLETED')).toBe('已完成');
  });

  it('maps the order list tabs to states, every state under exactly one tab besides 全部', () => {
    expect(ORDER_TABS.map((t) => t.title)).toEqual(['全部', '待付款', '待发货', '待收货', '已完成', '售后']);
    expect(orderTab('ALL').states).toBeNull();
    expect(orderTab('AFTER_SALE').states).toEqual(['REFUNDING', 'REFUNDED']);
    const listed = ORDER_TABS.flatMap((t) => t.states ?? []);
    expect(new Set(listed).size).toBe(listed.length);
    // Cancelled and closed orders appear only under 全部.
    expect(ORDER_STATES.filter((s) => !listed.includes(s))).toEqual(['CANCELLED', 'CLOSED']);
    expect(() => orderTab('NOPE' as 'ALL')).toThrow(RangeError);
  });

  it('counts as paid-or-later exactly PAID and the states the table reaches from it', () => {
    const reached = new Set<OrderState>(['PAID']);
    for (let grown = true; grown;) {
      grown = false;
      for (const state of [...reached]) {
        for (const target of Object.values(ORDER_TRANSITIONS[state])) {
          // A rejected refund returns to PAID or SHIPPED, both already reached.
          if (target !== 'REFUND_ORIGIN' && !reached.has(target)) {
            reached.add(target);
            grown = true;
          }
        }
      }
    }
    expect([...PAID_OR_LATER].sort()).toEqual([...reached].sort());
    expect(ORDER_STATES.filter(isPaidOrLater)).toEqual([...PAID_OR_LATER]);
    expect(isPaidOrLater('TO_PAY')).toBe(false);
    expect(isPaidOrLater('CLOSED')).toBe(false);
  });

  it('shows a button for every event a buyer may send, and none the table refuses', () => {
    for (const state of ORDER_STATES) {
      const buttons = BUYER_ACTIONS[state];
      for (const event of buyerEvents(state)) expect(buttons).toContain(event);
      for (const action of buttons) {
        if (action === 'PAY') expect(canTransition(state, 'PAY')).toBe(true);
        else if (action === 'CANCEL' || action === 'RECEIVE' || action === 'REQUEST_REFUND') {
          expect(canTransition(state, action, 'BUYER')).toBe(true);
        }
        expect(BUYER_ACTION_TEXT[action]).toMatch(/\p{Script=Han}/u);
      }
    }
    expect(BUYER_ACTIONS.TO_PAY.map((a) => BUYER_ACTION_TEXT[a])).toEqual(['取消订单', '去支付']);
  });
});

describe('refunds and stock', () => {
  const refund = (fromState: 'PAID' | 'SHIPPED') => ({
    fromState,
    reason: '退',
    amount: 100,
    requestedAt: 1,
    ...goodsOfNewRefund(fromState, 5),
  });

  test('only a refund of goods never shipped returns the stock by itself', () => {
    expect(refundReturnsStock(refund('PAID'))).toBe(true);
    expect(refundReturnsStock(refund('SHIPPED'))).toBe(false);
    expect(refundReturnsStock(undefined)).toBe(false);
  });

  test('a refund of a shipped order awaits its goods; one never shipped has none to await', () => {
    expect(refund('SHIPPED').goods).toEqual({ state: 'AWAITED', at: 5 });
    expect(refund('PAID')).not.toHaveProperty('goods');
  });

  test('the goods are decided once, only while awaited and the order refunding or refunded', () => {
    expect(checkGoodsDecision({ state: 'REFUNDING', refund: refund('SHIPPED') }).ok).toBe(true);
    expect(checkGoodsDecision({ state: 'REFUNDED', refund: refund('SHIPPED') }).ok).toBe(true);
    expect(checkGoodsDecision({ state: 'SHIPPED', refund: refund('SHIPPED') })).toMatchObject({
      ok: false,
      code: 'ORDER_STATE_CONFLICT',
    });
    expect(checkGoodsDecision({ state: 'REFUNDED', refund: refund('PAID') }).ok).toBe(false);
    const decided = { ...refund('SHIPPED'), goods: { state: 'RETURNED' as const, at: 9 } };
    expect(checkGoodsDecision({ state: 'REFUNDED', refund: decided }).ok).toBe(false);
  });
});
