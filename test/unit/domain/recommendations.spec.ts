import {
  mergeLists,
  MAX_ITEMS_PER_BUYER,
  PAIR_WEIGHTS,
  rankFor,
  scorePairs,
  topSellers,
  viewDay,
  type Purchase,
  type View,
} from '../../../cloudfunctions/common/domain/recommendations';

const DAY = 24 * 60 * 60 * 1000;
const NOW = Date.UTC(2026, 10, 22, 4, 0, 0);
const all = () => true;
const noSales = new Map<string, number>();

function order(openid: string, orderId: string, productIds: string[], at = NOW): Purchase {
  return { openid, orderId, at, items: productIds.map((productId) => ({ productId, quantity: 1 })) };
}

function view(openid: string, productId: string, at = NOW): View {
  return { openid, productId, at };
}

describe('viewDay', () => {
  it('is the calendar day in China: 23:30 UTC is already the next day there', () => {
    expect(viewDay(Date.UTC(2026, 10, 22, 15, 59))).toBe('2026-11-22');
    expect(viewDay(Date.UTC(2026, 10, 22, 16, 0))).toBe('2026-11-23');
  });
});

describe('scorePairs', () => {
  it('scores products bought in one order, symmetrically', () => {
    const scores = scorePairs([order('u1', 'o1', ['A', 'B'])], []);
    expect(scores.get('A')?.get('B')).toBe(PAIR_WEIGHTS.sameOrder);
    expect(scores.get('B')?.get('A')).toBe(PAIR_WEIGHTS.sameOrder);
    expect(scores.get('A')?.has('A')).toBeFalsy();
  });

  it('scores products one buyer bought in separate orders within 30 days, not further apart', () => {
    const near = scorePairs([order('u1', 'o1', ['A']), order('u1', 'o2', ['B'], NOW - 29 * DAY)], []);
    expect(near.get('A')?.get('B')).toBe(PAIR_WEIGHTS.sameBuyer);
    const far = scorePairs([order('u1', 'o1', ['A']), order('u1', 'o2', ['B'], NOW - 31 * DAY)], []);
    expect(far.get('A')?.get('B')).toBeUndefined();
  });

  it('does not pair the orders of different buyers', () => {
    const scores = scorePairs([order('u1', 'o1', ['A']), order('u2', 'o2', ['B'])], []);
    expect(scores.size).toBe(0);
  });

  it('counts a buyer once per pair at the strongest evidence, and sums over buyers', () => {
    const oneBuyer = scorePairs(
      [order('u1', 'o1', ['A', 'B']), order('u1', 'o2', ['A', 'B']), order('u1', 'o3', ['B'])],
      [view('u1', 'A'), view('u1', 'B')],
    );
    expect(oneBuyer.get('A')?.get('B')).toBe(PAIR_WEIGHTS.sameOrder);
    const twoBuyers = scorePairs([order('u1', 'o1', ['A', 'B']), order('u2', 'o2', ['A', 'B'])], []);
    expect(twoBuyers.get('A')?.get('B')).toBe(2 * PAIR_WEIGHTS.sameOrder);
  });

  it('scores views within 7 days lower than any purchase', () => {
    const scores = scorePairs(
      [],
      [view('u1', 'A'), view('u1', 'B', NOW - 6 * DAY), view('u1', 'C', NOW - 8 * DAY)],
    );
    expect(scores.get('A')?.get('B')).toBe(PAIR_WEIGHTS.viewed);
    expect(scores.get('A')?.get('C')).toBeUndefined();
    expect(scores.get('B')?.get('C')).toBe(PAIR_WEIGHTS.viewed);
    expect(PAIR_WEIGHTS.viewed).toBeLessThan(PAIR_WEIGHTS.sameBuyer);
  });

  it('uses only a buyer’s most recent items, so one heavy buyer stays cheap', () => {
    const many = Array.from({ length: MAX_ITEMS_PER_BUYER + 10 }, (_, i) =>
      view('u1', `p${i}`, NOW - i * 1000),
    );
    const scores = scorePairs([], many);
    expect(scores.size).toBe(MAX_ITEMS_PER_BUYER);
    expect(scores.has(`p${MAX_ITEMS_PER_BUYER}`)).toBe(false);
  });
});

describe('rankFor', () => {
  const scores = scorePairs(
    [
      order('u1', 'o1', ['A', 'B', 'C']),
      order('u2', 'o2', ['A', 'B']),
      order('u3', 'o3', ['A', 'D']),
      order('u3', 'o4', ['E'], NOW - DAY),
    ],
    [view('u4', 'A'), view('u4', 'F')],
  );

  it('orders by score: purchases before views', () => {
    expect(rankFor('A', scores, all, noSales)).toEqual(['B', 'C', 'D', 'E', 'F']);
  });

  it('never lists the product itself nor an ineligible (off-sale) one, and stops at the limit', () => {
    const ranked = rankFor('A', scores, (id) => id !== 'B', noSales, 2);
    expect(ranked).toEqual(['C', 'D']);
    expect(ranked).not.toContain('A');
  });

  it('breaks ties by sales, then by id', () => {
    expect(rankFor('A', scores, all, new Map([['D', 100]]))).toEqual(['B', 'D', 'C', 'E', 'F']);
  });

  it('answers nothing for a product without pairs', () => {
    expect(rankFor('Z', scores, all, noSales)).toEqual([]);
  });
});

describe('topSellers', () => {
  it('lists recent pieces sold first, then fills from the best sellers, skipping ineligible ones', () => {
    const purchases = [
      order('u1', 'o1', ['A']),
      { ...order('u2', 'o2', []), items: [{ productId: 'B', quantity: 3 }] },
      order('u3', 'o3', ['X']),
    ];
    const list = topSellers(purchases, (id) => id !== 'X', ['C', 'A', 'X', 'D'], 4);
    expect(list).toEqual(['B', 'A', 'C', 'D']);
  });
});

describe('mergeLists', () => {
  const cards = (...ids: string[]) => ids.map((_id) => ({ _id }));

  it('fills the product’s list from the fallback without repeats or excluded products', () => {
    expect(mergeLists(cards('B', 'C'), cards('A', 'C', 'D', 'E'), ['A'], 4)).toEqual(
      cards('B', 'C', 'D', 'E'),
    );
  });

  it('is the fallback alone when the product has no list', () => {
    expect(mergeLists([], cards('A', 'B'), ['A'])).toEqual(cards('B'));
  });
});
