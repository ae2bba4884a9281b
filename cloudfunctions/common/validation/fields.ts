/**
 * Field schemas shared by the input schemas: document ids and text measured in characters, not UTF-16
 * units, so '𠀀' or an emoji counts once as the buyer sees it.
 */
import { z } from 'zod';

/** Ids of our documents: seed ids like 'p001-s01' and the database's generated ones. */
export const idSchema = z.string().regex(/^[0-9A-Za-z_-]{1,64}$/, 'bad id');

function charCount(s: string): number {
  return [...s].length;
}

/** Trimmed text of min..max characters, without control characters (they break lists and labels). */
export function textSchema(min: number, max: number) {
  return z
    .string()
    .trim()
    .refine((s) => !/\p{Cc}/u.test(s), 'control characters')
    .refine((s) => charCount(s) >= min && charCount(s) <= max, `length must be ${min}..${max}`);
}
