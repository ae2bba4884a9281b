/** Input schemas of the merchant's catalog actions: products, SKUs, stock, categories, the home page. */
import { z } from 'zod';
import { idSchema, textSchema } from './fields';

const MAX_FEN = 100_000_000;
const fen = z.number().int().min(1).max(MAX_FEN);
/** cloud:// file IDs from cloud storage, or the shop's own asset paths. */
export const imageSchema = z
  .string()
  .max(512)
  .regex(/^(cloud:\/\/\S+|\/assets\/[0-9A-Za-z_./-]+|https?:\/\/\S+)$/, 'bad image');

const specSchema = z.object({
  name: textSchema(1, 10),
  values: z.array(textSchema(1, 20)).min(1).max(20),
  images: z.array(imageSchema).max(20).optional(),
});

const skuInputSchema = z.object({
  skuId: idSchema.optional(),
  specValues: z.array(textSchema(1, 20)).max(2),
  price: fen,
  originalPrice: fen,
  stock: z.number().int().min(0).max(1_000_000),
  onSale: z.boolean(),
});

export const productInputSchema = z.object({
  title: textSchema(1, 60),
  subtitle: textSchema(0, 120),
  categoryId: idSchema,
  images: z.array(imageSchema).min(1).max(9),
  description: textSchema(0, 2000),
  tags: z.array(textSchema(1, 10)).max(5),
  specs: z.array(specSchema).max(2),
  skus: z.array(skuInputSchema).min(1).max(100),
});

export const productListSchema = z.object({
  keyword: textSchema(0, 40).optional(),
  categoryId: idSchema.optional(),
  onSale: z.boolean().optional(),
  page: z.number().int().min(1).max(500).optional(),
});

export const stockAdjustmentSchema = z.object({
  skuId: idSchema,
  delta: z
    .number()
    .int()
    .min(-1_000_000)
    .max(1_000_000)
    .refine((n) => n !== 0, 'delta must not be 0'),
  reason: textSchema(1, 50),
});

export const categoryInputSchema = z.object({
  parentId: idSchema.nullable(),
  name: textSchema(1, 10),
  icon: z.union([z.literal(''), imageSchema]),
  sort: z.number().int().min(0).max(100_000),
});

const bannerLinkSchema = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }),
  z.object({ kind: z.literal('product'), productId: idSchema }),
  z.object({ kind: z.literal('category'), categoryId: idSchema }),
]);

export const homeContentSchema = z.object({
  banners: z.array(z.object({ image: imageSchema, title: textSchema(0, 20), link: bannerLinkSchema })).max(6),
  notices: z.array(z.object({ text: textSchema(1, 60) })).max(3),
});
