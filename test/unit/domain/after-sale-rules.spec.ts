/**
 * The pure rules of after-sales after receipt: the discount split over lines and units in whole fen (the
 * parts always sum to what was paid), the window after completion, what a line may still refund, and the
 * request's transition table.
 */
import {
  AFTER_SALE_TRANSITIONS,
  afterSaleIdFor,
  afterSaleRefundNo,
  checkAfterSaleWindow,
  linePaidShares,
  planAfterSaleMove,
  quoteUnits,
  splitInProportion,
  unitsShare,
  wholeOrderRefunded,
  type AfterSaleEvent,
} from '../../../cloudfunctions/common/domain/after-sale-rules';
import { AFTER_SALE_STATES, type AfterSaleState } from '../../../types/after-sales';
import type { Order, OrderItem } from '../../../types/entities';
import { NOW } from './fixtures';

const DAY = 24 * 60 * 60 * 1000;

function item(price: number, quantity: number, skuId = `s${price}`): OrderItem {
  return { productId: 'p', skuId, title: 't', specText: '', image: '', price, quantity };
}

function order(
  items: OrderItem[],
  discount: number,
  shippingFee = 0,
): Pick<Order, 'items' | 'amounts' | 'afterSales'> {
  const itemsTotal = items.reduce((sum, i) => sum + i.price * i.quantity, 0);
  return {
    items,
    amounts: { itemsTotal, shippingFee, discount, payable: Math.max(1, itemsTotal + shippingFee - discount) },
  };
}

describe('splitInProportion', () => {
  test('the parts sum to the total exactly and each is within a fen of its exact share', () => {
    for (const [total, weights] of [
      [1000, [3333, 3333, 3334]],
      [1, [5, 5]],
      [999, [1, 2, 3, 4, 5, 6, 7]],
      [500, [10000]],
    ] as const) {
      const parts = splitInProportion(total, weights);
      expect(parts.reduce((a, b) => a + b, 0)).toBe(total);
      const sum = weights.reduce((a, b) => a + b, 0);
      parts.forEach((part, i) => expect(Math.abs(part - (total * weights[i]) / sum)).toBeLessThan(1));
    }
  });

  test('nothing to split, or nothing to weigh by, gives zeros', () => {
    expect(splitInProportion(0, [1, 2])).toEqual([0, 0]);
    expect(splitInProportion(10, [0, 0])).toEqual([0, 0]);
  });
});

describe('what a line and its units were paid', () => {
  test('a ¥10 coupon on ¥60 + ¥40 lines takes ¥6 and ¥4; shipping belongs to no line', () => {
    expect(linePaidShares(order([item(3000, 2), item(4000, 1)], 1000, 1000))).toEqual([5400, 3600]);
  });

  test('an odd discount is split in whole fen and the lines still sum to items less discount', () => {
    const shares = linePaidShares(order([item(999, 1), item(999, 1), item(999, 1)], 100));
    expect(shares.reduce((a, b) => a + b, 0)).toBe(2997 - 100);
    expect(Math.max(...shares) - Math.min(...shares)).toBeLessThanOrEqual(1);
  });

  test('the units of a line, refunded one at a time, sum to exactly what the line was paid', () => {
    const paid = 1000;
    const parts = [0, 1, 2].map((done) => unitsShare(paid, 3, done, 1));
    expect(parts).toEqual([333, 333, 334]);
    expect(parts.reduce((a, b) => a + b, 0)).toBe(paid);
    expect(unitsShare(paid, 3, 0, 3)).toBe(paid);
  });
});

describe('quoteUnits', () => {
  const twoLines = order([item(3000, 2), item(4000, 1)], 1000, 1000);

  test('one unit of a two-unit line refunds half its paid share', () => {
    expect(quoteUnits(twoLines, 0, 1)).toEqual({ ok: true, value: { maxQuantity: 2, amount: 2700 } });
  });

  test('a line with an open request, more units than are left, or a missing line are refused', () => {
    const open = {
      ...twoLines,
      afterSales: {
        refundedFen: 0,
        lines: { l0: { open: 'r1', requests: 1, units: 1, refundedUnits: 0, refundedFen: 0 } },
      },
    };
    expect(quoteUnits(open, 0, 1)).toMatchObject({ ok: false, code: 'AFTER_SALE_UNAVAILABLE' });
    expect(quoteUnits(twoLines, 0, 3)).toMatchObject({ ok: false, detail: { reason: 'QUANTITY' } });
    expect(quoteUnits(twoLines, 5, 1)).toMatchObject({ ok: false, detail: { reason: 'NO_SUCH_LINE' } });
  });

  test('after one unit was refunded, the last unit gets the rest of the line, never more', () => {
    const halfDone = {
      ...twoLines,
      afterSales: {
        refundedFen: 2700,
        lines: { l0: { open: null, requests: 1, units: 1, refundedUnits: 1, refundedFen: 2700 } },
      },
    };
    expect(quoteUnits(halfDone, 0, 1)).toEqual({ ok: true, value: { maxQuantity: 1, amount: 2700 } });
    expect(quoteUnits(halfDone, 0, 2)).toMatchObject({
      ok: false,
      detail: { reason: 'QUANTITY', maxQuantity: 1 },
    });
  });

  test('units that were paid nothing (a coupon covering everything) cannot be refunded', () => {
    expect(quoteUnits(order([item(500, 1)], 500), 0, 1)).toMatchObject({
      ok: false,
      detail: { reason: 'NOTHING_PAID' },
    });
  });

  test('every line refunded in full counts as a wholly refunded order', () => {
    const lines = {
      l0: { open: null, requests: 1, units: 2, refundedUnits: 2, refundedFen: 5400 },
      l1: { open: null, requests: 1, units: 1, refundedUnits: 1, refundedFen: 3600 },
    };
    expect(wholeOrderRefunded({ ...twoLines, afterSales: { refundedFen: 9000, lines } })).toBe(true);
    expect(
      wholeOrderRefunded({ ...twoLines, afterSales: { refundedFen: 5400, lines: { l0: lines.l0 } } }),
    ).toBe(false);
  });
});

describe('checkAfterSaleWindow', () => {
  test('a received order is open; a completed one until the window after completion; others never', () => {
    expect(checkAfterSaleWindow({ state: 'RECEIVED' }, NOW, 7 * DAY).ok).toBe(true);
    const completed = { state: 'COMPLETED' as const, completedAt: NOW };
    expect(checkAfterSaleWindow(completed, NOW + 7 * DAY - 1, 7 * DAY)).toEqual({
      ok: true,
      value: { endsAt: NOW + 7 * DAY },
    });
    expect(checkAfterSaleWindow(completed, NOW + 7 * DAY, 7 * DAY)).toMatchObject({
      ok: false,
      code: 'AFTER_SALE_WINDOW_CLOSED',
    });
    for (const state of ['TO_PAY', 'PAID', 'SHIPPED', 'REFUNDED', 'CANCELLED'] as const)
      expect(checkAfterSaleWindow({ state }, NOW, 7 * DAY).ok).toBe(false);
  });
});

describe('the request transition table', () => {
  const EVENTS = Object.keys(AFTER_SALE_TRANSITIONS) as AfterSaleEvent[];

  test('approving a return waits for the goods; approving a refund only starts the refund', () => {
    expect(planAfterSaleMove({ state: 'REQUESTED', type: 'RETURN_REFUND' }, 'APPROVE')).toEqual({
      ok: true,
      value: { from: 'REQUESTED', to: 'APPROVED' },
    });
    expect(planAfterSaleMove({ state: 'REQUESTED', type: 'REFUND_ONLY' }, 'APPROVE')).toEqual({
      ok: true,
      value: { from: 'REQUESTED', to: 'REFUNDING' },
    });
  });

  test('withdrawal and rejection only before the refund starts', () => {
    const allowed = (event: AfterSaleEvent) =>
      AFTER_SALE_STATES.filter(
        (state) => planAfterSaleMove({ state, type: 'RETURN_REFUND' }, event).ok,
      ) as AfterSaleState[];
    expect(allowed('WITHDRAW')).toEqual(['REQUESTED', 'APPROVED', 'RETURNED']);
    expect(allowed('REJECT')).toEqual(['REQUESTED', 'APPROVED', 'RETURNED']);
    expect(allowed('SHIP_BACK')).toEqual(['APPROVED']);
    expect(allowed('RECEIVE_GOODS')).toEqual(['RETURNED']);
  });

  test('REFUNDED, REJECTED and WITHDRAWN are final', () => {
    for (const state of ['REFUNDED', 'REJECTED', 'WITHDRAWN'] as const)
      for (const event of EVENTS)
        expect(planAfterSaleMove({ state, type: 'REFUND_ONLY' }, event)).toMatchObject({
          ok: false,
          code: 'AFTER_SALE_STATE_CONFLICT',
        });
  });
});

test('request ids are per line and ordinal; refund numbers are derived from them and fit WeChat Pay', () => {
  const id = afterSaleIdFor('o0123456789abcdef0123456789abcde', 1, 2);
  expect(id).toBe('o0123456789abcdef0123456789abcde-l1-2');
  expect(afterSaleRefundNo(id)).toMatch(/^[0-9A-Za-z_-]{6,32}$/);
  expect(afterSaleRefundNo(id)).toBe(afterSaleRefundNo(id));
  expect(afterSaleRefundNo(id)).not.toBe(
    afterSaleRefundNo(afterSaleIdFor('o0123456789abcdef0123456789abcde', 1, 3)),
  );
});
