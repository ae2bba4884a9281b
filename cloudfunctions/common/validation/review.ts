/** Schemas of the review actions: whole stars 1..5 and trimmed text of 5..500 characters. */
import { z } from 'zod';
import { MAX_RATING, MIN_RATING, REVIEW_CONTENT_MAX, REVIEW_CONTENT_MIN } from '../domain/reviews';
import { idSchema, textSchema } from './fields';

export const createReviewSchema = z.object({
  orderId: idSchema,
  skuId: idSchema,
  rating: z.number().int().min(MIN_RATING).max(MAX_RATING),
  content: textSchema(REVIEW_CONTENT_MIN, REVIEW_CONTENT_MAX),
});

export const productReviewsSchema = z.object({
  productId: idSchema,
  page: z.number().int().min(1).max(100).optional(),
});
