/** Schemas of checkout: the quote and the order it creates. Prices are never accepted from the client. */
import { z } from 'zod';
import { idSchema, textSchema } from './fields';
import { quantitySchema } from './cart';

/** One order buys at most this many different SKUs: bounds the reads and stock writes of one order. */
export const MAX_ORDER_LINES = 50;

export const checkoutItemSchema = z.object({
  productId: idSchema,
  skuId: idSchema,
  quantity: quantitySchema,
});

export const quoteCheckoutSchema = z.object({
  items: z.array(checkoutItemSchema).min(1).max(MAX_ORDER_LINES),
  addressId: idSchema.optional(),
  /** Absent: the server suggests the best coupon. null: the buyer chose none. */
  couponId: idSchema.nullable().optional(),
});

export const createOrderSchema = quoteCheckoutSchema.extend({
  addressId: idSchema,
  /** Generated once per checkout page visit; retries with it return the same order. */
  requestId: z.string().regex(/^[0-9A-Za-z_-]{8,64}$/, 'bad request id'),
  /** The payable the buyer confirmed; if the server's differs the order is refused with PRICE_CHANGED. */
  expectedPayable: z.number().int().min(0),
  remark: textSchema(0, 100).optional(),
  /** The lines came from the cart: remove them from it once the order exists. */
  fromCart: z.boolean().optional(),
});

export type QuoteCheckoutRequest = z.infer<typeof quoteCheckoutSchema>;
export type CreateOrderRequest = z.infer<typeof createOrderSchema>;
