/**
 * The merchant's catalog on the local cloud through the real `admin` and `shop` functions: a product saved in
 * the workspace is found by the buyer's search at once (terms computed as the seed computes them), edits keep
 * stock and take dropped SKUs off sale, stock adjustments hold under 20 parallel calls and are audited with
 * their reason, categories refuse removal while in use, and the home page shows the merchant's banners.
 */
import type { ActionName, ActionRequest, ActionResponse, HomeBanner, ProductInput, Sku } from '../../types';
import { startShopCloud, type ShopCloud } from './shop-cloud';

const OWNER = 'catalog-owner';
const BUYER = 'catalog-buyer';
let shop: ShopCloud;

beforeAll(async () => {
  shop = await startShopCloud({ functionEnv: { SHOP_ADMIN_OPENIDS: OWNER } });
});
afterAll(() => shop.close());

/** Calls as the owner and insists on success. */
async function admin<A extends ActionName<'admin'>>(
  action: A,
  request: ActionRequest<'admin', A>,
): Promise<ActionResponse<'admin', A>> {
  const answer = await shop.admin(OWNER, action, request);
  if (!answer.ok) throw new Error(`${action} failed: ${answer.code} ${answer.message}`);
  return answer.data;
}

const TEA: ProductInput = {
  title: '云雾山高山乌龙茶',
  subtitle: '清香型 一芽二叶',
  categoryId: 'c0101',
  images: ['cloud://local-env.shop/products/oolong.png'],
  description: '高山云雾，回甘持久。',
  tags: ['乌龙'],
  specs: [{ name: '规格', values: ['250克', '500克'] }],
  skus: [
    { specValues: ['250克'], price: 6800, originalPrice: 8800, stock: 10, onSale: true },
    { specValues: ['500克'], price: 12800, originalPrice: 15800, stock: 5, onSale: true },
  ],
};

describe('products', () => {
  test('a new product with two SKUs and a cloud image is found by the buyer search at once', async () => {
    const created = await shop.admin(OWNER, 'products.create', TEA);
    expect(created).toMatchObject({
      ok: true,
      data: {
        product: { title: TEA.title, categoryPath: ['c01', 'c0101'], minPrice: 6800, maxPrice: 12800 },
      },
    });
    if (!created.ok) return;
    expect(created.data.skus.map((s: Sku) => [s.specValues, s.stock])).toEqual([
      [['250克'], 10],
      [['500克'], 5],
    ]);
    const buyer = shop.buyer(BUYER);
    for (const keyword of ['乌龙茶', '高山', 'wlc', '男装']) {
      const found = await buyer.ok('catalog.products', { keyword });
      expect([keyword, found.items.some((card) => card._id === created.data.product._id)]).toEqual([
        keyword,
        true,
      ]);
    }
    const detail = await buyer.ok('catalog.product', { productId: created.data.product._id });
    expect(detail.product.images).toEqual(TEA.images);
    expect(detail.skus).toHaveLength(2);
  });

  test('an edit changes prices, never stock, and takes a dropped SKU off sale', async () => {
    const { product, skus } = await admin('products.create', { ...TEA, title: '正山小种红茶' });
    const [small, large] = skus;
    const updated = await shop.admin(OWNER, 'products.update', {
      ...TEA,
      title: '正山小种红茶 新茶',
      productId: product._id,
      specs: [{ name: '规格', values: ['250克', '500克'] }],
      skus: [
        {
          skuId: small._id,
          specValues: ['250克'],
          price: 5900,
          originalPrice: 8800,
          stock: 999,
          onSale: true,
        },
      ],
    });
    expect(updated).toMatchObject({ ok: true, data: { product: { minPrice: 5900, maxPrice: 5900 } } });
    const detail = await shop.admin(OWNER, 'products.detail', { productId: product._id });
    expect(detail.ok && detail.data.skus.map((s) => [s._id, s.price, s.stock, s.onSale])).toEqual([
      [small._id, 5900, 10, true],
      [large._id, 12800, 5, false],
    ]);
    expect(
      (await shop.buyer(BUYER).ok('catalog.products', { keyword: '新茶' })).items.map((c) => c._id),
    ).toContain(product._id);
  });

  test('a form whose SKUs do not match its specs is refused and nothing is saved', async () => {
    const before = await shop.admin(OWNER, 'products.list', { keyword: '错配' });
    const answer = await shop.admin(OWNER, 'products.create', {
      ...TEA,
      title: '错配规格的茶',
      skus: [
        { specValues: ['250克'], price: 100, originalPrice: 100, stock: 1, onSale: true },
        { specValues: ['250克'], price: 200, originalPrice: 200, stock: 1, onSale: true },
      ],
    });
    expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await shop.admin(OWNER, 'products.create', { ...TEA, categoryId: 'c01' })).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    expect(await shop.admin(OWNER, 'products.list', { keyword: '错配' })).toEqual(before);
  });

  test('20 parallel stock takes of 1 on a stock of 10: exactly 10 succeed, stock 0, each audited with its reason', async () => {
    const created = { data: await admin('products.create', { ...TEA, title: '并发库存测试茶' }) };
    const sku = created.data.skus[0];
    const answers = await Promise.all(
      Array.from({ length: 20 }, () =>
        shop.admin(OWNER, 'products.adjustStock', { skuId: sku._id, delta: -1, reason: '盘点报损' }),
      ),
    );
    expect(answers.filter((a) => a.ok)).toHaveLength(10);
    expect(answers.filter((a) => !a.ok).map((a) => !a.ok && a.code)).toEqual(Array(10).fill('OUT_OF_STOCK'));
    const added = await shop.admin(OWNER, 'products.adjustStock', {
      skuId: sku._id,
      delta: 3,
      reason: '到货',
    });
    expect(added).toMatchObject({ ok: true, data: { _id: sku._id, stock: 3 } });
    const low = await shop.admin(OWNER, 'products.lowStock', { threshold: 3 });
    expect(low.ok && low.data.items.find((row) => row.skuId === sku._id)).toMatchObject({
      title: '并发库存测试茶',
      specText: '规格:250克',
      stock: 3,
    });
    const audit = await shop.admin(OWNER, 'audit.list', {});
    const entry = audit.ok && audit.data.items.find((e) => e.action === 'products.adjustStock');
    expect(entry).toMatchObject({
      target: { kind: 'sku', id: sku._id },
      before: { stock: 0 },
      after: { stock: 3, lastAdjustment: { delta: 3, reason: '到货', by: OWNER } },
    });
    expect(
      await shop.admin(OWNER, 'products.adjustStock', { skuId: 'no-such-sku', delta: 1, reason: '到货' }),
    ).toMatchObject({
      ok: false,
      code: 'SKU_NOT_FOUND',
    });
  });

  test('off sale hides the product from buyers; the workspace still lists it', async () => {
    const created = { data: await admin('products.create', { ...TEA, title: '下架测试白茶' }) };
    const id = created.data.product._id;
    expect(await shop.admin(OWNER, 'products.setOnSale', { productId: id, onSale: false })).toMatchObject({
      ok: true,
      data: { _id: id, onSale: false, stock: 15 },
    });
    expect(
      (await shop.buyer(BUYER).ok('catalog.products', { keyword: '白茶' })).items.map((c) => c._id),
    ).not.toContain(id);
    const listed = await shop.admin(OWNER, 'products.list', { keyword: '白茶', onSale: false });
    expect(listed.ok && listed.data.items.map((row) => row._id)).toEqual([id]);
  });
});

describe('categories and the home page', () => {
  test('categories: create two levels, removal refused while in use', async () => {
    const top = await shop.admin(OWNER, 'categories.create', {
      parentId: null,
      name: '茶饮',
      icon: '',
      sort: 9,
    });
    expect(top).toMatchObject({ ok: true, data: { parentId: null, name: '茶饮' } });
    if (!top.ok) return;
    const leaf = await shop.admin(OWNER, 'categories.create', {
      parentId: top.data._id,
      name: '乌龙',
      icon: '',
      sort: 1,
    });
    if (!leaf.ok) throw new Error(leaf.code);
    expect(
      await shop.admin(OWNER, 'categories.create', {
        parentId: leaf.data._id,
        name: '三级',
        icon: '',
        sort: 1,
      }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
    expect(await shop.admin(OWNER, 'categories.remove', { categoryId: top.data._id })).toMatchObject({
      ok: false,
      code: 'CATEGORY_IN_USE',
    });
    await admin('products.create', { ...TEA, title: '分类里的茶', categoryId: leaf.data._id });
    expect(await shop.admin(OWNER, 'categories.remove', { categoryId: leaf.data._id })).toMatchObject({
      ok: false,
      code: 'CATEGORY_IN_USE',
    });
    const found = await shop.buyer(BUYER).ok('catalog.products', { keyword: '茶饮' });
    expect(found.items.map((c) => c.title)).toContain('分类里的茶');
    const spare = await shop.admin(OWNER, 'categories.create', {
      parentId: top.data._id,
      name: '空分类',
      icon: '',
      sort: 2,
    });
    if (!spare.ok) throw new Error(spare.code);
    expect(await shop.admin(OWNER, 'categories.remove', { categoryId: spare.data._id })).toEqual({
      ok: true,
      data: { removed: true },
    });
    const all = await shop.admin(OWNER, 'categories.list', {});
    expect(all.ok && all.data.categories.map((c) => c.name)).toEqual(
      expect.arrayContaining(['茶饮', '乌龙']),
    );
  });

  test('banners and notices saved by the merchant reach the buyer home page', async () => {
    const buyer = shop.buyer(BUYER);
    // The sample shop's own first: three banners and its notices.
    const sample = await buyer.ok('catalog.home', {});
    expect(sample.banners).toHaveLength(3);
    expect(sample.notices.length).toBeGreaterThan(0);
    const content = {
      banners: [
        {
          image: 'cloud://local-env.shop/banners/tea.png',
          title: '新茶上市',
          link: { kind: 'category' as const, categoryId: 'c01' },
        },
      ],
      notices: [{ text: '双十二全场包邮' }],
    };
    expect(await shop.admin(OWNER, 'home.save', content)).toMatchObject({ ok: true, data: content });
    expect(await shop.admin(OWNER, 'home.get', {})).toMatchObject({ ok: true, data: content });
    // Buyers see it at once: the home document is read on every first screen.
    expect(await buyer.ok('catalog.home', {})).toMatchObject(content);
    expect(
      await shop.admin(OWNER, 'home.save', { banners: [], notices: [{ text: '\u0007' }] }),
    ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  });

  test('a banner may only open a product or category that exists; a refused save changes nothing', async () => {
    const before = await shop.admin(OWNER, 'home.get', {});
    const banner = (link: HomeBanner['link']): HomeBanner => ({
      image: '/assets/products/p001-1.svg',
      title: '',
      link,
    });
    expect(
      await shop.admin(OWNER, 'home.save', {
        banners: [
          banner({ kind: 'product', productId: 'p001' }),
          banner({ kind: 'product', productId: 'p-gone' }),
        ],
        notices: [],
      }),
    ).toMatchObject({ ok: false, code: 'PRODUCT_NOT_FOUND' });
    expect(
      await shop.admin(OWNER, 'home.save', {
        banners: [banner({ kind: 'category', categoryId: 'c-gone' })],
        notices: [],
      }),
    ).toMatchObject({ ok: false, code: 'CATEGORY_NOT_FOUND' });
    expect(await shop.admin(OWNER, 'home.get', {})).toEqual(before);
    const content = {
      banners: [
        banner({ kind: 'product', productId: 'p001' }),
        banner({ kind: 'category', categoryId: 'c0101' }),
      ],
      notices: [],
    };
    expect(await shop.admin(OWNER, 'home.save', content)).toMatchObject({ ok: true, data: content });
  });
});

describe('the buyer’s home first screen', () => {
  const topLevel = async () =>
    (await shop.buyer('home-categories').ok('catalog.categories', {})).categories
      .filter((category) => category.parentId === null)
      .map(({ _id, name, sort }) => ({ _id, name, sort }));
  const homeCategories = async (openid: string) =>
    (await shop.buyer(openid).ok('catalog.home', {})).categories.map(({ _id, name, sort }) => ({
      _id,
      name,
      sort,
    }));

  test('costs 2 requests (the home document, the feed); a category change shows on the next read', async () => {
    await homeCategories('home-cost');
    await shop.stats(true);
    await homeCategories('home-cost');
    expect((await shop.stats()).functions.shop.dbRequests).toBe(2);

    const [first] = await topLevel();
    const renamed = await shop.admin(OWNER, 'categories.update', {
      categoryId: first._id,
      parentId: null,
      name: '改名后的分类',
      icon: '',
      sort: first.sort,
    });
    expect(renamed.ok).toBe(true);
    expect(await homeCategories('home-cost')).toEqual(await topLevel());
    expect((await homeCategories('home-cost')).find((c) => c._id === first._id)?.name).toBe('改名后的分类');
    await shop.stats(true);
    await homeCategories('home-cost');
    expect((await shop.stats()).functions.shop.dbRequests).toBe(2);
  });

  test('10 renames racing 10 home reads: the home shows the categories as they end up', async () => {
    const [first] = await topLevel();
    await Promise.all([
      ...Array.from({ length: 10 }, (_, i) =>
        shop.admin(OWNER, 'categories.update', {
          categoryId: first._id,
          parentId: null,
          name: `并发改名${i}`,
          icon: '',
          sort: first.sort,
        }),
      ),
      ...Array.from({ length: 10 }, (_, i) => homeCategories(`home-racer-${i}`)),
    ]);
    expect(await homeCategories('home-after-race')).toEqual(await topLevel());
  });
});
