/**
 * A product save racing a rename of its category, the real services and repositories in this process on the
 * local cloud's database, the interleaving driven step by step: the save has read the category's names and
 * computed its terms, and while its product write is on its way the rename lands and the worker's re-index
 * pass for it runs to its end. The write then puts the old name back into the product's terms, and nothing is
 * owed any more, so only the save's second read of the names (keepTermsCurrent) can make them right. A pause
 * point before the product write is the only thing this file adds to the services.
 */
import type { Category, ProductInput } from '../../types';
import type * as catalogRepository from '../../cloudfunctions/common/repositories/merchant-catalog-repository';
import { productPage } from '../../cloudfunctions/common/services/catalog-service';
import {
  createCategory,
  createProduct,
  updateCategory,
  updateProduct,
} from '../../cloudfunctions/common/services/product-admin-service';
import { reindexRenamedCategories } from '../../cloudfunctions/common/services/search-reindex-service';
import type { TestCloud } from '../support/local-cloud';
import { startServicesCloud } from './shop-cloud';

/** What the next product write (insert or update) waits for before it is sent (each used once). */
const mockBeforeProductWrites: (() => Promise<void>)[] = [];

jest.mock('../../cloudfunctions/common/repositories/merchant-catalog-repository', () => {
  const actual = jest.requireActual<typeof catalogRepository>(
    '../../cloudfunctions/common/repositories/merchant-catalog-repository',
  );
  return {
    ...actual,
    async insertProduct(...args: Parameters<typeof actual.insertProduct>) {
      await mockBeforeProductWrites.shift()?.();
      return actual.insertProduct(...args);
    },
    async updateProduct(...args: Parameters<typeof actual.updateProduct>) {
      await mockBeforeProductWrites.shift()?.();
      return actual.updateProduct(...args);
    },
  };
});

/** A point the save stops at until the test lets it go on; `reached` resolves once it stopped there. */
function pausePoint(): { wait: () => Promise<void>; reached: Promise<void>; go(): void } {
  let reachedNow!: () => void;
  let go!: () => void;
  const reached = new Promise<void>((resolve) => (reachedNow = resolve));
  const released = new Promise<void>((resolve) => (go = resolve));
  return {
    wait: () => {
      reachedNow();
      return released;
    },
    reached,
    go,
  };
}

let cloud: TestCloud;
const now = () => cloud.cloud.clock.now();

beforeAll(async () => {
  cloud = await startServicesCloud();
});
afterAll(() => cloud.close());
afterEach(() => expect(mockBeforeProductWrites).toEqual([]));

/** A category of the test's own under 家居, so its names find nothing but what the test puts in it. */
async function leafCategory(name: string): Promise<Category> {
  return createCategory({ parentId: 'c03', name, icon: '', sort: 99 }, now());
}

function teaCup(categoryId: string, title: string): ProductInput {
  return {
    title,
    subtitle: '手作 釉色温润',
    categoryId,
    images: ['cloud://local-env.shop/products/cup.png'],
    description: '一只杯子。',
    tags: [],
    specs: [],
    skus: [{ specValues: [], price: 3900, originalPrice: 4900, stock: 10, onSale: true }],
  };
}

async function rename(category: Category, name: string): Promise<void> {
  const { _id: categoryId, ...input } = category;
  await updateCategory(categoryId, { ...input, name }, now());
}

/** The worker's re-index job, run until it has nothing left to do; answers the products it wrote. */
async function reindexToTheEnd(): Promise<number> {
  let written = 0;
  for (let run = 0; run < 10; run += 1) {
    const report = await reindexRenamedCategories(now());
    written += report.products;
    if (report.owed === 0) return written;
  }
  throw new Error('the re-index never ended');
}

/** The ids a buyer's search for `keyword` lists on its first page. */
async function found(keyword: string): Promise<string[]> {
  return (await productPage({ keyword, page: 1 })).items.map((card) => card._id);
}

test('an edit whose write lands after a rename and its whole re-index pass still ends with the new name', async () => {
  const category = await leafCategory('晨露器皿');
  const { product } = await createProduct(teaCup(category._id, '青瓷品茗杯'), now());
  expect(await found('晨露器皿')).toEqual([product._id]);

  const paused = pausePoint();
  mockBeforeProductWrites.push(paused.wait);
  const saving = updateProduct(product._id, teaCup(category._id, '青瓷品茗杯 新款'), now());
  await paused.reached;
  // The save has read 晨露器皿 and computed its terms; its write is on its way.
  await rename(category, '星河宝盒');
  expect(await reindexToTheEnd()).toBe(1);
  expect(await found('星河宝盒')).toEqual([product._id]);
  paused.go();
  await saving;

  expect(await found('星河宝盒')).toEqual([product._id]);
  expect(await found('晨露器皿')).toEqual([]);
  // Nothing is owed: no later pass would have put the new name back.
  expect(await reindexRenamedCategories(now())).toEqual({ finished: [], products: 0, owed: 0 });
});

test('a new product whose insert lands after a rename and its whole re-index pass carries the new name', async () => {
  const category = await leafCategory('松风竹器');
  const paused = pausePoint();
  mockBeforeProductWrites.push(paused.wait);
  const saving = createProduct(teaCup(category._id, '竹节公道杯'), now());
  await paused.reached;
  // The pass finds no product: the new one is not there yet.
  await rename(category, '云栖木作');
  expect(await reindexToTheEnd()).toBe(0);
  paused.go();
  const { product } = await saving;

  expect(await found('云栖木作')).toEqual([product._id]);
  expect(await found('松风竹器')).toEqual([]);
  expect(await reindexRenamedCategories(now())).toEqual({ finished: [], products: 0, owed: 0 });
});
