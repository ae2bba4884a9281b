/**
 * 猜你喜欢 / 看了又看 answered from the precomputed lists: with a product, one write (the view) and one read
 * (its list and the shop-wide one; a product without a list of its own is looked up once more before its view
 * is recorded), so it fits the budget of any page that loads it after its first screen.
 */
import type { RecommendResponse } from '../../../types/api';
import { mergeLists, viewDay } from '../domain/recommendations';
import { findProduct } from '../repositories/catalog-repository';
import { latestViewedProduct, recordView } from '../repositories/product-view-repository';
import { findLists, TOP_LIST_ID, type RecommendationDoc } from '../repositories/recommendation-repository';

function answerFrom(docs: readonly RecommendationDoc[], anchor: string | undefined): RecommendResponse {
  const own = anchor ? docs.find((doc) => doc._id === anchor) : undefined;
  const top = docs.find((doc) => doc._id === TOP_LIST_ID);
  // A product without a list of its own yet (new, or never bought with anything) shows the best sellers.
  return { items: mergeLists(own?.cards ?? [], top?.cards ?? [], anchor ? [anchor] : []) };
}

/**
 * `openid` is empty when nobody is signed in (H5 preview): nothing is recorded then. Without a product, the
 * buyer's last viewed product stands in for it, so 猜你喜欢 on the cart follows what they looked at.
 */
export async function recommend(
  openid: string,
  productId: string | undefined,
  now: number,
): Promise<RecommendResponse> {
  if (productId) {
    const docs = await findLists([productId, TOP_LIST_ID]);
    // Views only of products that exist: a product with a list of its own does; any other is looked up, so
    // made-up ids cannot fill the views collection.
    const exists = docs.some((doc) => doc._id === productId) || (await findProduct(productId)) !== undefined;
    if (openid && exists) await recordView({ openid, productId, day: viewDay(now), at: now });
    return answerFrom(docs, productId);
  }
  const anchor = openid ? await latestViewedProduct(openid) : undefined;
  return answerFrom(await findLists(anchor ? [anchor, TOP_LIST_ID] : [TOP_LIST_ID]), anchor);
}
