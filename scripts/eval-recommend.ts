/**
 * `npm run eval:recommend`: judges 猜你喜欢 offline on a generated behaviour log (scripts/lib/behaviour-log.ts,
 * seeded). Each buyer's last order is held out; everything else is what the shop knew. For each buyer, the
 * list beside their last bought product is asked of three recommenders, all from the shipped domain code:
 * popularity (the shop-wide best sellers), co-occurrence alone (the lists before the blend) and the blend
 * (co-occurrence with content similarity, pools as the worker reads them). Hit rate@10: the share of buyers
 * whose held-out product is in the list; coverage: the share of the catalog that appears in any list.
 * No weight was fitted to these figures: the blend's constants are set in the domain modules, before this ran.
 * Usage: `npm run eval:recommend [-- --seed N] [--no-record]`.
 */
import type { ContentProfile } from '../cloudfunctions/common/domain/content-similarity';
import { blendFor } from '../cloudfunctions/common/domain/recommendation-blend';
import {
  RECOMMENDATION_LIMIT,
  rankFor,
  scorePairs,
  type Purchase,
} from '../cloudfunctions/common/domain/recommendations';
import { CATEGORY_POOL } from '../cloudfunctions/common/services/recommendation-refresh';
import { generateBehaviourLog, type GeneratedProduct } from './lib/behaviour-log';
import { markdownTable, recordBenchmark } from './lib/benchmarks-doc';

const DAY_MS = 24 * 60 * 60 * 1000;

interface TestCase {
  openid: string;
  anchor: string;
  heldOut: string;
  newBuyer: boolean;
  newProduct: boolean;
}

type Recommender = (anchor: string) => string[];

function argument(name: string): string | undefined {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : undefined;
}

/** Fills a list up to the limit from `fallback`, never the anchor, as the service's mergeLists does. */
function filled(own: readonly string[], fallback: readonly string[], anchor: string): string[] {
  const seen = new Set([anchor]);
  const list: string[] = [];
  for (const id of [...own, ...fallback]) {
    if (seen.has(id)) continue;
    seen.add(id);
    list.push(id);
    if (list.length === RECOMMENDATION_LIMIT) break;
  }
  return list;
}

function main(): void {
  const seed = Number(argument('seed') ?? 20261129);
  const log = generateBehaviourLog(seed);
  const { products, shape } = log;
  const byId = new Map(products.map((product) => [product._id, product]));

  // Split: each buyer's last order (buyers with two or more) is held out, with the views leading to it.
  const ordersOf = new Map<string, Purchase[]>();
  for (const purchase of log.purchases) {
    ordersOf.set(purchase.openid, [...(ordersOf.get(purchase.openid) ?? []), purchase]);
  }
  const training: Purchase[] = [];
  const cases: TestCase[] = [];
  const heldOutAt = new Map<string, number>();
  for (const [openid, orders] of ordersOf) {
    const sorted = [...orders].sort((a, b) => a.at - b.at);
    if (sorted.length < 2) {
      training.push(...sorted);
      continue;
    }
    const last = sorted[sorted.length - 1];
    const known = sorted.slice(0, -1);
    training.push(...known);
    heldOutAt.set(openid, last.at);
    const previous = known[known.length - 1];
    const heldOut = last.items[0].productId;
    cases.push({
      openid,
      anchor: previous.items[0].productId,
      heldOut,
      newBuyer: known.length === 1,
      newProduct: (byId.get(heldOut)?.createdAt ?? 0) > last.at - shape.newDays * DAY_MS,
    });
  }
  const views = log.views.filter((view) => {
    const cut = heldOutAt.get(view.openid);
    return cut === undefined || view.at < cut - 10 * 60_000;
  });

  // What the shop knew: sales from training orders, pairs from training orders and views.
  const sales = new Map<string, number>();
  for (const purchase of training) {
    for (const item of purchase.items) sales.set(item.productId, (sales.get(item.productId) ?? 0) + 1);
  }
  const popular = [...products]
    .sort((a, b) => (sales.get(b._id) ?? 0) - (sales.get(a._id) ?? 0) || (a._id < b._id ? -1 : 1))
    .map((product) => product._id);
  const scores = scorePairs(training, views);
  const all = () => true;

  // The worker's pools: each category's best sellers and newest products.
  const pools = new Map<string, ContentProfile[]>();
  const byCategory = new Map<string, GeneratedProduct[]>();
  for (const product of products) {
    const category = product.categoryPath[1];
    byCategory.set(category, [...(byCategory.get(category) ?? []), product]);
  }
  for (const [category, members] of byCategory) {
    const best = [...members]
      .sort((a, b) => (sales.get(b._id) ?? 0) - (sales.get(a._id) ?? 0) || (a._id < b._id ? -1 : 1))
      .slice(0, CATEGORY_POOL.bestSellers);
    const newest = [...members].sort((a, b) => b.createdAt - a.createdAt).slice(0, CATEGORY_POOL.newest);
    pools.set(category, [...new Set([...best, ...newest])]);
  }

  const recommenders: Record<string, Recommender> = {
    popularity: (anchor) => filled([], popular, anchor),
    'co-occurrence only': (anchor) => filled(rankFor(anchor, scores, all, sales), popular, anchor),
    'blend (shipped)': (anchor) => {
      const profile = byId.get(anchor);
      const pool = profile ? (pools.get(profile.categoryPath[1]) ?? []) : [];
      return filled(blendFor(profile, anchor, scores, pool, all, sales), popular, anchor);
    },
  };

  const segments: Record<string, (c: TestCase) => boolean> = {
    'all buyers': () => true,
    'new buyers (one earlier order)': (c) => c.newBuyer,
    [`new products (launched within ${shape.newDays} days before)`]: (c) => c.newProduct,
  };

  const rows: (string | number)[][] = [];
  const figures: Record<string, Record<string, number>> = {};
  for (const [name, recommend] of Object.entries(recommenders)) {
    const lists = new Map(cases.map((c) => [c.openid, recommend(c.anchor)]));
    const shown = new Set([...lists.values()].flat());
    const row: (string | number)[] = [name];
    figures[name] = {};
    for (const [segment, member] of Object.entries(segments)) {
      const chosen = cases.filter(member);
      const hits = chosen.filter((c) => lists.get(c.openid)?.includes(c.heldOut)).length;
      const rate = chosen.length === 0 ? 0 : hits / chosen.length;
      figures[name][segment] = rate;
      row.push(`${(rate * 100).toFixed(1)} %`);
    }
    row.push(`${((shown.size / products.length) * 100).toFixed(1)} %`);
    rows.push(row);
  }

  const headers = ['recommender', ...Object.keys(segments).map((s) => `hit rate@10, ${s}`), 'coverage'];
  const counts = Object.entries(segments).map(([s, member]) => `${s}: ${cases.filter(member).length}`);
  const table = markdownTable(headers, rows);
  console.log(table);
  console.log(`\ntest buyers — ${counts.join('; ')}`);

  const blend = figures['blend (shipped)']['all buyers'];
  const baseline = figures.popularity['all buyers'];
  const beats = blend > baseline;
  console.log(
    `\nblend ${(blend * 100).toFixed(1)} % vs popularity ${(baseline * 100).toFixed(1)} %: ${beats ? 'beats' : 'DOES NOT beat'} the baseline`,
  );

  if (!process.argv.includes('--no-record')) {
    recordBenchmark(
      'recommend',
      `## Recommendations offline (\`npm run eval:recommend\`)

A generated behaviour log (seed ${seed}): ${products.length} products in ${shape.departments} departments of
${shape.categoriesPerDepartment} categories, ${shape.buyers} buyers over ${shape.days} days,
${log.purchases.length} orders and ${log.views.length} views; buyers mostly keep to one or two categories and a price
level, sometimes buy across their department or anything popular, and about one product in six is launched in the
last ${shape.newDays} days. Each buyer's last order is held out (with the views that led to it); the list beside the
product of their previous order is asked of each recommender, filled from the best sellers when short, as the shop
does. Test buyers — ${counts.join('; ')}.

${table}

The blend's constants (domain/content-similarity.ts, domain/recommendation-blend.ts) were set before the first run
and not changed for these figures. The log is generated, so the figures show the recommenders behave as designed
on buyers who behave as the generator assumes, not a measured lift in a real shop.`,
    );
  }
  if (!beats) process.exitCode = 1;
}

main();
