/** Review rules: who may review which item, the limits of ratings and text, the summary and the masked name. */
import type { Order, OrderItem } from '../../../types';
import {
  checkReviewable,
  isValidRating,
  itemsToReview,
  maskedBuyerName,
  reviewContent,
  reviewSummary,
  summaryIncrement,
} from '../../../cloudfunctions/common/domain/reviews';
import { buyerNameFor, reviewIdFor } from '../../../cloudfunctions/common/domain/review-identity';

const item = (skuId: string): OrderItem => ({
  productId: 'p001',
  skuId,
  title: 'T恤',
  specText: '颜色:白色 尺码:M',
  image: '/assets/products/p001-1.svg',
  price: 7900,
  quantity: 1,
});

const order = (state: Order['state']): Pick<Order, 'openid' | 'state' | 'items'> => ({
  openid: 'buyer-a',
  state,
  items: [item('p001-s01'), item('p001-s02')],
});

describe('checkReviewable', () => {
  it('lets the buyer review an item of a received or completed order', () => {
    expect(checkReviewable(order('RECEIVED'), 'buyer-a', 'p001-s02')).toEqual({
      ok: true,
      value: item('p001-s02'),
    });
    expect(checkReviewable(order('COMPLETED'), 'buyer-a', 'p001-s01').ok).toBe(true);
  });

  it('answers ORDER_NOT_FOUND for a missing order and for another buyer’s, alike', () => {
    expect(checkReviewable(undefined, 'buyer-a', 'p001-s01')).toMatchObject({ code: 'ORDER_NOT_FOUND' });
    expect(checkReviewable(order('RECEIVED'), 'buyer-b', 'p001-s01')).toMatchObject({
      code: 'ORDER_NOT_FOUND',
    });
  });

  it('refuses orders not yet received, and SKUs the order does not hold', () => {
    for (const state of [
      'TO_PAY',
      'PAID',
      'SHIPPED',
      'CANCELLED',
      'CLOSED',
      'REFUNDING',
      'REFUNDED',
    ] as const) {
      expect(checkReviewable(order(state), 'buyer-a', 'p001-s01')).toMatchObject({
        code: 'ORDER_STATE_CONFLICT',
      });
    }
    expect(checkReviewable(order('RECEIVED'), 'buyer-a', 'p002-s01')).toMatchObject({
      code: 'INVALID_INPUT',
    });
  });
});

describe('ratings and text', () => {
  it('takes whole stars 1..5 only', () => {
    expect([1, 2, 3, 4, 5].every(isValidRating)).toBe(true);
    for (const bad of [0, 6, 4.5, -1, Number.NaN]) expect(isValidRating(bad)).toBe(false);
  });

  it('keeps trimmed text of 5..500 characters without control characters', () => {
    expect(reviewContent('  很好很好用  ')).toBe('很好很好用');
    expect(reviewContent('太好了')).toBeUndefined();
    expect(reviewContent('😀😀😀😀😀')).toBe('😀😀😀😀😀'); // five characters, ten UTF-16 units
    expect(reviewContent('好'.repeat(500))).toHaveLength(500);
    expect(reviewContent('好'.repeat(501))).toBeUndefined();
    expect(reviewContent('很好\u0007很好用')).toBeUndefined();
  });
});

describe('summary', () => {
  it('adds one review: count, rating and whether it is positive (≥ 4)', () => {
    expect(summaryIncrement(5)).toEqual({ reviewCount: 1, ratingTotal: 5, positiveCount: 1 });
    expect(summaryIncrement(4).positiveCount).toBe(1);
    expect(summaryIncrement(3)).toEqual({ reviewCount: 1, ratingTotal: 3, positiveCount: 0 });
  });

  it('shows 好评率 rounded down and the average to one decimal', () => {
    expect(reviewSummary({})).toEqual({ count: 0 });
    expect(reviewSummary({ reviewCount: 3, ratingTotal: 13, positiveCount: 2 })).toEqual({
      count: 3,
      positiveRate: 66,
      average: 4.3,
    });
    expect(reviewSummary({ reviewCount: 200, ratingTotal: 990, positiveCount: 199 }).positiveRate).toBe(99);
    expect(reviewSummary({ reviewCount: 2, ratingTotal: 10, positiveCount: 2 }).positiveRate).toBe(100);
  });
});

describe('identity', () => {
  it('derives one review id per (order, SKU)', () => {
    expect(reviewIdFor('o1', 's1')).toBe(reviewIdFor('o1', 's1'));
    expect(reviewIdFor('o1', 's1')).not.toBe(reviewIdFor('o1', 's2'));
    expect(reviewIdFor('o1', 's1')).toMatch(/^r[0-9a-f]{31}$/);
  });

  it('masks the buyer: stable per OPENID, never containing it', () => {
    expect(maskedBuyerName('0123abc')).toBe('买家***abc');
    const name = buyerNameFor('oABCDEF-buyer-openid');
    expect(name).toMatch(/^买家\*\*\*[0-9a-f]{3}$/);
    expect(name).toBe(buyerNameFor('oABCDEF-buyer-openid'));
    expect(name).not.toContain('oABCDEF');
  });

  it('lists the items still to review', () => {
    expect(itemsToReview([item('a'), item('b'), item('c')], ['b']).map((i) => i.skuId)).toEqual(['a', 'c']);
  });
});
