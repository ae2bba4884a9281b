/** 首页 and 分类 on the sample shop: the feed from catalog.home, paging, and a category entry opening 分类. */
import { formatPrice } from '../../types';
import { createWeappHarness, settle, textOf, type RenderedPage, type WeappHarness } from './harness';
import { PAGE_SIZE, SeedShopBackend } from './seed-shop';

let harness: WeappHarness;
const backend = new SeedShopBackend();

beforeAll(() => {
  harness = createWeappHarness();
  harness.setCloudResponder(backend.answer);
});

const actions = () => harness.cloudCalls.map((call) => call.data.action);

function reachBottom(page: RenderedPage): void {
  (page.instance as unknown as { onReachBottom(): void }).onReachBottom();
}

describe('首页', () => {
  let page: RenderedPage;

  beforeAll(async () => {
    harness.clearRecords();
    page = await harness.renderPage('pages/index/index');
  });

  test('the first screen is catalog.home and cart.count, nothing more', () => {
    expect(actions().sort()).toEqual(['cart.count', 'catalog.home']);
  });

  test('renders the feed of catalog.home as cards with title, price and sales', () => {
    const feed = backend.productPage({ page: 1 }).items;
    const cards = page.querySelectorAll('.product-card');
    expect(cards).toHaveLength(feed.length);
    feed.forEach((product, i) => {
      const text = textOf(cards[i]);
      expect(text).toContain(product.title);
      expect(text).toContain(formatPrice(product.minPrice).slice(1));
      expect(text).toMatch(/已售 \d/);
    });
  });

  test('shows the top categories as entries', () => {
    const text = textOf(page.querySelector('#category-entries')!);
    for (const name of ['服饰', '数码', '家居', '美妆', '食品', '母婴', '运动', '图书'])
      expect(text).toContain(name);
  });

  test('reaching the bottom loads the next pages until 没有更多了', async () => {
    const total = backend.seed.products.filter((p) => p.onSale).length;
    for (let i = 0; i < 10 && page.querySelectorAll('.product-card').length < total; i += 1) {
      reachBottom(page);
      await settle();
    }
    expect(page.querySelectorAll('.product-card')).toHaveLength(total);
    expect(
      harness.cloudCalls.filter((c) => c.data.action === 'catalog.products').map((c) => c.data.page),
    ).toEqual(Array.from({ length: Math.ceil(total / PAGE_SIZE) - 1 }, (_, i) => i + 2));
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
    const expected = backend.productPage({ categoryId: 'c02', page: 1 }).items;
    expect(page.querySelectorAll('.product-card')).toHaveLength(expected.length);
    expect(textOf(page)).toContain(expected[0].title);
  });

  test('a sub-category chip narrows the products', async () => {
    const page = await harness.renderPage('pages/category/index');
    const sub = backend.seed.categories.find((c) => c.parentId === 'c01')!;
    page.querySelector(`#category-sub-${sub._id}`)!.dispatchEvent('tap');
    await settle();
    expect(harness.cloudCalls.at(-1)!.data).toMatchObject({
      action: 'catalog.products',
      categoryId: sub._id,
    });
    const expected = backend.productPage({ categoryId: sub._id, page: 1 }).items;
    expect(page.querySelectorAll('.product-card')).toHaveLength(expected.length);
  });
});
