import {
  assertFen,
  formatPrice,
  formatPriceRange,
  formatYuan,
  lineTotal,
  splitFen,
  sumFen,
} from '../../../cloudfunctions/common/domain/money';
import * as shared from '../../../types/money';

describe('money formatting', () => {
  it.each([
    [0, '¥0.00', '0.00'],
    [1, '¥0.01', '0.01'],
    [10, '¥0.10', '0.10'],
    [1230, '¥12.30', '12.30'],
    [99900, '¥999.00', '999.00'],
    [123456789, '¥1234567.89', '1234567.89'],
  ])('%i fen → %s', (fen, price, yuan) => {
    expect(formatPrice(fen)).toBe(price);
    expect(formatYuan(fen)).toBe(yuan);
  });

  it('puts the sign before the currency symbol', () => {
    expect(formatPrice(-500)).toBe('-¥5.00');
    expect(formatYuan(-5)).toBe('-0.05');
  });

  it('splits yuan and cents for price tags', () => {
    expect(splitFen(1205)).toEqual({ sign: '', yuan: '12', cents: '05' });
  });

  it('formats a range, or one price when min equals max', () => {
    expect(formatPriceRange(4900, 5900)).toBe('¥49.00-59.00');
    expect(formatPriceRange(4900, 4900)).toBe('¥49.00');
  });

  it('refuses fractions of a fen instead of rounding them away', () => {
    expect(() => formatPrice(12.3)).toThrow(TypeError);
    expect(() => formatPrice(Number.NaN)).toThrow(TypeError);
    expect(() => assertFen(0.1 + 0.2)).toThrow(TypeError);
  });

  it('is the one implementation the pages import', () => {
    expect(formatPrice).toBe(shared.formatPrice);
  });
});

describe('money arithmetic', () => {
  it('multiplies and sums integer fen', () => {
    expect(lineTotal(1999, 3)).toBe(5997);
    expect(sumFen([1, 2, 3])).toBe(6);
    expect(sumFen([])).toBe(0);
  });

  it('refuses bad quantities and overflow', () => {
    expect(() => lineTotal(100, 1.5)).toThrow(TypeError);
    expect(() => lineTotal(100, -1)).toThrow(TypeError);
    expect(() => lineTotal(Number.MAX_SAFE_INTEGER, 2)).toThrow(TypeError);
  });
});
