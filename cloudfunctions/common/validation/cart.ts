/** Schemas of the cart actions. Quantities are whole numbers 1..99; the stock ceiling is a domain rule. */
import { z } from 'zod';
import { MAX_CART_LINES, MAX_LINE_QUANTITY, MIN_LINE_QUANTITY } from '../domain/cart-rules';
import { idSchema } from './fields';

export const quantitySchema = z.number().int().min(MIN_LINE_QUANTITY).max(MAX_LINE_QUANTITY);

export const addToCartSchema = z.object({
  productId: idSchema,
  skuId: idSchema,
  quantity: quantitySchema,
});

export const setCartQuantitySchema = z.object({ lineId: idSchema, quantity: quantitySchema });

const lineIdsSchema = z
  .array(idSchema)
  .min(1)
  .max(MAX_CART_LINES)
  .refine((ids) => new Set(ids).size === ids.length, 'duplicate line ids');

export const selectCartLinesSchema = z.object({ lineIds: lineIdsSchema, selected: z.boolean() });

export const selectAllCartLinesSchema = z.object({ selected: z.boolean() });

export const removeCartLinesSchema = z.object({ lineIds: lineIdsSchema });

export type AddToCartRequest = z.infer<typeof addToCartSchema>;
export type SetCartQuantityRequest = z.infer<typeof setCartQuantitySchema>;
export type SelectCartLinesRequest = z.infer<typeof selectCartLinesSchema>;
export type RemoveCartLinesRequest = z.infer<typeof removeCartLinesSchema>;
