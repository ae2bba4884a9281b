/** Schemas of favorites, browsing history, 我的 and the cancel reason. */
import { z } from 'zod';
import { CANCEL_REASONS, FAVORITES_LIMIT } from '../../../types/buyer-lists';
import { idSchema } from './fields';
import { orderIdSchema } from './order';

export const favoriteProductSchema = z.object({ productId: idSchema }).strict();

/** Pages of 20 up to the limit: nothing lies beyond it. */
export const favoriteListSchema = z
  .object({
    page: z
      .number()
      .int()
      .min(1)
      .max(Math.ceil(FAVORITES_LIMIT / 20))
      .optional(),
  })
  .strict();

export const cancelOrderSchema = orderIdSchema.extend({ reason: z.enum(CANCEL_REASONS).optional() });
