/**
 * Display of integer fen as yuan: the one formatter the pages and the functions share.
 * Pure string arithmetic on integers, so no floating point rounding can show '¥0.30000000000000004'.
 */
import type { Fen } from './entities';

function assertFen(fen: Fen): void {
  if (!Number.isSafeInteger(fen)) throw new TypeError(`money must be an integer number of fen, got ${fen}`);
}

/** Yuan and cents as strings, e.g. 1230 → { sign: '', yuan: '12', cents: '30' }: price tags draw them apart. */
export function splitFen(fen: Fen): { sign: '' | '-'; yuan: string; cents: string } {
  assertFen(fen);
  const abs = Math.abs(fen);
  return {
    sign: fen < 0 ? '-' : '',
    yuan: String(Math.floor(abs / 100)),
    cents: String(abs % 100).padStart(2, '0'),
  };
}

/** 1230 → '12.30'; -5 → '-0.05'. */
export function formatYuan(fen: Fen): string {
  const { sign, yuan, cents } = splitFen(fen);
  return `${sign}${yuan}.${cents}`;
}

/** 1230 → '¥12.30'; -500 → '-¥5.00' (a discount line). */
export function formatPrice(fen: Fen): string {
  const { sign, yuan, cents } = splitFen(fen);
  return `${sign}¥${yuan}.${cents}`;
}

/** A listing's price range: '¥12.30' when min = max, else '¥12.30-45.00'. */
export function formatPriceRange(min: Fen, max: Fen): string {
  return min === max ? formatPrice(min) : `${formatPrice(min)}-${formatYuan(max)}`;
}
