/**
 * Money rules of the server: integer fen arithmetic that refuses fractions and unsafe integers.
 * Display formatting lives in types/money so the pages share the one implementation; re-exported here.
 */
import type { Fen } from '../../../types/entities';

export { formatPrice, formatPriceRange, formatYuan, splitFen } from '../../../types/money';

export function isFen(value: unknown): value is Fen {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

/** Throws on anything but a safe integer: a fractional amount is a bug upstream, never something to round. */
export function assertFen(value: number, what = 'amount'): Fen {
  if (!isFen(value)) throw new TypeError(`${what} must be an integer number of fen, got ${value}`);
  return value;
}

/** price × quantity, checked. */
export function lineTotal(price: Fen, quantity: number): Fen {
  assertFen(price, 'price');
  if (!Number.isSafeInteger(quantity) || quantity < 0) throw new TypeError(`bad quantity ${quantity}`);
  return assertFen(price * quantity, 'line total');
}

export function sumFen(amounts: readonly Fen[]): Fen {
  return assertFen(
    amounts.reduce((sum, a) => sum + assertFen(a), 0),
    'sum',
  );
}
