/** payForOrder's steps with a scripted server and a clock that jumps: outcomes, polling, the one sync, giving up. */
import type { Order, OrderState, PaymentRequest, Result } from '@shop/types';
import {
  confirmPayment,
  isPaymentCancel,
  runPayment,
  type PaymentFlowDeps,
  type SheetResult,
} from '../payment-flow';

const REQUEST: PaymentRequest = {
  orderId: 'order-1',
  orderNo: 'SO202611220001',
  amount: 2590,
  mode: 'sandbox',
  params: { timeStamp: '1', nonceStr: 'n', package: 'prepay_id=wx1', signType: 'RSA', paySign: 's' },
};

function order(state: OrderState): Order {
  return { _id: 'order-1', orderNo: REQUEST.orderNo, state } as Order;
}

const ok = <T>(data: T): Result<T> => ({ ok: true, data });
const network: Result<never> = { ok: false, code: 'NETWORK', message: 'offline' };

interface Script {
  prepare?: Result<PaymentRequest>;
  sheet?: SheetResult | Error;
  /** The state order.detail answers at each elapsed time (ms); the last one before it holds. */
  detail?: (elapsedMs: number) => Result<Order>;
  sync?: (elapsedMs: number) => Result<Order>;
}

/** Deps whose clock only moves when the flow sleeps; every call is logged with the time it was made. */
function scripted(script: Script) {
  let now = 0;
  const calls: string[] = [];
  const deps: PaymentFlowDeps = {
    prepare: async () => {
      calls.push('pay');
      return script.prepare ?? ok(REQUEST);
    },
    present: async () => {
      calls.push('sheet');
      const sheet = script.sheet ?? 'paid';
      if (sheet instanceof Error) throw sheet;
      return sheet;
    },
    fetchOrder: async () => {
      calls.push(`detail@${now}`);
      return (script.detail ?? (() => ok(order('TO_PAY'))))(now);
    },
    syncPayment: async () => {
      calls.push(`sync@${now}`);
      return (script.sync ?? (() => ok(order('TO_PAY'))))(now);
    },
    sleep: async (ms) => {
      now += ms;
    },
    now: () => now,
  };
  return { deps, calls, elapsed: () => now };
}

describe('runPayment', () => {
  it('fails with the server code when the order cannot be paid, without showing a sheet', async () => {
    const { deps, calls } = scripted({
      prepare: { ok: false, code: 'ORDER_EXPIRED', message: '订单已超时' },
    });
    expect(await runPayment('order-1', deps)).toEqual({ outcome: 'FAILED', code: 'ORDER_EXPIRED' });
    expect(calls).toEqual(['pay']);
  });

  it('answers CANCELLED when the buyer closes the sheet, and asks nothing more', async () => {
    const { deps, calls } = scripted({ sheet: 'cancelled' });
    expect(await runPayment('order-1', deps)).toEqual({ outcome: 'CANCELLED' });
    expect(calls).toEqual(['pay', 'sheet']);
  });

  it('answers FAILED PAYMENT_FAILED for a refused payment or a sheet that could not open', async () => {
    expect(await runPayment('order-1', scripted({ sheet: 'failed' }).deps)).toEqual({
      outcome: 'FAILED',
      code: 'PAYMENT_FAILED',
    });
    expect(await runPayment('order-1', scripted({ sheet: new Error('no sheet') }).deps)).toEqual({
      outcome: 'FAILED',
      code: 'PAYMENT_FAILED',
    });
  });

  it('syncs once, then polls order.detail every 500 ms after a payment until the order is paid', async () => {
    const { deps, calls } = scripted({
      detail: (elapsed) => ok(order(elapsed >= 1000 ? 'PAID' : 'TO_PAY')),
    });
    expect(await runPayment('order-1', deps)).toEqual({ outcome: 'PAID', order: order('PAID') });
    expect(calls).toEqual(['pay', 'sheet', 'sync@0', 'detail@500', 'detail@1000']);
  });
});

describe('confirmPayment', () => {
  it('asks order.syncPayment first (it applies the stored notice) and takes the order it answers', async () => {
    const { deps, calls } = scripted({ sync: () => ok(order('PAID')) });
    expect(await confirmPayment('order-1', deps)).toEqual({ outcome: 'PAID', order: order('PAID') });
    expect(calls).toEqual(['sync@0']);
  });

  it('still syncs once at a later moment when told to', async () => {
    const { deps, calls } = scripted({ sync: () => ok(order('PAID')) });
    const timing = { pollIntervalMs: 500, syncAfterMs: 2000, giveUpAfterMs: 10_000 };
    expect(await confirmPayment('order-1', deps, timing)).toEqual({ outcome: 'PAID', order: order('PAID') });
    expect(calls).toEqual(['detail@0', 'detail@500', 'detail@1000', 'detail@1500', 'sync@2000']);
  });

  it('gives up after 10 s with PENDING and the order as last seen, having synced only once', async () => {
    const { deps, calls, elapsed } = scripted({});
    expect(await confirmPayment('order-1', deps)).toEqual({ outcome: 'PENDING', order: order('TO_PAY') });
    expect(calls.filter((call) => call.startsWith('sync'))).toEqual(['sync@0']);
    expect(calls).toHaveLength(21);
    expect(calls[calls.length - 1]).toBe('detail@10000');
    expect(elapsed()).toBe(10_000);
  });

  it('keeps polling through failed reads, and is PENDING without an order if none ever answered', async () => {
    const failing = scripted({ detail: () => network, sync: () => network });
    expect(await confirmPayment('order-1', failing.deps)).toEqual({ outcome: 'PENDING' });

    const recovering = scripted({ detail: (elapsed) => (elapsed < 3000 ? network : ok(order('PAID'))) });
    expect(await confirmPayment('order-1', recovering.deps)).toEqual({
      outcome: 'PAID',
      order: order('PAID'),
    });
  });

  it('counts a paid order that moved on (shipped, refunding) as paid', async () => {
    const { deps } = scripted({ detail: () => ok(order('SHIPPED')) });
    expect(await confirmPayment('order-1', deps)).toMatchObject({ outcome: 'PAID' });
  });

  it('fails with ORDER_STATE_CONFLICT when the order was closed instead', async () => {
    const { deps } = scripted({ detail: () => ok(order('CLOSED')) });
    expect(await confirmPayment('order-1', deps)).toEqual({
      outcome: 'FAILED',
      order: order('CLOSED'),
      code: 'ORDER_STATE_CONFLICT',
    });
  });
});

describe('isPaymentCancel', () => {
  it("tells the buyer's cancel from other wx.requestPayment failures", () => {
    expect(isPaymentCancel({ errMsg: 'requestPayment:fail cancel' })).toBe(true);
    expect(isPaymentCancel({ errMsg: 'requestPayment:cancel' })).toBe(true);
    expect(isPaymentCancel({ errMsg: 'requestPayment:fail (detail message)' })).toBe(false);
    expect(isPaymentCancel({ errMsg: 'requestPayment:fail cancelled by system' })).toBe(false);
    expect(isPaymentCancel(new Error('cancel'))).toBe(false);
    expect(isPaymentCancel(undefined)).toBe(false);
  });
});
