/**
 * Search terms include category names, so renaming a category owes its products new terms: the worker's
 * `reindexRenamedCategories` writes them a page at a time from a cursor, over as many runs as it takes. After
 * 20 renames racing each other and the worker, the category's products are found by the name it ended with,
 * and neither by its old name nor by any of the names that lost.
 */
import type { Product } from '../../types';
import { readSeed, startShopCloud, type ShopCloud } from './shop-cloud';

const OWNER = 'reindex-owner';
const LEAF = 'c0401';
const OLD_NAME = '彩妆';
/** More products than a page of the job (50), so a pass spans steps. */
const EXTRA_PRODUCTS = 60;
let shop: ShopCloud;

beforeAll(async () => {
  shop = await startShopCloud({ functionEnv: { SHOP_ADMIN_OPENIDS: OWNER } });
  // Copies of a product of the category, with the terms the seed gave it (the old names among them).
  const model = readSeed().products.find((p) => p.categoryPath[1] === LEAF && p.onSale);
  if (!model) throw new Error('no product of the category in the seed');
  const { _id: _ignored, ...fields } = model;
  for (let i = 0; i < EXTRA_PRODUCTS; i += 20) {
    await Promise.all(
      Array.from({ length: 20 }, (_, j) =>
        shop.db.collection('products').add({
          data: { ...fields, _id: `reindex-copy-${String(i + j).padStart(3, '0')}` },
        }),
      ),
    );
  }
  // Instances of both functions started before the race (a cold start of the large bundles on a loaded
  // machine is the local cloud's cost, not the rename's).
  await Promise.all(Array.from({ length: 8 }, () => shop.admin(OWNER, 'categories.list', {})));
  await Promise.all(Array.from({ length: 3 }, () => shop.invokeAsSystem('worker', { jobs: [] })));
}, 180_000);
afterAll(() => shop.close());

/** The on-sale products of the category, as stored. */
async function categoryProducts(): Promise<Product[]> {
  const found: Product[] = [];
  for (let skip = 0; ; skip += 100) {
    const page = await shop.db
      .collection('products')
      .where({ categoryPath: LEAF, onSale: true })
      .skip(skip)
      .limit(100)
      .get();
    found.push(...(page.data as unknown as Product[]));
    if (page.data.length < 100) return found;
  }
}

/** Every product a buyer's search for `keyword` lists, page after page. */
async function searchAll(keyword: string): Promise<string[]> {
  const ids: string[] = [];
  for (let page = 1; page < 20; page += 1) {
    const answer = await shop.buyer('reindex-searcher').ok('catalog.products', { keyword, page });
    ids.push(...answer.items.map((card) => card._id));
    if (!answer.hasMore) break;
  }
  return ids;
}

interface WorkerReport {
  jobs: Record<string, { ok: boolean; result?: { finished: string[]; products: number; owed: number } }>;
}

async function reindexRun(budgetMs: number) {
  const report = (await shop.invokeAsSystem('worker', {
    jobs: ['reindexRenamedCategories'],
    budgetMs,
  })) as WorkerReport;
  const job = report.jobs.reindexRenamedCategories;
  if (!job?.ok || !job.result) throw new Error(JSON.stringify(report));
  return job.result;
}

const NAMES = Array.from({ length: 20 }, (_, i) => `星河宝盒${String.fromCharCode(0x7532 + i)}`);

test('20 renames racing the worker: the last name finds every product of the category, the old and the losing names none', async () => {
  const products = await categoryProducts();
  expect(products.length).toBeGreaterThan(50);
  const ids = products.map((p) => p._id).sort();
  expect((await searchAll(OLD_NAME)).filter((id) => ids.includes(id)).sort()).toEqual(ids);
  for (const name of NAMES.slice(0, 3)) expect(await searchAll(name)).toEqual([]);

  const leaf = (await shop.db.collection('categories').doc(LEAF).get()).data as unknown as {
    parentId: string;
    sort: number;
    icon: string;
  };
  const renames = NAMES.map((name) =>
    shop.admin(OWNER, 'categories.update', {
      categoryId: LEAF,
      parentId: leaf.parentId,
      name,
      icon: leaf.icon,
      sort: leaf.sort,
    }),
  );
  // Worker runs with no time to spare (one page each) race the renames.
  const [answers] = await Promise.all([
    Promise.all(renames),
    Promise.all(Array.from({ length: 3 }, () => reindexRun(0))),
  ]);
  expect(answers.filter((answer) => !answer.ok)).toEqual([]);

  const runs: Array<{ finished: string[]; products: number; owed: number }> = [];
  for (let run = 0; run < 20; run += 1) {
    const result = await reindexRun(0);
    runs.push(result);
    if (result.owed === 0 && result.finished.length + result.products === 0) break;
  }
  // The pass spans runs: a page of 50 products per run, the rest owed to the next.
  expect(runs.some((run) => run.owed > 0 && run.products === 50)).toBe(true);
  expect(runs[runs.length - 1]).toEqual({ finished: [], products: 0, owed: 0 });
  expect(runs.flatMap((run) => run.finished)).toContain(LEAF);

  const finalName = (
    (await shop.db.collection('categories').doc(LEAF).get()).data as unknown as { name: string }
  ).name;
  expect(NAMES).toContain(finalName);
  expect((await searchAll(finalName)).sort()).toEqual(ids);
  expect((await searchAll(OLD_NAME)).filter((id) => ids.includes(id))).toEqual([]);
  for (const name of NAMES.filter((n) => n !== finalName).slice(0, 5))
    expect([name, await searchAll(name)]).toEqual([name, []]);
  expect(await shop.db.collection('search_reindex').count()).toMatchObject({ total: 0 });

  const audit = await shop.admin(OWNER, 'audit.list', {});
  if (!audit.ok) throw new Error(audit.code);
  expect(
    audit.data.items.filter((entry) => entry.action === 'categories.update' && entry.target.id === LEAF),
  ).toHaveLength(20);
}, 300_000);

test('a rename that keeps the name owes nothing', async () => {
  const leaf = (await shop.db.collection('categories').doc(LEAF).get()).data as unknown as {
    parentId: string;
    name: string;
    sort: number;
    icon: string;
  };
  const answer = await shop.admin(OWNER, 'categories.update', {
    categoryId: LEAF,
    parentId: leaf.parentId,
    name: leaf.name,
    icon: leaf.icon,
    sort: leaf.sort + 1,
  });
  expect(answer.ok).toBe(true);
  expect(await shop.db.collection('search_reindex').count()).toMatchObject({ total: 0 });
});
