/** Schemas of the address book actions: what the address form may send. */
import { z } from 'zod';
import type { AddressInput } from '../../../types/entities';
import { ADDRESS_LENGTHS, MOBILE_PATTERN } from '../domain/address-rules';
import { findRegion } from '../domain/regions';
import { idSchema, textSchema } from './fields';

const { name, region, detail } = ADDRESS_LENGTHS;

const addressFields = z.object({
  name: textSchema(name.min, name.max),
  mobile: z.string().trim().regex(MOBILE_PATTERN, 'bad mobile'),
  province: textSchema(region.min, region.max),
  city: textSchema(region.min, region.max),
  district: textSchema(region.min, region.max),
  detail: textSchema(detail.min, detail.max),
  isDefault: z.boolean().default(false),
});

/** The region must be a real province, city and district of China (domain/regions), not just any text. */
function realRegion(address: { province: string; city: string; district: string }, ctx: z.RefinementCtx) {
  if (!findRegion(address))
    ctx.addIssue({ code: z.ZodIssueCode.custom, path: ['province'], message: 'unknown region' });
}

export const addressInputSchema = addressFields.superRefine(realRegion) satisfies z.ZodType<
  AddressInput,
  z.ZodTypeDef,
  unknown
>;

export const addressIdSchema = z.object({ addressId: idSchema });

export const addressUpdateSchema = addressFields.extend({ addressId: idSchema }).superRefine(realRegion);

export type AddressIdRequest = z.infer<typeof addressIdSchema>;
export type AddressUpdateRequest = z.infer<typeof addressUpdateSchema>;

/** The address copied into an order, as the merchant corrects it: the same fields and region rule. */
export const addressSnapshotSchema = addressFields.omit({ isDefault: true }).superRefine(realRegion);
