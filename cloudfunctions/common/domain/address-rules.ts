/**
 * The address book's rules, read by the functions' input schema and the address form alike, so the form
 * refuses exactly what the server would. Lengths count characters as the buyer sees them (an emoji is one).
 */

/** Beyond this the address book is refused with ADDRESS_LIMIT. */
export const MAX_ADDRESSES = 20;

/** Mainland China mobile numbers: 11 digits, 13x–19x. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

/** Trimmed length in characters, per field; province, city and district share the region's bounds. */
export const ADDRESS_LENGTHS = {
  name: { min: 1, max: 20 },
  region: { min: 1, max: 20 },
  detail: { min: 2, max: 100 },
} as const;

/** Characters as the buyer counts them, after trimming. */
export function addressTextLength(text: string): number {
  return [...text.trim()].length;
}
