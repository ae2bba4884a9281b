/** The catalog actions of the `shop` function, on the local cloud with the sample shop. */
import { readSeed, startShopCloud, type ShopCloud } from './shop-cloud';

let shop: ShopCloud;
const seed = readSeed();
const onSale = seed.products.filter((p) => p.onSale);

beforeAll(async () => {
  shop = await startShopCloud();
});
afterAll(() => shop.close());

test('the home page lists the top categories and the first page of on-sale products', async () => {
  const home = await shop.buyer('home-reader').ok('catalog.home', {});
  expect(home.categories.map((c) => c._id)).toEqual(
    seed.categories.filter((c) => c.parentId === null).map((c) => c._id),
  );
  expect(home.feed.items).toHaveLength(20);
  expect(home.feed.hasMore).toBe(true);
  expect(home.feed.items.every((card) => onSale.some((p) => p._id === card._id))).toBe(true);
});

test('paging walks every on-sale product exactly once and never shows an off-sale one', async () => {
  const buyer = shop.buyer('pager');
  const seen: string[] = [];
  for (let page = 1; ; page += 1) {
    const result = await buyer.ok('catalog.products', { page, sort: 'priceAsc' });
    seen.push(...result.items.map((item) => item._id));
    if (!result.hasMore) break;
  }
  expect(new Set(seen).size).toBe(seen.length);
  expect(seen.sort()).toEqual(onSale.map((p) => p._id).sort());
});

test('sorting by price ascending orders by the lowest price', async () => {
  const { items } = await shop.buyer('sorter').ok('catalog.products', { sort: 'priceAsc' });
  const prices = items.map((item) => item.minPrice);
  expect(prices).toEqual([...prices].sort((a, b) => a - b));
});

test('a top category lists the products of all its sub-categories', async () => {
  const top = seed.categories.find((c) => c.parentId === null)!;
  const { items } = await shop.buyer('browser').ok('catalog.products', { categoryId: top._id });
  const expected = onSale.filter((p) => p.categoryPath[0] === top._id).map((p) => p._id);
  expect(items.map((i) => i._id).sort()).toEqual(expected.sort());
});

test('search matches titles, tags and category names, case-insensitively and literally', async () => {
  const buyer = shop.buyer('searcher');
  const byTitle = await buyer.ok('catalog.products', { keyword: '耳机' });
  expect(byTitle.items.length).toBeGreaterThan(0);
  const categoryNames = (id: string) =>
    seed.products
      .find((p) => p._id === id)!
      .categoryPath.map((c) => seed.categories.find((category) => category._id === c)!.name);
  // 耳麦 is a synonym of 耳机 in the sample shop's search settings.
  const mentions = (text: string) => text.includes('耳机') || text.includes('耳麦');
  expect(
    byTitle.items.every(
      (item) => mentions(item.title) || item.tags.some(mentions) || categoryNames(item._id).some(mentions),
    ),
  ).toBe(true);
  expect(byTitle.items.some((item) => item.title.includes('耳机'))).toBe(true);
  const byTag = await buyer.ok('catalog.products', { keyword: '热卖' });
  expect(byTag.items.length).toBeGreaterThan(0);
  expect(byTag.items.every((item) => item.tags.includes('热卖') || item.title.includes('热卖'))).toBe(true);
  const special = await buyer.ok('catalog.products', { keyword: '.*(' });
  expect(special.items).toEqual([]);
});

test('a product answers with all its SKUs and live stock', async () => {
  const product = onSale[0];
  const detail = await shop.buyer('viewer').ok('catalog.product', { productId: product._id });
  expect(detail.product._id).toBe(product._id);
  expect(detail.skus.map((s) => s._id).sort()).toEqual(
    seed.skus
      .filter((s) => s.productId === product._id)
      .map((s) => s._id)
      .sort(),
  );
  const sku = detail.skus[0];
  await shop.db
    .collection('skus')
    .doc(sku._id)
    .update({ data: { stock: 3 } });
  const again = await shop.buyer('viewer').ok('catalog.product', { productId: product._id });
  expect(again.skus.find((s) => s._id === sku._id)?.stock).toBe(3);
});

test.each([
  ['an off-sale product', { productId: seed.products.find((p) => !p.onSale)!._id }, 'PRODUCT_OFF_SALE'],
  ['an unknown product', { productId: 'p999' }, 'PRODUCT_NOT_FOUND'],
  ['a malformed id', { productId: '../etc' }, 'PRODUCT_NOT_FOUND'],
  ['a missing id', {}, 'INVALID_INPUT'],
  ['a wrong type', { productId: 42 }, 'INVALID_INPUT'],
])('%s is refused with a specific code', async (_what, request, code) => {
  const answer = await shop.buyer('viewer').raw({ action: 'catalog.product', ...request });
  expect(answer).toMatchObject({ ok: false, code });
  expect(answer.ok === false && answer.message.length > 0).toBe(true);
});

test('an unknown action and a malformed listing request are refused', async () => {
  expect(await shop.buyer('x').raw({ action: 'catalog.nope' })).toMatchObject({
    ok: false,
    code: 'UNKNOWN_ACTION',
  });
  expect(await shop.buyer('x').raw({ action: 'catalog.products', page: 0 })).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
  });
  expect(await shop.buyer('x').raw({ action: 'catalog.products', sort: 'cheapest' })).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
  });
  expect(await shop.buyer('x').raw({ page: 1 })).toMatchObject({ ok: false, code: 'UNKNOWN_ACTION' });
});

test('the first screens cost at most 2 database requests per call', async () => {
  const buyer = shop.buyer('costly');
  const costs: Record<string, number> = {};
  for (const [action, request] of [
    ['catalog.home', {}],
    ['catalog.categories', {}],
    ['catalog.products', { categoryId: 'c01' }],
    ['catalog.product', { productId: onSale[0]._id }],
    ['cart.list', {}],
    ['cart.count', {}],
  ] as const) {
    await shop.stats(true);
    await buyer.raw({ action, ...request });
    costs[action] = (await shop.stats()).functions.shop.dbRequests;
  }
  // Shown whole on failure, so the action over budget is named.
  expect(costs).toEqual(
    Object.fromEntries(Object.entries(costs).map(([action, cost]) => [action, Math.min(cost, 2)])),
  );
});

test('ping answers the caller’s OPENID from WeChat’s context, never from the event', async () => {
  const answer = await shop.buyer('ping-buyer').raw({ action: 'ping', openid: 'someone-else' });
  expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  const pong = await shop.buyer('ping-buyer').ok('ping', {});
  expect(pong.openid).toBe('ping-buyer');
  const withUserInfo = await shop.buyer('ping-buyer').raw({ action: 'ping', userInfo: { openId: 'forged' } });
  expect(withUserInfo).toMatchObject({ ok: true, data: { openid: 'ping-buyer' } });
});

test('a product on sale with no stock left is marked soldOut in listings; buyable ones are not', async () => {
  const buyer = shop.buyer('stock-watcher');
  const soldOut = seed.products.find((p) => p.title.includes('芒果'))!;
  const { items } = await buyer.ok('catalog.products', { categoryId: soldOut.categoryPath[1] });
  expect(items.find((card) => card._id === soldOut._id)?.soldOut).toBe(true);
  expect(items.filter((card) => card._id !== soldOut._id).every((card) => card.soldOut === undefined)).toBe(
    true,
  );

  // The last unit of a product going makes it sold out at once: the mark reads live stock.
  const product = onSale.find((p) => p.categoryPath[1] === soldOut.categoryPath[1] && p._id !== soldOut._id)!;
  await shop.db
    .collection('skus')
    .where({ productId: product._id })
    .update({ data: { stock: 0 } });
  const again = await buyer.ok('catalog.products', { categoryId: soldOut.categoryPath[1] });
  expect(again.items.find((card) => card._id === product._id)?.soldOut).toBe(true);
});
