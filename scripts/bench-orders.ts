/**
 * `npm run bench:orders`: order creations per second at concurrency 1 and 50, database requests per order
 * creation (bought now at 1, 5 and 20 SKUs, from the cart, with a coupon), a flash sale (500 buyers, stock 50),
 * and what a backlog of 2,000 unpaid orders on one SKU costs: the rate of a 200-buyer race on that SKU against
 * a fresh one, and the bytes of `catalog.product`. The per-buyer limits are raised so one buyer may place the
 * throughput runs' orders.
 * Every answer is checked (a new unpaid order for the quoted payable, or OUT_OF_STOCK where stock runs out),
 * and so is the stock each SKU is left with: a wrong answer stops the run with an error and records nothing.
 * It also counts the requests of a buyer's cancel, and of the last piece of a product bought and cancelled (the
 * product's 已售罄 flag set, then cleared with its 到货提醒 due).
 * Runs on the local cloud with the built functions; records the figures in docs/benchmarks.md.
 *
 *   npx tsx scripts/bench-orders.ts [--past-orders 100000]
 *
 * `--past-orders N`: the shop starts with N orders of the last 60 days and their reservations already stored
 * (generated into the seed, as bench:merchant's), to show whether placing an order costs more with history; the
 * figures go to a section of their own.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Order } from '../types';
import { connectSdk } from '../test/support/local-cloud';
import { markdownTable, recordBenchmark } from './lib/benchmarks-doc';
import { percentile, ROOT, runLoad, startBenchShop, type BenchShop } from './lib/bench-shop';
import { generatePastOrders, random } from './lib/past-orders';
import type { StockReservation } from '../cloudfunctions/common/repositories/stock-reservation-repository';
import type { Product } from '../types';

function argument(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1] : fallback;
}

const PAST_ORDERS = Number(argument('past-orders', '0'));

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
/** The sample shop's coupon with no threshold (a newcomer's; the coupon buyer has never paid). */
const COUPON_TEMPLATE = 'ct-newcomer';

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

type Answer = Awaited<ReturnType<BenchShop['call']>>;

/** An order.create answer that must be a new unpaid order of `pieces` pieces for `payable`; else the run stops. */
function expectCreated(answer: Answer, what: string, payable: number, pieces = 1): Order {
  if (!answer.ok) throw new Error(`${what}: order.create answered ${answer.code}`);
  const order = answer.data as Order;
  const count = order.items.reduce((n, item) => n + item.quantity, 0);
  if (order.state !== 'TO_PAY' || order.amounts.payable !== payable || count !== pieces)
    throw new Error(
      `${what}: expected a TO_PAY order of ${pieces} pieces for ${payable} fen, got ${order.state}, ` +
        `${count} pieces for ${order.amounts.payable} fen`,
    );
  return order;
}

async function stockOf(db: Db, skuId: string): Promise<number> {
  return ((await db.collection('skus').doc(skuId).get()).data as unknown as { stock: number }).stock;
}

/** The stock a SKU must be left with after what the run created; anything else stops the run. */
async function expectStock(db: Db, skuId: string, expected: number, what: string): Promise<number> {
  const stock = await stockOf(db, skuId);
  if (stock !== expected) throw new Error(`${what}: ${skuId} has stock ${stock}, expected ${expected}`);
  return stock;
}

async function buyerAddress(shop: BenchShop, openid: string): Promise<string> {
  const answer = await shop.call('shop', openid, { action: 'address.add', ...ADDRESS });
  if (!answer.ok) throw new Error(`address.add for ${openid} failed: ${answer.code}`);
  return (answer.data as { _id: string })._id;
}

/** What the bench's orders cost: SKU_PRICE a piece, shipping 10 yuan below 99 yuan (checked by each answer). */
function payableOf(pieces: number): number {
  const itemsTotal = pieces * SKU_PRICE;
  return itemsTotal + (itemsTotal >= 9900 ? 0 : 1000);
}

function orderEvent(skuIds: readonly string[], addressId: string, requestId: string, productId = PRODUCT) {
  return {
    action: 'order.create',
    items: skuIds.map((skuId) => ({ productId, skuId, quantity: 1 })),
    addressId,
    couponId: null,
    requestId,
    expectedPayable: payableOf(skuIds.length),
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
  const { latencies, seconds } = await runLoad(total, concurrency, async (index) => {
    const buyer = buyers[index % concurrency];
    const answer = await shop.call(
      'shop',
      buyer.openid,
      orderEvent([skuId], buyer.addressId, `bench-${concurrency}-${index}`),
    );
    expectCreated(answer, `throughput at ${concurrency}, order ${index}`, payableOf(1));
  });
  return [
    concurrency,
    total,
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
async function race(shop: BenchShop, skuId: string, label: string): Promise<number> {
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
  results.forEach((answer, i) => expectCreated(answer, `race ${label}, buyer ${i}`, payableOf(1)));
  return RACERS / seconds;
}

async function productBytes(shop: BenchShop): Promise<number> {
  const answer = await shop.call('shop', 'bench-viewer', {
    action: 'catalog.product',
    productId: BACKLOG_PRODUCT,
  });
  if (!answer.ok) throw new Error(`catalog.product failed: ${answer.code}`);
  const product = (answer.data as { product?: { _id?: string } }).product;
  if (product?._id !== BACKLOG_PRODUCT)
    throw new Error(`catalog.product answered another product: ${String(product?._id)}`);
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
    expectCreated(answer, `backlog order ${index}`, payableOf(1));
  });
  const bytesAfter = await productBytes(shop);
  const loadedRace = await race(shop, loaded, 'loaded');
  await expectStock(db, fresh, 1_000_000 - RACERS, 'the race on the fresh SKU');
  await expectStock(db, loaded, 1_000_000 - BACKLOG - RACERS, 'the backlog and the race on it');
  const table = markdownTable(
    ['measure', 'no unpaid orders', `${BACKLOG} unpaid orders`, 'ratio', 'target'],
    [
      [
        `${RACERS}-buyer race, orders/s`,
        freshRace.toFixed(1),
        loadedRace.toFixed(1),
        (loadedRace / freshRace).toFixed(2),
        '≥ 0.8',
      ],
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

/** Runs `create` with the cloud's request counts reset first: the database requests of the shop function. */
async function countRequests(shop: BenchShop, create: () => Promise<void>): Promise<number> {
  await shop.resetStats();
  await create();
  return (await shop.stats()).functions.shop.dbRequests;
}

/**
 * The database requests of one order creation, each path measured: bought now at 1, 5 and 20 SKUs (budget
 * 2N + 4), from the cart (the lines are then removed from it) and with a coupon (the coupon is locked).
 */
async function creationCosts(shop: BenchShop, db: Db): Promise<(string | number)[][]> {
  const rows: (string | number)[][] = [];
  for (const count of [1, 5, 20]) {
    const skus = await addBenchSkus(db, `bench-cost${count}`, count, 1000);
    const openid = `bench-cost-${count}`;
    const addressId = await buyerAddress(shop, openid);
    const requests = await countRequests(shop, async () => {
      const answer = await shop.call('shop', openid, orderEvent(skus, addressId, openid));
      expectCreated(answer, `bought now, ${count} SKUs`, payableOf(count), count);
    });
    rows.push(['bought now', count, requests, 2 * count + 4]);
  }

  const [cartSku] = await addBenchSkus(db, 'bench-cost-cart', 1, 1000);
  const cartBuyer = 'bench-cost-cart';
  const cartAddress = await buyerAddress(shop, cartBuyer);
  const added = await shop.call('shop', cartBuyer, {
    action: 'cart.add',
    productId: PRODUCT,
    skuId: cartSku,
    quantity: 1,
  });
  if (!added.ok) throw new Error(`cart.add answered ${added.code}`);
  const fromCart = await countRequests(shop, async () => {
    const answer = await shop.call('shop', cartBuyer, {
      ...orderEvent([cartSku], cartAddress, cartBuyer),
      fromCart: true,
    });
    expectCreated(answer, 'from the cart', payableOf(1));
  });
  const cart = await shop.call('shop', cartBuyer, { action: 'cart.count' });
  if (!cart.ok || (cart.data as { badgeCount: number }).badgeCount !== 0)
    throw new Error(`from the cart: the cart still holds ${JSON.stringify(cart.data)}`);
  rows.push(['from the cart', 1, fromCart, '–']);

  const [couponSku] = await addBenchSkus(db, 'bench-cost-coupon', 1, 1000);
  const couponBuyer = 'bench-cost-coupon';
  const couponAddress = await buyerAddress(shop, couponBuyer);
  const claimed = await shop.call('shop', couponBuyer, {
    action: 'coupon.claim',
    templateId: COUPON_TEMPLATE,
  });
  if (!claimed.ok) throw new Error(`coupon.claim answered ${claimed.code}`);
  const couponId = (claimed.data as { _id: string })._id;
  const items = [{ productId: PRODUCT, skuId: couponSku, quantity: 1 }];
  const quote = await shop.call('shop', couponBuyer, {
    action: 'checkout.quote',
    items,
    addressId: couponAddress,
    couponId,
  });
  if (!quote.ok) throw new Error(`checkout.quote answered ${quote.code}`);
  const { payable } = quote.data as { payable: number; discount: number };
  if (payable >= payableOf(1)) throw new Error(`the coupon took nothing off: payable ${payable}`);
  const withCoupon = await countRequests(shop, async () => {
    const answer = await shop.call('shop', couponBuyer, {
      ...orderEvent([couponSku], couponAddress, couponBuyer),
      couponId,
      expectedPayable: payable,
    });
    const order = expectCreated(answer, 'with a coupon', payable);
    if (order.couponId !== couponId) throw new Error('with a coupon: the order does not name the coupon');
  });
  rows.push(['with a coupon', 1, withCoupon, '–']);
  return rows;
}

/** A buyer's unpaid order cancelled: the answer must be the order CANCELLED, else the run stops. */
async function cancel(shop: BenchShop, openid: string, orderId: string, what: string): Promise<void> {
  const answer = await shop.call('shop', openid, { action: 'order.cancel', orderId, reason: '不想要了' });
  if (!answer.ok) throw new Error(`${what}: order.cancel answered ${answer.code}`);
  const state = (answer.data as Order).state;
  if (state !== 'CANCELLED') throw new Error(`${what}: the order is ${state} after order.cancel`);
}

async function readDocument<T>(db: Db, collection: string, id: string): Promise<T> {
  const { data } = await db.collection(collection).doc(id).get();
  return (Array.isArray(data) ? data[0] : data) as T;
}

/**
 * What stock changes cost since products keep their 已售罄 flag and buyers can ask for 到货提醒: a buyer's cancel
 * of 1 and 5 SKUs, then the last piece of a product's only SKU bought (the product sells out) and its cancel
 * (the flag goes off and the SKU's waiting 到货提醒 become due). Each effect is checked.
 */
async function stockChangeCosts(shop: BenchShop, db: Db): Promise<(string | number)[][]> {
  const rows: (string | number)[][] = [];
  for (const count of [1, 5]) {
    const skus = await addBenchSkus(db, `bench-cancel${count}`, count, 1000);
    const openid = `bench-cancel-${count}`;
    const addressId = await buyerAddress(shop, openid);
    const created = await shop.call('shop', openid, orderEvent(skus, addressId, openid));
    const order = expectCreated(created, `cancelled, ${count} SKUs`, payableOf(count), count);
    rows.push([
      'cancelled by the buyer',
      count,
      await countRequests(shop, () => cancel(shop, openid, order._id, `cancel of ${count} SKUs`)),
      '–',
    ]);
    for (const skuId of skus) await expectStock(db, skuId, 1000, `the cancel of ${count} SKUs`);
  }

  // A product of its own whose only SKU has one piece left.
  const LAST_PIECE_PRODUCT = 'bench-last-piece';
  const { _id: _model, ...fields } = await readDocument<{ _id: string }>(db, 'products', PRODUCT);
  await db.collection('products').add({ data: { ...fields, _id: LAST_PIECE_PRODUCT, soldOut: false } });
  const [last] = await addBenchSkus(db, 'bench-last-piece', 1, 1, LAST_PIECE_PRODUCT);
  const soldOut = async () =>
    (await readDocument<{ soldOut?: boolean }>(db, 'products', LAST_PIECE_PRODUCT)).soldOut === true;
  const openid = 'bench-last-piece-buyer';
  const addressId = await buyerAddress(shop, openid);
  let orderId = '';
  const bought = await countRequests(shop, async () => {
    const answer = await shop.call('shop', openid, orderEvent([last], addressId, openid, LAST_PIECE_PRODUCT));
    orderId = expectCreated(answer, 'the last piece', payableOf(1))._id;
  });
  if (!(await soldOut())) throw new Error('the last piece was bought but the product is not 已售罄');
  rows.push(['bought now, the last piece (the product sells out)', 1, bought, '–']);

  const waiting = await shop.call('shop', 'bench-restock-waiter', {
    action: 'restock.subscribe',
    skuId: last,
  });
  if (!waiting.ok || (waiting.data as { status: string }).status !== 'WAITING')
    throw new Error(`restock.subscribe answered ${JSON.stringify(waiting)}`);
  const cancelled = await countRequests(shop, () => cancel(shop, openid, orderId, 'the last piece'));
  await expectStock(db, last, 1, 'the cancel of the last piece');
  if (await soldOut()) throw new Error('the last piece came back but the product is still 已售罄');
  const due = await db.collection('restock_subscriptions').where({ skuId: last, state: 'DUE' }).count();
  if (due.total !== 1) throw new Error(`the last piece came back: ${due.total} 到货提醒 due, expected 1`);
  rows.push(['cancelled, the last piece back (已售罄 off, 1 到货提醒 due)', 1, cancelled, '–']);
  return rows;
}

/**
 * A seed file: the sample shop with `count` past orders (paid ones' reservations SETTLED, the others' RELEASED),
 * in a folder of its own that the caller removes.
 */
function seedWithPastOrders(count: number): { seedFile: string; folder: string } {
  const sample = JSON.parse(
    fs.readFileSync(path.join(ROOT, 'emulator', 'seed', 'shop.json'), 'utf8'),
  ) as Record<string, unknown[]>;
  const now = Date.now();
  const orders = generatePastOrders(
    count,
    (sample.products as Product[]).filter((product) => product.onSale),
    random(count),
    now,
    Math.max(100, Math.round(count / 3)),
  );
  const reservations: StockReservation[] = orders.map((order) => ({
    _id: `rs${order._id}`,
    attempt: order._id,
    orderId: order._id,
    openid: order.openid ?? '',
    lines: (order.items ?? []).map((item) => ({ skuId: item.skuId, quantity: item.quantity })),
    state: order.paidAt ? 'SETTLED' : 'RELEASED',
    at: order.createdAt ?? now,
    checkAt: (order.createdAt ?? now) + 60 * 60 * 1000,
  }));
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), 'bench-orders-seed-'));
  const seedFile = path.join(folder, 'seed.json');
  fs.writeFileSync(seedFile, JSON.stringify({ ...sample, orders, stock_reservations: reservations }));
  return { seedFile, folder };
}

async function main(): Promise<void> {
  // The machine may be shared: its load goes with the figures.
  const loadAtStart = os.loadavg()[0];
  const past = PAST_ORDERS > 0 ? seedWithPastOrders(PAST_ORDERS) : undefined;
  const shop = await startBenchShop({
    functionEnv: { SHOP_MAX_UNPAID_ORDERS: '100000', SHOP_MAX_UNPAID_UNITS_PER_SKU: '100000' },
    ...(past ? { seedFile: past.seedFile } : {}),
  });
  const db = connectSdk(`${shop.cloud.url}/admin`).database();
  try {
    if (past) {
      // The local cloud reads a collection from its file on first use: that is the seeding's cost, not an order's.
      const stored = await Promise.all(
        ['orders', 'stock_reservations'].map(async (name) => (await db.collection(name).count()).total),
      );
      if (stored.some((total) => total !== PAST_ORDERS))
        throw new Error(`the past orders were not all stored: ${stored.join(', ')}`);
    }
    const [plenty] = await addBenchSkus(db, 'bench-plenty', 1, 1_000_000);
    // Warm the instances so the figures are not cold starts.
    await throughput(shop, plenty, 8, 40);
    const speed = [await throughput(shop, plenty, 1, 200), await throughput(shop, plenty, 50, 1000)];
    await expectStock(db, plenty, 1_000_000 - 40 - 200 - 1000, 'the throughput runs');
    const speedTable = markdownTable(['concurrency', 'orders', 'orders/s', 'p50 ms', 'p99 ms'], speed);

    const costTable = markdownTable(
      ['how the order is placed', 'SKUs', 'database requests', 'budget'],
      [...(await creationCosts(shop, db)), ...(await stockChangeCosts(shop, db))],
    );

    const [flash] = await addBenchSkus(db, 'bench-flash', 1, 50);
    const buyers = await buyersWithAddresses(shop, 'bench-flash', 500);
    const results = await Promise.all(
      buyers.map((b, i) => shop.call('shop', b.openid, orderEvent([flash], b.addressId, `bench-flash-${i}`))),
    );
    let created = 0;
    results.forEach((answer, i) => {
      if (!answer.ok && answer.code === 'OUT_OF_STOCK') return;
      expectCreated(answer, `flash sale, buyer ${i}`, payableOf(1));
      created += 1;
    });
    // Never oversold, and every piece that could be sold was.
    if (created !== 50) throw new Error(`flash sale: ${created} orders created for a stock of 50`);
    const stock = await expectStock(db, flash, 0, 'the flash sale');
    const flashTable = markdownTable(
      ['buyers', 'stock', 'orders created', 'refused OUT_OF_STOCK', 'stock left'],
      [[500, 50, created, results.length - created, stock]],
    );

    const backlogTable = await backlogCost(shop, db);

    const history = PAST_ORDERS.toLocaleString('en');
    const body = [
      past ? `## Order creation with ${history} past orders` : '## Order creation',
      '',
      `\`npm run bench:orders${past ? ` -- --past-orders ${PAST_ORDERS}` : ''}\` (local cloud, real wx-server-sdk, ` +
        `${new Date().toISOString().slice(0, 10)}, load average ${loadAtStart.toFixed(1)} at the start, ${os.loadavg()[0].toFixed(1)} at the end` +
        `${past ? `; ${history} orders of the last 60 days and their reservations stored before it starts` : ''}):`,
      '',
      'Throughput, one SKU per order:',
      '',
      speedTable,
      '',
      'Database requests of one order creation, and of a cancel, counted by the local cloud:',
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
    recordBenchmark(past ? 'orders-history' : 'orders', body);
  } finally {
    await shop.close();
    if (past) fs.rmSync(past.folder, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
