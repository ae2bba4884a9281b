/** 首页 and 分类 on the real functions: the feed from catalog.home, paging, and a category entry opening 分类. */
import type { ProductCard } from '../../types';
import { formatPrice } from '../../types';
import { settle, tap, textOf, waitFor, type RenderedPage } from './harness';
import { shopOnCloudForFile } from './shop-per-file';

const BUYER = 'weapp-home-buyer';
const { cloud, harness } = shopOnCloudForFile({ buyer: BUYER });

const actions = () => harness.cloudCalls.map((call) => call.data.action);

function reachBottom(page: RenderedPage): void {
  (page.instance as unknown as { onReachBottom(): void }).onReachBottom();
}

/** Every on-sale product of a listing, page after page, as the functions answer it. */
async function everyCard(request: { categoryId?: string }): Promise<ProductCard[]> {
  const cards: ProductCard[] = [];
  for (let page = 1; ; page += 1) {
    const answer = await cloud.ok(BUYER, 'catalog.products', { ...request, page });
    cards.push(...answer.items);
    if (!answer.hasMore) return cards;
  }
}

describe('首页', () => {
  let page: RenderedPage;

  beforeAll(async () => {
    harness.clearRecords();
    page = await harness.renderPage('pages/index/index');
  });

  test('the first screen is catalog.home and cart.count; the 新人券 check follows it, once per device', async () => {
    expect(actions().slice(0, 2).sort()).toEqual(['cart.count', 'catalog.home']);
    expect(actions().slice(2)).toEqual(['coupon.newcomer']);
  });

  test('新人券: a buyer who never paid sees the newcomer coupons, claims them with one tap, and is not asked again', async () => {
    await waitFor(() => Boolean(page.querySelector('#newcomer-prompt')), 'the 新人券 strip');
    expect(textOf(page.querySelector('#newcomer-prompt')!)).toContain('新人专享');
    expect(page.querySelector('#newcomer-coupon-ct-newcomer')).toBeTruthy();
    await tap(page, '#newcomer-claim');
    await waitFor(() => !page.querySelector('#newcomer-prompt'), 'the strip to go');
    expect(harness.toasts.at(-1)).toBe('领取成功，下单自动抵扣');
    const { coupons } = await cloud.ok(BUYER, 'coupon.mine', {});
    expect(coupons.map((coupon) => coupon.templateId)).toEqual(['ct-newcomer']);

    harness.clearRecords();
    const again = await harness.renderPage('pages/index/index');
    expect(actions()).not.toContain('coupon.newcomer');
    expect(again.querySelector('#newcomer-prompt')).toBeFalsy();
  });

  test('renders the feed of catalog.home as cards with title, price and sales', async () => {
    const { feed } = await cloud.ok(BUYER, 'catalog.home', {});
    const cards = page.querySelectorAll('.product-card');
    expect(cards).toHaveLength(feed.items.length);
    feed.items.forEach((product, i) => {
      const text = textOf(cards[i]);
      expect(text).toContain(product.title);
      expect(text).toContain(formatPrice(product.minPrice).slice(1));
      expect(text).toMatch(/已售 \d/);
    });
  });

  test('shows the top categories as entries', async () => {
    const { categories } = await cloud.ok(BUYER, 'catalog.home', {});
    const text = textOf(page.querySelector('#category-entries')!);
    expect(categories.length).toBeGreaterThan(0);
    for (const category of categories) expect(text).toContain(category.name);
  });

  test('reaching the bottom loads the next pages until 没有更多了', async () => {
    const all = await everyCard({});
    const { pageSize } = (await cloud.ok(BUYER, 'catalog.home', {})).feed;
    harness.clearRecords();
    for (let i = 0; i < 20 && page.querySelectorAll('.product-card').length < all.length; i += 1) {
      reachBottom(page);
      await settle();
    }
    const cards = page.querySelectorAll('.product-card');
    expect(cards.map((card) => textOf(card))).toHaveLength(all.length);
    all.forEach((product, i) => expect(textOf(cards[i])).toContain(product.title));
    expect(
      harness.cloudCalls.filter((c) => c.data.action === 'catalog.products').map((c) => c.data.page),
    ).toEqual(Array.from({ length: Math.ceil(all.length / pageSize) - 1 }, (_, i) => i + 2));
    expect(textOf(page.querySelector('#load-more')!)).toBe('没有更多了');
  });

  test('a category entry remembers the category and switches to the 分类 tab', async () => {
    page.querySelector('#category-entry-c02')!.dispatchEvent('tap');
    await settle();
    expect(harness.navigations.at(-1)).toBe('/pages/category/index');
  });
});

describe('分类', () => {
  test('opens on the category chosen on 首页, with its products, in two calls', async () => {
    harness.clearRecords();
    const page = await harness.renderPage('pages/category/index');
    expect(actions()).toEqual(['catalog.categories', 'catalog.products']);
    expect(harness.cloudCalls[1].data.categoryId).toBe('c02');
    expect(page.querySelector('#category-top-c02')!.dom!.className).toContain('category__top--active');
    const expected = await cloud.ok(BUYER, 'catalog.products', { categoryId: 'c02', page: 1 });
    expect(expected.items.length).toBeGreaterThan(0);
    expect(page.querySelectorAll('.product-card')).toHaveLength(expected.items.length);
    expect(textOf(page)).toContain(expected.items[0].title);
  });

  test('a sub-category chip narrows the products', async () => {
    const page = await harness.renderPage('pages/category/index');
    const { categories } = await cloud.ok(BUYER, 'catalog.categories', {});
    const sub = categories.find((c) => c.parentId === 'c01')!;
    page.querySelector(`#category-sub-${sub._id}`)!.dispatchEvent('tap');
    await settle();
    expect(harness.cloudCalls.at(-1)!.data).toMatchObject({
      action: 'catalog.products',
      categoryId: sub._id,
    });
    const expected = await cloud.ok(BUYER, 'catalog.products', { categoryId: sub._id, page: 1 });
    expect(page.querySelectorAll('.product-card')).toHaveLength(expected.items.length);
  });
});
