/**
 * Search through the `shop` function on the local cloud with the sample shop: keywords match the terms
 * computed when products are saved (words, categories, pinyin initials, synonyms from the shop's settings),
 * every word of a keyword must match, price and stock filters, hints while typing, and the cost per search.
 */
import { readSeed, startShopCloud, type ShopCloud } from './shop-cloud';

let shop: ShopCloud;
const seed = readSeed();
const onSale = seed.products.filter((p) => p.onSale);
const DIAPERS = seed.products.find((p) => p.title === '超薄透气婴儿纸尿裤')!;

beforeAll(async () => {
  shop = await startShopCloud();
});
afterAll(() => shop.close());

async function titlesFor(keyword: string, extra: Record<string, unknown> = {}): Promise<string[]> {
  const { items } = await shop.buyer('searcher').ok('catalog.products', { keyword, ...extra });
  return items.map((item) => item.title);
}

test('two words find the product that has both, in any order, and nothing that lacks one', async () => {
  expect(await titlesFor('纸尿裤 婴儿')).toEqual([DIAPERS.title]);
  expect(await titlesFor('婴儿 纸尿裤')).toEqual([DIAPERS.title]);
  expect(await titlesFor('婴儿纸尿裤')).toEqual([DIAPERS.title]);
  expect(await titlesFor('纸尿裤 耳机')).toEqual([]);
});

test('a category name finds every product on sale in that category', async () => {
  const sports = seed.categories.find((c) => c.name === '运动' && c.parentId === null)!;
  const expected = onSale.filter((p) => p.categoryPath[0] === sports._id).map((p) => p.title);
  expect(expected.length).toBeGreaterThan(2);
  const found = await titlesFor('运动');
  expect(found).toEqual(expect.arrayContaining(expected));
});

test("pinyin initials and the merchant's synonyms find a product too", async () => {
  expect(await titlesFor('znk')).toContain(DIAPERS.title);
  expect(await titlesFor('尿不湿')).toEqual([DIAPERS.title]);
});

test('the price range and 仅看有货 filter the results', async () => {
  const all = await shop.buyer('filter').ok('catalog.products', { keyword: '运动' });
  const prices = all.items.map((item) => item.minPrice).sort((a, b) => a - b);
  const middle = prices[Math.floor(prices.length / 2)];
  const cheap = await shop.buyer('filter').ok('catalog.products', { keyword: '运动', maxPrice: middle });
  expect(cheap.items.length).toBeGreaterThan(0);
  expect(cheap.items.every((item) => item.minPrice <= middle)).toBe(true);
  const dear = await shop
    .buyer('filter')
    .ok('catalog.products', { keyword: '运动', minPrice: middle + 1, sort: 'priceAsc' });
  expect(dear.items.every((item) => item.minPrice > middle)).toBe(true);
  expect(dear.items.length + cheap.items.length).toBe(all.items.length);

  const mango = await shop.buyer('filter').ok('catalog.products', { keyword: '芒果' });
  expect(mango.items.some((item) => item.soldOut)).toBe(true);
  const inStock = await shop.buyer('filter').ok('catalog.products', { keyword: '芒果', inStock: true });
  expect(inStock.items.some((item) => item.soldOut)).toBe(false);
  expect(inStock.items.length).toBeLessThan(mango.items.length);

  expect(
    await shop.buyer('filter').raw({ action: 'catalog.products', minPrice: 500, maxPrice: 100 }),
  ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
});

test('hints: 热门搜索 from the settings, and titles found while typing', async () => {
  const buyer = shop.buyer('typist');
  const before = await buyer.ok('catalog.searchHints', {});
  expect(before.hotKeywords).toContain('纸尿裤');
  expect(before.suggestions).toEqual([]);
  const typing = await buyer.ok('catalog.searchHints', { prefix: '纸尿' });
  expect(typing.suggestions).toEqual([DIAPERS.title]);
  expect(await buyer.raw({ action: 'catalog.searchHints', prefix: 'x'.repeat(41) })).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
  });
});

test('a keyword search costs at most 2 database requests on a warm instance, however many words', async () => {
  const buyer = shop.buyer('costly-searcher');
  await buyer.ok('catalog.products', { keyword: '预热' }); // the instance reads the search settings once
  for (const keyword of ['纸尿裤', '纸尿裤 婴儿', '运动 水壶 大容量']) {
    await shop.stats(true);
    await buyer.ok('catalog.products', { keyword });
    expect({ keyword, cost: (await shop.stats()).functions.shop.dbRequests }).toEqual({ keyword, cost: 2 });
  }
});

test('product answers never carry the search terms', async () => {
  const detail = await shop.buyer('viewer').ok('catalog.product', { productId: DIAPERS._id });
  expect(detail.product).not.toHaveProperty('terms');
  const { items } = await shop.buyer('viewer').ok('catalog.products', { keyword: '纸尿裤' });
  expect(items[0]).not.toHaveProperty('terms');
});
