/**
 * Reviews on the local cloud: only the buyer of a received order reviews its items, once each; the product's
 * summary follows; catalog.reviews pages a product's reviews newest first without naming buyers.
 */
import type { Order, ReviewView } from '../../types';
import { buyableProduct, placeOrder, startShopCloud, type Buyer, type ShopCloud } from './shop-cloud';

let shop: ShopCloud;
const {
  product,
  skus: [sku],
} = buyableProduct(1, 30);
const GOOD = '质量很好，物流也快，推荐购买。';

beforeAll(async () => {
  shop = await startShopCloud();
});
afterAll(() => shop.close());

interface Summary {
  reviewCount?: number;
  ratingTotal?: number;
  positiveCount?: number;
}

async function summaryOf(productId: string): Promise<Summary> {
  const doc = (await shop.db.collection('products').doc(productId).get()).data as unknown as Summary;
  return { reviewCount: doc.reviewCount, ratingTotal: doc.ratingTotal, positiveCount: doc.positiveCount };
}

async function reviewCountOf(productId: string): Promise<number> {
  const answer = (await shop.db.collection('reviews').where({ productId }).count()) as { total: number };
  return answer.total;
}

/** An order of one piece of `sku`, moved straight to `state` as the payment, shipping and receipt would. */
async function orderIn(openid: string, state: Order['state']): Promise<{ buyer: Buyer; order: Order }> {
  const { buyer, order } = await placeOrder(
    shop,
    openid,
    { productId: product._id, skuId: sku._id },
    `${openid}-1`,
  );
  if (state !== 'TO_PAY') {
    await shop.db.collection('orders').doc(order._id).update({ data: { state } });
  }
  return { buyer, order };
}

test('the buyer reviews an item of a received order; the product summary counts it', async () => {
  const { buyer, order } = await orderIn('review-buyer', 'RECEIVED');
  const before = await summaryOf(product._id);
  const review = await buyer.ok('review.create', {
    orderId: order._id,
    skuId: sku._id,
    rating: 4,
    content: `  ${GOOD}  `,
  });
  expect(review).toMatchObject({ productId: product._id, skuId: sku._id, rating: 4, content: GOOD });
  expect(review.specText).toBe(order.items[0].specText);
  expect(review.buyerName).toMatch(/^买家\*\*\*[0-9a-f]{3}$/);
  expect(JSON.stringify(review)).not.toContain('review-buyer');
  expect(await summaryOf(product._id)).toEqual({
    reviewCount: (before.reviewCount ?? 0) + 1,
    ratingTotal: (before.ratingTotal ?? 0) + 4,
    positiveCount: (before.positiveCount ?? 0) + 1,
  });
  expect(await buyer.ok('review.mine', { orderId: order._id })).toEqual({ skuIds: [sku._id] });
  // The product detail carries the summary: no extra request for 评价(N).
  const detail = await buyer.ok('catalog.product', { productId: product._id });
  expect(detail.product.reviewCount).toBe((before.reviewCount ?? 0) + 1);

  // Twice: REVIEW_EXISTS, and nothing more is counted.
  const again = await buyer.call('review.create', {
    orderId: order._id,
    skuId: sku._id,
    rating: 5,
    content: GOOD,
  });
  expect(again).toMatchObject({ ok: false, code: 'REVIEW_EXISTS' });
  expect((await summaryOf(product._id)).reviewCount).toBe((before.reviewCount ?? 0) + 1);
});

test('a completed order may be reviewed; one not yet received may not', async () => {
  const { buyer: done, order: completed } = await orderIn('completed-buyer', 'COMPLETED');
  expect(
    await done.call('review.create', { orderId: completed._id, skuId: sku._id, rating: 5, content: GOOD }),
  ).toMatchObject({ ok: true });

  const { buyer, order } = await orderIn('early-buyer', 'SHIPPED');
  const before = await reviewCountOf(product._id);
  expect(
    await buyer.call('review.create', { orderId: order._id, skuId: sku._id, rating: 5, content: GOOD }),
  ).toMatchObject({ ok: false, code: 'ORDER_STATE_CONFLICT' });
  expect(await reviewCountOf(product._id)).toBe(before);
});

test('another buyer cannot review the order, nor see what was reviewed', async () => {
  const { order } = await orderIn('owner-buyer', 'RECEIVED');
  const stranger = shop.buyer('stranger-buyer');
  expect(
    await stranger.call('review.create', {
      orderId: order._id,
      skuId: sku._id,
      rating: 1,
      content: '差评差评差评',
    }),
  ).toMatchObject({ ok: false, code: 'ORDER_NOT_FOUND' });
  expect(await stranger.ok('review.mine', { orderId: order._id })).toEqual({ skuIds: [] });
});

test('a bad rating, bad text or a SKU the order lacks is refused and nothing changes', async () => {
  const { buyer, order } = await orderIn('careless-buyer', 'RECEIVED');
  const before = { summary: await summaryOf(product._id), count: await reviewCountOf(product._id) };
  const attempts = [
    { rating: 0, content: GOOD },
    { rating: 6, content: GOOD },
    { rating: 4.5, content: GOOD },
    { rating: 5, content: '  好  ' },
    { rating: 5, content: '好'.repeat(501) },
    { rating: 5, content: '很好\u0000很好很好' },
  ];
  for (const attempt of attempts) {
    expect(
      await buyer.call('review.create', { orderId: order._id, skuId: sku._id, ...attempt }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  }
  expect(
    await buyer.call('review.create', { orderId: order._id, skuId: 'p999-s01', rating: 5, content: GOOD }),
  ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  expect(
    await buyer.raw({
      action: 'review.create',
      orderId: order._id,
      skuId: sku._id,
      rating: '5',
      content: GOOD,
    }),
  ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  expect({ summary: await summaryOf(product._id), count: await reviewCountOf(product._id) }).toEqual(before);
  expect(await buyer.ok('review.mine', { orderId: order._id })).toEqual({ skuIds: [] });
});

test('catalog.reviews pages a product’s reviews, 20 a page, newest first, without buyers’ OPENIDs', async () => {
  const productId = 'paging-product';
  const base = Date.UTC(2025, 0, 1);
  await Promise.all(
    Array.from({ length: 25 }, (_, i) =>
      shop.db.collection('reviews').add({
        data: {
          _id: `paging-review-${String(i).padStart(2, '0')}`,
          orderId: `paging-order-${i}`,
          openid: `paging-buyer-${i}`,
          productId,
          skuId: 'paging-sku',
          specText: '颜色:红',
          rating: 1 + (i % 5),
          content: `第${i}条评价内容`,
          createdAt: base + i * 1000,
          buyerName: '买家***abc',
        },
      }),
    ),
  );
  const reader = shop.buyer('');
  const first = await reader.ok('catalog.reviews', { productId });
  expect(first.items).toHaveLength(20);
  expect(first.hasMore).toBe(true);
  expect(first.items[0].content).toBe('第24条评价内容');
  const times = first.items.map((r: ReviewView) => r.createdAt);
  expect(times).toEqual([...times].sort((a, b) => b - a));
  expect(JSON.stringify(first)).not.toMatch(/paging-buyer|paging-order/);

  const second = await reader.ok('catalog.reviews', { productId, page: 2 });
  expect(second).toMatchObject({ page: 2, hasMore: false });
  expect(second.items.map((r) => r.content)).toEqual([4, 3, 2, 1, 0].map((i) => `第${i}条评价内容`));
  expect(await reader.call('catalog.reviews', { productId: 'bad id!' })).toMatchObject({
    ok: false,
    code: 'PRODUCT_NOT_FOUND',
  });
});
