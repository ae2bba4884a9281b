/** Schemas of the catalog actions: listing filters, sort and paging. */
import { z } from 'zod';
import { idSchema, textSchema } from './fields';

export const PRODUCT_SORTS = ['default', 'sales', 'priceAsc', 'priceDesc', 'newest'] as const;

export const productListSchema = z
  .object({
    categoryId: idSchema.optional(),
    keyword: textSchema(0, 40).optional(),
    sort: z.enum(PRODUCT_SORTS).optional(),
    // Deep paging costs a skip per row in the cloud database; 50 pages of 20 is the whole shop many times over.
    page: z.number().int().min(1).max(50).optional(),
  })
  .strict();
