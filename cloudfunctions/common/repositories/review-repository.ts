/** Reviews: written once per bought item (the _id says which), read by product and by a buyer's order. */
import type { Review } from '../../../types/entities';
import type { ReviewView } from '../../../types/api';
import { db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, insertUnlessExists, updatedCount } from './query-helpers';

const reviews = () => db.collection(COLLECTIONS.reviews);

/** What readers see: never the OPENID, nor which order it came from. */
const PUBLIC_FIELDS = {
  _id: true,
  productId: true,
  skuId: true,
  specText: true,
  rating: true,
  content: true,
  createdAt: true,
  buyerName: true,
};

/** 'EXISTS' when the item was already reviewed: the derived _id makes the database refuse the second. */
export async function insertReview(review: Review): Promise<'INSERTED' | 'EXISTS'> {
  return insertUnlessExists(reviews(), { ...review });
}

/** The undo of insertReview when the flow cannot finish: the buyer may then try again. */
export async function removeReview(reviewId: string): Promise<boolean> {
  return updatedCount(await reviews().where({ _id: reviewId }).remove()) > 0;
}

/** A product's reviews, newest first; _id breaks ties so pages never overlap. */
export async function findProductReviews(
  productId: string,
  skip: number,
  limit: number,
): Promise<ReviewView[]> {
  const answer = await reviews()
    .where({ productId })
    .field(PUBLIC_FIELDS)
    .orderBy('createdAt', 'desc')
    .orderBy('_id', 'desc')
    .skip(skip)
    .limit(limit)
    .get();
  return documentsOf<ReviewView>(answer);
}

/** SKUs of one order the buyer has reviewed; an order holds few items, so one page covers it. */
export async function findReviewedSkuIds(openid: string, orderId: string): Promise<string[]> {
  const answer = await reviews().where({ openid, orderId }).field({ skuId: true }).limit(100).get();
  return documentsOf<Pick<Review, 'skuId'>>(answer).map((review) => review.skuId);
}
