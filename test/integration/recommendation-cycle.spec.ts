/**
 * The recommendation refresh spans worker runs: with a small time budget each run takes one step (a page of
 * purchases, a page of viewing buyers, a batch of lists), answers what it still owes, and the next run goes on
 * from its cursor. Split over many runs, or over runs racing each other, it writes the same lists as one run
 * that does it all, and leaves none of its stored pages behind.
 */
import { readSeed, startShopCloud, type ShopCloud } from './shop-cloud';

let shop: ShopCloud;

beforeAll(async () => {
  shop = await startShopCloud();
});
afterAll(() => shop.close());

interface RefreshResult {
  skipped: boolean;
  steps?: string[];
  owed?: string | null;
  orders?: number;
  views?: number;
  lists?: number;
}

interface WorkerReport {
  jobs: Record<string, { ok: boolean; result?: RefreshResult; error?: string }>;
}

async function refresh(event: object = {}): Promise<RefreshResult> {
  const report = (await shop.invokeAsSystem('worker', {
    jobs: ['refreshRecommendations'],
    ...event,
  })) as WorkerReport;
  const job = report.jobs.refreshRecommendations;
  if (!job?.ok || !job.result) throw new Error(JSON.stringify(report));
  return job.result;
}

/** Lets the next run start a recomputation at once instead of waiting out its 10 minutes. */
async function forgetLastRefresh(): Promise<void> {
  await shop.db.collection('recommendations').where({ _id: '_state' }).remove();
}

/** Every stored document of the collection: the lists by product (card ids only) and any other ids. */
async function storedLists(): Promise<{ lists: Record<string, string[]>; others: string[] }> {
  const docs: Array<{ _id: string; cards?: Array<{ _id: string }> }> = [];
  for (let skip = 0; ; skip += 100) {
    const page = await shop.db.collection('recommendations').skip(skip).limit(100).get();
    docs.push(...(page.data as typeof docs));
    if (page.data.length < 100) break;
  }
  const lists: Record<string, string[]> = {};
  const others: string[] = [];
  for (const doc of docs) {
    if (doc.cards) lists[doc._id] = doc.cards.map((card) => card._id);
    else others.push(doc._id);
  }
  return { lists, others };
}

const onSale = readSeed().products.filter((product) => product.onSale);
const [P, Q, R, S] = onSale.slice(0, 4).map((product) => product._id);
/** More buyers than a page (500) viewed P and Q; the last ones in openid order viewed R and S. */
const PQ_BUYERS = 510;
const RS_BUYERS = 20;

beforeAll(async () => {
  const at = shop.now() - 60 * 60 * 1000;
  const day = new Date(at + 8 * 60 * 60 * 1000).toISOString().slice(0, 10);
  const views = [
    ...Array.from({ length: PQ_BUYERS }, (_, i) => [`cycle-a-${String(i).padStart(4, '0')}`, P, Q]),
    ...Array.from({ length: RS_BUYERS }, (_, i) => [`cycle-z-${String(i).padStart(4, '0')}`, R, S]),
  ].flatMap(([openid, ...products]) =>
    products.map((productId) => ({ _id: `${openid}-${productId}`, openid, productId, day, at })),
  );
  for (let i = 0; i < views.length; i += 50) {
    await Promise.all(
      views.slice(i, i + 50).map((view) => shop.db.collection('product_views').add({ data: view })),
    );
  }
}, 120_000);

let splitLists: Record<string, string[]>;
let splitSteps: string[];

test('with no budget to spare, each run takes one step and answers what it owes; the next goes on from its cursor', async () => {
  const runs: RefreshResult[] = [];
  for (let run = 0; run < 20; run += 1) {
    const result = await refresh({ budgetMs: 0 });
    runs.push(result);
    if (result.owed === null) break;
  }
  for (const run of runs) expect(run.steps).toHaveLength(1);
  // Two pages of viewing buyers: the second read after the first page's last buyer.
  expect(runs.map((run) => run.steps?.[0])).toEqual([
    'purchases',
    'views',
    'views',
    ...runs.slice(3).map(() => 'lists'),
  ]);
  expect(runs.slice(0, -1).every((run) => run.owed !== null)).toBe(true);
  expect(runs[runs.length - 1]).toMatchObject({ owed: null, orders: 0, views: 2 * (PQ_BUYERS + RS_BUYERS) });
  // While a recomputation is finished, the next run waits out its 10 minutes.
  expect(await refresh({ budgetMs: 0 })).toEqual({ skipped: true });

  const { lists, others } = await storedLists();
  expect(others).toEqual(['_state']);
  // Pairs from both pages of buyers: the views of the first and of the second page were read.
  expect(lists[P][0]).toBe(Q);
  expect(lists[R][0]).toBe(S);
  expect((await shop.buyer('cycle-reader').ok('catalog.recommend', { productId: S })).items[0]._id).toBe(R);
  splitLists = lists;
  splitSteps = runs.flatMap((run) => run.steps ?? []);
}, 120_000);

test('one run with its full budget writes the same lists as the runs that split the work', async () => {
  await forgetLastRefresh();
  const result = await refresh();
  expect(result.owed).toBeNull();
  expect(result.steps).toEqual(['purchases', 'views', 'views', ...result.steps!.slice(3).map(() => 'lists')]);
  const { lists, others } = await storedLists();
  expect(others).toEqual(['_state']);
  expect(lists).toEqual(splitLists);
}, 120_000);

test('runs racing each other on one recomputation take each step once and end with the same lists', async () => {
  await forgetLastRefresh();
  let finished = false;
  const steps: string[] = [];
  for (let round = 0; round < 20 && !finished; round += 1) {
    const results = await Promise.all(Array.from({ length: 4 }, () => refresh({ budgetMs: 0 })));
    for (const result of results) {
      steps.push(...(result.steps ?? []));
      if (result.owed === null) finished = true;
    }
  }
  expect(finished).toBe(true);
  expect(steps.sort()).toEqual([...splitSteps].sort());
  const { lists, others } = await storedLists();
  expect(others).toEqual(['_state']);
  expect(lists).toEqual(splitLists);
  const state = await shop.db.collection('recommendations').doc('_state').get();
  expect((state.data as unknown as { cycle: unknown }).cycle).toBeNull();
}, 180_000);
