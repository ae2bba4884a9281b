/** The workspace's coupon templates: list with counts, create, pause and resume, edit the safe fields. */
import { z } from 'zod';
import type { CouponActions } from '../../types/merchant-coupons';
import type { ActionTable } from '../common/runtime/action-router';
import { recordChange, type Actor } from '../common/services/audit-service';
import {
  couponTemplates,
  createCouponTemplate,
  setCouponActive,
  updateCouponTemplate,
} from '../common/services/coupon-admin-service';
import { idSchema, textSchema } from '../common/validation/fields';

const none = z.object({}) as unknown as z.ZodType<Record<string, never>>;
const fen = z.number().int().min(0).max(100_000_000);
const epoch = z.number().int().min(0);

const couponInputSchema = z.object({
  title: textSchema(1, 20),
  description: textSchema(0, 40),
  rule: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('AMOUNT_OFF'), threshold: fen, amount: fen.min(1) }),
    z.object({
      kind: z.literal('PERCENT_OFF'),
      threshold: fen,
      percentOff: z.number().int().min(1).max(99),
      cap: fen.min(1).optional(),
    }),
  ]),
  categoryIds: z.array(idSchema).max(20).optional(),
  totalLimit: z.number().int().min(1).max(1_000_000),
  perUserLimit: z.number().int().min(1).max(100),
  validity: z.discriminatedUnion('kind', [
    z.object({ kind: z.literal('FIXED'), from: epoch, to: epoch }),
    z.object({ kind: z.literal('DAYS_AFTER_CLAIM'), days: z.number().int().min(1).max(365) }),
  ]),
  newcomerOnly: z.boolean(),
});

const couponUpdateSchema = z
  .object({
    templateId: idSchema,
    title: textSchema(1, 20).optional(),
    validTo: epoch.optional(),
    validDays: z.number().int().min(1).max(365).optional(),
    totalLimit: z.number().int().min(1).max(1_000_000).optional(),
    perUserLimit: z.number().int().min(1).max(100).optional(),
    paused: z.boolean().optional(),
  })
  .strict()
  .refine((input) => Object.keys(input).length > 1, { message: 'nothing to change' });

export function couponActions(actor: () => Actor): Pick<ActionTable<'admin'>, keyof CouponActions> {
  return {
    'coupons.list': { schema: none, run: () => couponTemplates() },
    'coupons.create': {
      schema: couponInputSchema,
      run: (input, { now }) =>
        recordChange(
          actor(),
          'coupons.create',
          'coupon',
          (template) => template._id,
          () => createCouponTemplate(input, now),
          now,
        ),
    },
    'coupons.setActive': {
      schema: z.object({ templateId: idSchema, active: z.boolean() }),
      fieldCodes: { templateId: 'COUPON_NOT_FOUND' },
      run: ({ templateId, active }, { now }) =>
        recordChange(
          actor(),
          'coupons.setActive',
          'coupon',
          templateId,
          () => setCouponActive(templateId, active),
          now,
        ),
    },
    'coupons.update': {
      schema: couponUpdateSchema,
      fieldCodes: { templateId: 'COUPON_NOT_FOUND' },
      run: (input, { now }) =>
        recordChange(
          actor(),
          'coupons.update',
          'coupon',
          input.templateId,
          () => updateCouponTemplate(input),
          now,
        ),
    },
  };
}
