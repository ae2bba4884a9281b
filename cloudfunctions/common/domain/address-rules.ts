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

/**
 * Which address is the default, decided when reading, so no interleaving of writes can leave none or two:
 * the highest `defaultRank` wins, ties go to the earliest created (then the smaller id). Making an address
 * the default writes one rank above every rank read; the first address, with rank 0 like any other never
 * chosen, is the default until another is chosen.
 */
export interface RankedAddress {
  _id: string;
  createdAt: number;
  defaultRank?: number;
}

export function defaultAddressOf<T extends RankedAddress>(book: readonly T[]): T | undefined {
  let best: T | undefined;
  for (const address of book) {
    if (!best) best = address;
    else {
      const rank = address.defaultRank ?? 0;
      const bestRank = best.defaultRank ?? 0;
      if (
        rank > bestRank ||
        (rank === bestRank &&
          (address.createdAt < best.createdAt ||
            (address.createdAt === best.createdAt && address._id < best._id)))
      )
        best = address;
    }
  }
  return best;
}

/** The rank that makes an address the default over every address read. */
export function nextDefaultRank(book: readonly RankedAddress[]): number {
  return book.reduce((max, address) => Math.max(max, address.defaultRank ?? 0), 0) + 1;
}

/**
 * Slots 0…MAX_ADDRESSES−1 not taken by the book read: each address's `_id` names its slot, so the database's
 * unique `_id` is what holds the limit when buyers add in parallel (two adds cannot both take one slot).
 */
export function freeAddressSlots(takenSlots: readonly number[]): number[] {
  const taken = new Set(takenSlots);
  const free: number[] = [];
  for (let slot = 0; slot < MAX_ADDRESSES; slot += 1) if (!taken.has(slot)) free.push(slot);
  return free;
}
