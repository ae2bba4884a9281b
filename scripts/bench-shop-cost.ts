/**
 * `npm run bench:shop`: what the first screen of each page costs in the cloud. Each page of the H5 build is
 * opened in Chromium against the local cloud; its function calls and their database requests are read from
 * the local cloud's stats. Goal: at most 2 function calls per first screen, each at most 2 database requests
 * on the common path. Records the figures in docs/benchmarks.md.
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from '../test/e2e/browser';
import { TEST_USERS } from '../src/services/test-user';
import { markdownTable, recordBenchmark } from './lib/benchmarks-doc';
import { ROOT, startBenchShop } from './lib/bench-shop';

interface CallStats {
  invocations: number;
  dbRequests: number;
  maxDbRequests: number;
}

const PAGES: { name: string; route: string; ready: string }[] = [
  { name: '首页', route: 'pages/index/index', ready: '.product-card' },
  { name: '分类', route: 'pages/category/index', ready: '.product-card' },
  { name: '商品详情', route: 'package-goods/detail/index?id=p001', ready: 'text=加入购物车' },
  { name: '购物车', route: 'pages/cart/index', ready: 'text=去结算' },
  { name: '搜索结果', route: 'package-goods/search/index?keyword=耳机', ready: '.product-card' },
  { name: '我的', route: 'pages/me/index', ready: 'text=我的订单' },
];

async function main(): Promise<void> {
  if (!fs.existsSync(path.join(ROOT, 'dist', 'h5', 'index.html')))
    throw new Error('dist/h5 is missing: run `npm run build:h5` first');
  const shop = await startBenchShop({ staticDir: path.join(ROOT, 'dist', 'h5') });
  const browser = await launchBrowser();
  try {
    const openid = TEST_USERS[0].openid;
    await shop.call('shop', openid, {
      action: 'cart.add',
      productId: 'p001',
      skuId: 'p001-s01',
      quantity: 1,
    });
    const page = await browser.newPage({ viewport: { width: 390, height: 844 } });
    // Load the app once so the page scripts are cached like a returning buyer's.
    await page.goto(`${shop.cloud.url}/#/pages/me/index`);
    await page.waitForLoadState('networkidle');
    const rows: (string | number)[][] = [];
    for (const target of PAGES) {
      await page.goto('about:blank');
      await shop.resetStats();
      await page.goto(`${shop.cloud.url}/#/${target.route}`);
      await page.locator(target.ready).first().waitFor({ timeout: 20000 });
      await page.waitForLoadState('networkidle');
      await page.waitForTimeout(300);
      const calls = ((await shop.stats()) as unknown as { calls: Record<string, CallStats> }).calls;
      const entries = Object.entries(calls);
      const invocations = entries.reduce((n, [, c]) => n + c.invocations, 0);
      const worst = entries.reduce((n, [, c]) => Math.max(n, c.maxDbRequests), 0);
      const detail = entries
        .map(([name, c]) => `${name.replace(/^shop\./, '')} ×${c.invocations} (${c.maxDbRequests} db)`)
        .join(', ');
      rows.push([target.name, invocations, worst, detail, invocations <= 2 && worst <= 2 ? 'yes' : 'NO']);
    }
    const table = markdownTable(
      ['page', 'function calls', 'max db requests per call', 'calls', 'within budget'],
      rows,
    );
    const body = [
      '## First-screen cost of each page',
      '',
      `\`npm run bench:shop\` (H5 build in Chromium on the local cloud, a buyer with one cart line, ${new Date().toISOString().slice(0, 10)}).`,
      'Budget: at most 2 function calls per first screen, each at most 2 database requests.',
      '',
      table,
    ].join('\n');
    console.log(body);
    recordBenchmark('shop-cost', body);
  } finally {
    await browser.close();
    await shop.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
