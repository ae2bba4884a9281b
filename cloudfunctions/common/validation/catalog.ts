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
    minPrice: z.number().int().min(0).max(100_000_000).optional(),
    maxPrice: z.number().int().min(0).max(100_000_000).optional(),
    inStock: z.boolean().optional(),
  })
  .strict()
  .refine((r) => r.minPrice === undefined || r.maxPrice === undefined || r.minPrice <= r.maxPrice, {
    message: 'minPrice above maxPrice',
  });

export const searchHintsSchema = z.object({ prefix: textSchema(0, 40).optional() }).strict();
