/** Schemas of the address book actions: what the address form may send. */
import { z } from 'zod';
import type { AddressInput } from '../../../types/entities';
import { idSchema, textSchema } from './fields';

/** Beyond this the address book is refused with ADDRESS_LIMIT. */
export const MAX_ADDRESSES = 20;

/** Mainland China mobile numbers: 11 digits, 13x–19x. */
export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

export const addressInputSchema = z.object({
  name: textSchema(1, 20),
  mobile: z.string().trim().regex(MOBILE_PATTERN, 'bad mobile'),
  province: textSchema(1, 20),
  city: textSchema(1, 20),
  district: textSchema(1, 20),
  detail: textSchema(2, 100),
  isDefault: z.boolean().default(false),
}) satisfies z.ZodType<AddressInput, z.ZodTypeDef, unknown>;

export const addressIdSchema = z.object({ addressId: idSchema });

export const addressUpdateSchema = addressInputSchema.extend({ addressId: idSchema });

export type AddressIdRequest = z.infer<typeof addressIdSchema>;
export type AddressUpdateRequest = z.infer<typeof addressUpdateSchema>;
