/**
 * `npm run bench:orders`: order creations per second at concurrency 1 and 50, database requests per order
 * creation at 1, 5 and 20 SKUs, a flash sale (500 buyers, stock 50) that prints how many were oversold, and
 * what a backlog of 2,000 unpaid orders on one SKU costs: the rate of a 200-buyer race on that SKU against a
 * fresh one, and the bytes of `catalog.product`. The per-buyer limits are raised so one buyer may place the
 * throughput runs' orders.
 * Runs on the local cloud with the built functions; records the figures in docs/benchmarks.md.
 */
import { connectSdk } from '../test/support/local-cloud';
import { markdownTable, recordBenchmark } from './lib/benchmarks-doc';
import { percentile, runLoad, startBenchShop, type BenchShop } from './lib/bench-shop';

const ADDRESS = {
  name: '压测买家',
  mobile: '13800000000',
  province: '上海市',
  city: '上海市',
  district: '浦东新区',
  detail: '世纪大道 1 号',
  isDefault: true,
};
const PRODUCT = 'p001';
/** The backlog SKUs hang off a product of their own, so its detail shows only them. */
const BACKLOG_PRODUCT = 'p002';
const BACKLOG = 2000;
const RACERS = 200;
const SKU_PRICE = 1000;

type Db = ReturnType<ReturnType<typeof connectSdk>['database']>;

async function addBenchSkus(
  db: Db,
  prefix: string,
  count: number,
  stock: number,
  productId = PRODUCT,
): Promise<string[]> {
  const ids = Array.from({ length: count }, (_, i) => `${prefix}-${String(i).padStart(2, '0')}`);
  await Promise.all(
    ids.map((_id) =>
      db.collection('skus').add({
        data: {
          _id,
          productId,
          specValues: ['白色', 'S'],
          price: SKU_PRICE,
          originalPrice: 2000,
          stock,
          sold: 0,
          onSale: true,
        },
      }),
    ),
  );
  return ids;
}

async function buyerAddress(shop: BenchShop, openid: string): Promise<string> {
  const answer = await shop.call('shop', openid, { action: 'address.add', ...ADDRESS });
  if (!answer.ok) throw new Error(`address.add for ${openid} failed: ${answer.code}`);
  return (answer.data as { _id: string })._id;
}

function orderEvent(skuIds: readonly string[], addressId: string, requestId: string, productId = PRODUCT) {
  const itemsTotal = skuIds.length * SKU_PRICE;
  return {
    action: 'order.create',
    items: skuIds.map((skuId) => ({ productId, skuId, quantity: 1 })),
    addressId,
    couponId: null,
    requestId,
    expectedPayable: itemsTotal + (itemsTotal >= 9900 ? 0 : 1000),
  };
}

async function throughput(
  shop: BenchShop,
  skuId: string,
  concurrency: number,
  total: number,
): Promise<(string | number)[]> {
  const buyers = await Promise.all(
    Array.from({ length: concurrency }, async (_, i) => ({
      openid: `bench-c${concurrency}-${i}`,
      addressId: await buyerAddress(shop, `bench-c${concurrency}-${i}`),
    })),
  );
  let failures = 0;
  const { latencies, seconds } = await runLoad(total, concurrency, async (index) => {
    const buyer = buyers[index % concurrency];
    const answer = await shop.call(
      'shop',
      buyer.openid,
      orderEvent([skuId], buyer.addressId, `bench-${concurrency}-${index}`),
    );
    if (!answer.ok) failures += 1;
  });
  return [
    concurrency,
    total,
    failures,
    (total / seconds).toFixed(1),
    percentile(latencies, 50).toFixed(1),
    percentile(latencies, 99).toFixed(1),
  ];
}

async function buyersWithAddresses(shop: BenchShop, prefix: string, count: number) {
  const buyers: { openid: string; addressId: string }[] = [];
  // A few at a time: setting up is not what is measured.
  for (let i = 0; i < count; i += 20) {
    const batch = Array.from({ length: Math.min(20, count - i) }, (_, j) => `${prefix}-${i + j}`);
    buyers.push(
      ...(await Promise.all(
        batch.map(async (openid) => ({ openid, addressId: await buyerAddress(shop, openid) })),
      )),
    );
  }
  return buyers;
}

/** RACERS buyers order one piece of `skuId` all at once: orders per second from first call to last answer. */
async function race(
  shop: BenchShop,
  skuId: string,
  label: string,
): Promise<{ rate: number; failed: number }> {
  const buyers = await buyersWithAddresses(shop, `bench-race-${label}`, RACERS);
  const started = process.hrtime.bigint();
  const results = await Promise.all(
    buyers.map((b, i) =>
      shop.call(
        'shop',
        b.openid,
        orderEvent([skuId], b.addressId, `bench-race-${label}-${i}`, BACKLOG_PRODUCT),
      ),
    ),
  );
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const created = results.filter((r) => r.ok).length;
  return { rate: created / seconds, failed: RACERS - created };
}

async function productBytes(shop: BenchShop): Promise<number> {
  const answer = await shop.call('shop', 'bench-viewer', {
    action: 'catalog.product',
    productId: BACKLOG_PRODUCT,
  });
  if (!answer.ok) throw new Error(`catalog.product failed: ${answer.code}`);
  return Buffer.byteLength(JSON.stringify(answer));
}

/** The same race on a fresh SKU and on one with BACKLOG unpaid orders, and the product's answer size. */
async function backlogCost(shop: BenchShop, db: Db): Promise<string> {
  const [fresh, loaded] = await addBenchSkus(db, 'bench-backlog', 2, 1_000_000, BACKLOG_PRODUCT);
  const bytesBefore = await productBytes(shop);
  const freshRace = await race(shop, fresh, 'fresh');
  const holders = await buyersWithAddresses(shop, 'bench-holder', BACKLOG / 10);
  await runLoad(BACKLOG, 20, async (index) => {
    const holder = holders[index % holders.length];
    const answer = await shop.call(
      'shop',
      holder.openid,
      orderEvent([loaded], holder.addressId, `bench-holder-${index}`, BACKLOG_PRODUCT),
    );
    if (!answer.ok) throw new Error(`backlog order failed: ${answer.code}`);
  });
  const bytesAfter = await productBytes(shop);
  const loadedRace = await race(shop, loaded, 'loaded');
  const table = markdownTable(
    ['measure', 'no unpaid orders', `${BACKLOG} unpaid orders`, 'ratio', 'target'],
    [
      [
        `${RACERS}-buyer race, orders/s`,
        freshRace.rate.toFixed(1),
        loadedRace.rate.toFixed(1),
        (loadedRace.rate / freshRace.rate).toFixed(2),
        '≥ 0.8',
      ],
      ['race orders failed', freshRace.failed, loadedRace.failed, '', '0'],
      [
        '`catalog.product` answer, bytes',
        bytesBefore,
        bytesAfter,
        (bytesAfter / bytesBefore).toFixed(2),
        '≤ 1.2',
      ],
    ],
  );
  return table;
}

async function main(): Promise<void> {
  const shop = await startBenchShop({
    functionEnv: { SHOP_MAX_UNPAID_ORDERS: '100000', SHOP_MAX_UNPAID_UNITS_PER_SKU: '100000' },
  });
  const db = connectSdk(`${shop.cloud.url}/admin`).database();
  try {
    const [plenty] = await addBenchSkus(db, 'bench-plenty', 1, 1_000_000);
    // Warm the instances so the figures are not cold starts.
    await throughput(shop, plenty, 8, 40);
    const speed = [await throughput(shop, plenty, 1, 200), await throughput(shop, plenty, 50, 1000)];
    const speedTable = markdownTable(
      ['concurrency', 'orders', 'failed', 'orders/s', 'p50 ms', 'p99 ms'],
      speed,
    );

    const costRows: (string | number)[][] = [];
    for (const count of [1, 5, 20]) {
      const skus = await addBenchSkus(db, `bench-cost${count}`, count, 1000);
      const addressId = await buyerAddress(shop, `bench-cost-${count}`);
      await shop.resetStats();
      const answer = await shop.call(
        'shop',
        `bench-cost-${count}`,
        orderEvent(skus, addressId, `bench-cost-${count}`),
      );
      const { dbRequests } = (await shop.stats()).functions.shop;
      costRows.push([count, answer.ok ? 'created' : `failed ${answer.code}`, dbRequests, 2 * count + 4]);
    }
    const costTable = markdownTable(
      ['SKUs in the order', 'result', 'database requests', 'budget 2N+4'],
      costRows,
    );

    const [flash] = await addBenchSkus(db, 'bench-flash', 1, 50);
    const buyers = await buyersWithAddresses(shop, 'bench-flash', 500);
    const results = await Promise.all(
      buyers.map((b, i) => shop.call('shop', b.openid, orderEvent([flash], b.addressId, `bench-flash-${i}`))),
    );
    const created = results.filter((r) => r.ok).length;
    const stock = ((await db.collection('skus').doc(flash).get()).data as unknown as { stock: number }).stock;
    const flashTable = markdownTable(
      ['buyers', 'stock', 'orders created', 'refused OUT_OF_STOCK', 'stock left', 'oversold'],
      [
        [
          500,
          50,
          created,
          results.filter((r) => !r.ok && r.code === 'OUT_OF_STOCK').length,
          stock,
          Math.max(0, created - 50) + Math.max(0, -stock),
        ],
      ],
    );

    const backlogTable = await backlogCost(shop, db);

    const body = [
      '## Order creation',
      '',
      `\`npm run bench:orders\` (local cloud, real wx-server-sdk, ${new Date().toISOString().slice(0, 10)}):`,
      '',
      'Throughput, one SKU per order:',
      '',
      speedTable,
      '',
      'Database requests per order creation (bought now, no coupon; from the cart add 1, with a coupon add 1):',
      '',
      costTable,
      '',
      'Flash sale, all buyers at once:',
      '',
      flashTable,
      '',
      `What a backlog costs: ${BACKLOG} unpaid orders on one SKU (reservations are documents of their own):`,
      '',
      backlogTable,
    ].join('\n');
    console.log(body);
    recordBenchmark('orders', body);
  } finally {
    await shop.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
