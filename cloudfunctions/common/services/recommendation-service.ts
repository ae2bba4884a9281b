/**
 * 猜你喜欢 / 看了又看 answered from the precomputed lists, then checked against the products themselves: the
 * lists hold copies of cards the worker refreshes every 10 minutes, so the answer's candidates (twice the
 * list's length, so dropping some still fills it) are read once more by id for their on-sale state and kept
 * 已售罄 flag: a product taken off sale since is dropped, one sold out since is marked (domain/sold-out).
 * With a product that has its list: 2 database requests (its list and the shop-wide one in one read, then the
 * live states; catalog.product recorded the view). Without a product, the buyer's last viewed product stands
 * in for it: 3. A product without a list of its own yet (put on sale since the worker's last run, or beyond
 * its category's pool) is read once more with one indexed page of its category, and ranked by content
 * similarity: 4 requests with a product, 5 without, whatever the size of the catalog.
 */
import type { ProductCard, RecommendResponse } from '../../../types/api';
import { blendFor } from '../domain/recommendation-blend';
import { mergeLists, RECOMMENDATION_LIMIT } from '../domain/recommendations';
import { withLiveSaleState } from '../domain/sold-out';
import { findProducts } from '../repositories/catalog-repository';
import { findLiveSaleStates } from '../repositories/product-card-lookup';
import { latestViewedProduct } from '../repositories/product-view-repository';
import {
  findCategoryProfiles,
  findProfile,
  type ProductProfile,
} from '../repositories/product-profile-repository';
import { findLists, TOP_LIST_ID, type RecommendationDoc } from '../repositories/recommendation-repository';

/** Content candidates read for a product without a list: its category's best sellers. */
const CATEGORY_PAGE = 30;
const FALLBACK_SIZE = 10;
/** Candidates checked against the products: twice a list, so a few dropped still leave a full one. */
const CANDIDATES = RECOMMENDATION_LIMIT * 2;

/** Products like `product` from its category's best sellers, by content similarity alone. */
async function contentList(product: ProductProfile): Promise<ProductCard[]> {
  const categoryId = product.content.categoryPath[1];
  if (!categoryId) return [];
  const pool = await findCategoryProfiles(categoryId, 'sales', CATEGORY_PAGE);
  const cards = new Map(pool.map((profile) => [profile.card._id, profile.card]));
  const sales = new Map(pool.map((profile) => [profile.card._id, profile.card.sales]));
  const ranked = blendFor(
    product.content,
    product.card._id,
    new Map(),
    pool.map((profile) => profile.content),
    (id) => cards.has(id),
    sales,
  );
  return ranked.flatMap((id) => cards.get(id) ?? []);
}

async function answerFor(
  docs: readonly RecommendationDoc[],
  anchor: string | undefined,
  anchorProfile: () => Promise<ProductProfile | undefined>,
): Promise<RecommendResponse> {
  const own = anchor ? docs.find((doc) => doc._id === anchor) : undefined;
  const top = docs.find((doc) => doc._id === TOP_LIST_ID);
  let cards = own?.cards;
  if (anchor && !own) {
    const product = await anchorProfile();
    cards = product ? await contentList(product) : [];
  }
  // Whatever the product's own list lacks is filled from the best sellers.
  const candidates = mergeLists(cards ?? [], top?.cards ?? [], anchor ? [anchor] : [], CANDIDATES);
  if (candidates.length === 0) return { items: [] };
  const live = await findLiveSaleStates(candidates.map((card) => card._id));
  return { items: withLiveSaleState(candidates, live).slice(0, RECOMMENDATION_LIMIT) };
}

/**
 * `openid` is empty when nobody is signed in (H5 preview): nothing is recorded then. Without a product, the
 * buyer's last viewed product stands in for it, so 猜你喜欢 on the cart follows what they looked at.
 */
export async function recommend(openid: string, productId: string | undefined): Promise<RecommendResponse> {
  if (productId) {
    const docs = await findLists([productId, TOP_LIST_ID]);
    const hasList = docs.some((doc) => doc._id === productId);
    // The view itself was recorded when the detail was opened (catalog.product).
    const product = hasList ? undefined : await findProfile(productId);
    return answerFor(docs, productId, async () => product);
  }
  const anchor = openid ? await latestViewedProduct(openid) : undefined;
  const docs = await findLists(anchor ? [anchor, TOP_LIST_ID] : [TOP_LIST_ID]);
  const answer = await answerFor(docs, anchor, () =>
    anchor ? findProfile(anchor) : Promise.resolve(undefined),
  );
  if (answer.items.length > 0 || docs.some((doc) => doc._id === TOP_LIST_ID)) return answer;
  // A new shop before the worker's first run has no lists at all: the best sellers, read directly.
  const best = await findProducts({ sort: 'sales', skip: 0, limit: FALLBACK_SIZE });
  return { items: best.filter((card) => card._id !== anchor) };
}
