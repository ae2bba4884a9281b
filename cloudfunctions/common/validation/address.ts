/** Schemas of the address book actions: what the address form may send. */
import { z } from 'zod';
import type { AddressInput } from '../../../types/entities';
import { ADDRESS_LENGTHS, MOBILE_PATTERN } from '../domain/address-rules';
import { idSchema, textSchema } from './fields';

const { name, region, detail } = ADDRESS_LENGTHS;

export const addressInputSchema = z.object({
  name: textSchema(name.min, name.max),
  mobile: z.string().trim().regex(MOBILE_PATTERN, 'bad mobile'),
  province: textSchema(region.min, region.max),
  city: textSchema(region.min, region.max),
  district: textSchema(region.min, region.max),
  detail: textSchema(detail.min, detail.max),
  isDefault: z.boolean().default(false),
}) satisfies z.ZodType<AddressInput, z.ZodTypeDef, unknown>;

export const addressIdSchema = z.object({ addressId: idSchema });

export const addressUpdateSchema = addressInputSchema.extend({ addressId: idSchema });

export type AddressIdRequest = z.infer<typeof addressIdSchema>;
export type AddressUpdateRequest = z.infer<typeof addressUpdateSchema>;
