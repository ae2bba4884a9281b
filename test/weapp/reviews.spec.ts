/**
 * Reviews in the compiled pages: the detail page's 商品评价 (summary on the first screen, the first reviews read
 * only after a scroll), the full list, and 评价晒单 with its star picker sending review.create per item.
 */
import { settle, textOf, tap } from './harness';
import { callsOf } from './orders-on-cloud';
import { shopWithBuyerPerTest } from './shop-per-file';

const { cloud, harness, buyer, shop } = shopWithBuyerPerTest('weapp-reviews-buyer');

/** The first page of a product's reviews as the functions answer it, newest first. */
const productReviews = (productId: string) => cloud.ok(buyer(), 'catalog.reviews', { productId, page: 1 });

const actions = () => harness.cloudCalls.map((c) => c.data.action);

test('商品评价 shows the count and 好评率 from the product; the first reviews are read only after a scroll', async () => {
  // p003: three seed reviews rated 5, 3 and 5.
  const page = await harness.renderPage('package-goods/detail/index', { id: 'p003' });
  expect(textOf(page.querySelector('#detail-review-count')!)).toBe('商品评价(3)');
  expect(textOf(page.querySelector('#detail-review-rate')!)).toBe('好评率 66%');
  expect(actions()).not.toContain('catalog.reviews');
  // The first screen reads the product and the cart count only; the opening (浏览记录) is recorded after it and
  // may or may not have been sent by now (detail.spec pins the order).
  expect(
    actions()
      .filter((action) => action !== 'history.record')
      .sort(),
  ).toEqual(['cart.count', 'catalog.product']);

  const instance = page.instance as unknown as { onPageScroll(event: { scrollTop: number }): void };
  instance.onPageScroll({ scrollTop: 400 });
  await settle();
  instance.onPageScroll({ scrollTop: 600 });
  await settle();
  expect(callsOf(harness.cloudCalls, 'catalog.reviews')).toEqual([
    { action: 'catalog.reviews', productId: 'p003', page: 1 },
  ]);
  const newest = (await productReviews('p003')).items.slice(0, 2);
  const section = textOf(page.querySelector('#detail-reviews')!);
  for (const review of newest) {
    expect(section).toContain(review.content);
    expect(section).toContain(review.buyerName);
  }
  expect(page.querySelectorAll('.review-card')).toHaveLength(2);

  await tap(page, '#detail-reviews-all');
  expect(harness.navigations.at(-1)).toBe('/package-goods/reviews/index?id=p003');
});

test('a product without reviews says so and never reads reviews', async () => {
  const page = await harness.renderPage('package-goods/detail/index', { id: 'p006' });
  expect(textOf(page.querySelector('#detail-review-count')!)).toBe('商品评价(0)');
  expect(textOf(page.querySelector('#detail-reviews')!)).toContain('暂无评价');
  (page.instance as unknown as { onPageScroll(event: { scrollTop: number }): void }).onPageScroll({
    scrollTop: 400,
  });
  await settle();
  expect(actions()).not.toContain('catalog.reviews');
});

test('the review list shows every review with its stars, spec and date', async () => {
  const page = await harness.renderPage('package-goods/reviews/index', { id: 'p001' });
  const { items: expected, hasMore } = await productReviews('p001');
  expect(hasMore).toBe(false);
  expect(page.querySelectorAll('.review-card')).toHaveLength(expected.length);
  const text = textOf(page.querySelector('#review-list')!);
  expect(text).toContain(expected[0].content);
  expect(text).toContain(expected[0].specText);
  expect(text).toMatch(/2025-\d{2}-\d{2}/);
  expect(page.querySelectorAll('.stars__star--on').length).toBe(expected.reduce((n, r) => n + r.rating, 0));
  expect(textOf(page.querySelector('#load-more')!)).toBe('没有更多了');
});

test('评价 on a received order opens 评价晒单; stars and text are sent per item, which then reads 已评价', async () => {
  const order = await shop.inState('RECEIVED', {
    items: [
      { productId: 'p001', skuId: 'p001-s01', quantity: 1 },
      { productId: 'p001', skuId: 'p001-s02', quantity: 1 },
    ],
  });
  // One of the two is reviewed already.
  await cloud.ok(buyer(), 'review.create', {
    orderId: order._id,
    skuId: 'p001-s02',
    rating: 5,
    content: '尺码合适，很舒服',
  });

  const detail = await harness.renderPage('package-order/detail/index', { id: order._id });
  await tap(detail, `#order-review-${order._id}`);
  expect(harness.navigations.at(-1)).toBe(`/package-order/review/index?id=${order._id}`);

  const page = await harness.renderPage('package-order/review/index', { id: order._id });
  const first = order.items[0].skuId;
  expect(textOf(page.querySelector('#review-done-p001-s02')!)).toBe('已评价');
  expect(page.querySelector('#review-submit-p001-s02')).toBeFalsy();

  await tap(page, `#review-star-${first}-3`);
  expect(page.querySelectorAll(`#review-item-${first} .stars__star--on`)).toHaveLength(3);
  await tap(page, `#review-submit-${first}`);
  expect(harness.toasts.at(-1)).toBe('请至少写 5 个字');
  expect(callsOf(harness.cloudCalls, 'review.create')).toEqual([]);

  page
    .querySelector(`#review-text-${first}`)!
    .dispatchEvent('input', { detail: { value: '  衣服不错，就是有点薄  ' } });
  await settle();
  await tap(page, `#review-submit-${first}`);
  expect(callsOf(harness.cloudCalls, 'review.create')).toEqual([
    { action: 'review.create', orderId: order._id, skuId: first, rating: 3, content: '衣服不错，就是有点薄' },
  ]);
  expect(harness.toasts.at(-1)).toBe('评价成功');
  expect(textOf(page.querySelector(`#review-done-${first}`)!)).toBe('已评价');
  // The review is the product's newest, as the buyer wrote it.
  const [newest] = (await productReviews('p001')).items;
  expect(newest).toMatchObject({ skuId: first, rating: 3, content: '衣服不错，就是有点薄' });
});
