/**
 * A 已售罄 recheck cut short is repaired by the worker: the real services and repositories in this process on the
 * local cloud's database, with a function instance that stops between its stock write and its flag write (an
 * order's take, a product save), and one whose flag write fails (a refund's give-back, only logged). Each
 * leaves its pending mark on the SKU; the worker leaves a young mark alone and, once it is older than the
 * grace period (the cloud's test clock moves, nothing sleeps), rechecks the product and drops the mark. A stop
 * and a failure of the sold-out repository are the only things this file adds to the code that ships.
 */
import { REPAIR_GRACE_MS } from '../../cloudfunctions/common/domain/repair-timing';
import type * as soldOutRepository from '../../cloudfunctions/common/repositories/sold-out-repository';
import { reservationIdFor } from '../../cloudfunctions/common/repositories/stock-reservation-repository';
import { repairStockReservations } from '../../cloudfunctions/common/services/order-upkeep';
import {
  merchantProductDetail,
  updateProduct,
} from '../../cloudfunctions/common/services/product-admin-service';
import {
  reserveStock,
  returnPaidStock,
  settleReservation,
} from '../../cloudfunctions/common/services/stock-reservation-service';
import type { ProductInput } from '../../types';
import { connectSdk, type TestCloud } from '../support/local-cloud';
import { readSeed, startServicesCloud } from './shop-cloud';

/**
 * What the next call of a sold-out repository write does before the real one: the instance stops there for good
 * (the returned promise never settles, as a function killed mid-way never answers), or the write fails.
 */
type Stop = { at: 'markStockChange' | 'writeSoldOut'; kind: 'die' | 'fail'; reached: () => void };
const mockStops: Stop[] = [];

jest.mock('../../cloudfunctions/common/repositories/sold-out-repository', () => {
  const actual = jest.requireActual<typeof soldOutRepository>(
    '../../cloudfunctions/common/repositories/sold-out-repository',
  );
  const stopAt = async (at: Stop['at']) => {
    const index = mockStops.findIndex((stop) => stop.at === at);
    if (index < 0) return;
    const [stop] = mockStops.splice(index, 1);
    stop.reached();
    if (stop.kind === 'fail') throw new Error(`the database refused ${at}`);
    await new Promise<never>(() => undefined);
  };
  return {
    ...actual,
    async markStockChange(...args: Parameters<typeof actual.markStockChange>) {
      await stopAt('markStockChange');
      return actual.markStockChange(...args);
    },
    async writeSoldOut(...args: Parameters<typeof actual.writeSoldOut>) {
      await stopAt('writeSoldOut');
      return actual.writeSoldOut(...args);
    },
  };
});

/** Arms a stop; resolves once a call reached it. */
function stopNext(at: Stop['at'], kind: Stop['kind']): Promise<void> {
  return new Promise((resolve) => mockStops.push({ at, kind, reached: resolve }));
}

let cloud: TestCloud;
const seed = readSeed();
const products = seed.products.filter(
  (p) => p.onSale && seed.skus.some((s) => s.productId === p._id && s.onSale),
);

beforeAll(async () => {
  cloud = await startServicesCloud();
});
afterAll(() => cloud.close());
afterEach(() => {
  expect(mockStops).toEqual([]);
});

const db = () => connectSdk(cloud.adminUrl).database();

/** The `index`-th on-sale product with one on-sale SKU holding `stock` and every other SKU empty; flag off. */
async function productWithOneSku(
  index: number,
  stock: number,
): Promise<{ productId: string; skuId: string }> {
  const product = products[index];
  const skus = seed.skus.filter((s) => s.productId === product._id);
  const kept = skus.find((s) => s.onSale)!;
  for (const sku of skus)
    await db()
      .collection('skus')
      .doc(sku._id)
      .update({ data: { stock: sku._id === kept._id ? stock : 0 } });
  await db()
    .collection('products')
    .doc(product._id)
    .update({ data: { soldOut: false } });
  return { productId: product._id, skuId: kept._id };
}

async function flagOf(productId: string): Promise<boolean | undefined> {
  const { data } = await db().collection('products').doc(productId).get();
  return (data as unknown as { soldOut?: boolean }).soldOut;
}

async function skuOf(skuId: string): Promise<{ stock: number; onSale: boolean; marks: string[] }> {
  const { data } = await db().collection('skus').doc(skuId).get();
  const sku = data as unknown as { stock: number; onSale: boolean; pending?: { op: string }[] };
  return { stock: sku.stock, onSale: sku.onSale, marks: (sku.pending ?? []).map((mark) => mark.op) };
}

/** The worker's job at the cloud's now, after the clock passed the grace period of the marks left. */
async function workerAfterGrace() {
  await cloud.cloud.clock.advance(REPAIR_GRACE_MS + 1);
  return repairStockReservations(cloud.cloud.clock.now());
}

test('an order that took the last piece and stopped before its flag write: the worker marks 已售罄 once its mark is old', async () => {
  const item = await productWithOneSku(0, 1);
  const attempt = 'repair-died-after-take';
  const now = cloud.cloud.clock.now();

  // The order's function takes the piece, records its reservation, and stops as it claims the recheck.
  const stopped = stopNext('markStockChange', 'die');
  void reserveStock({
    attempt,
    orderId: `order-${attempt}`,
    openid: 'repair-buyer',
    lines: [{ skuId: item.skuId, quantity: 1 }],
    now,
  });
  await stopped;
  const id = reservationIdFor(attempt);
  expect(await skuOf(item.skuId)).toEqual({ stock: 0, onSale: true, marks: [`r:${id}`] });
  expect(await flagOf(item.productId)).toBe(false); // wrong: nothing is left
  // The order was paid: the reservation stands, only the flag is owed.
  expect(await settleReservation(id, now)).toBe(true);

  // A young mark may belong to a live writer: the worker leaves it alone.
  const early = await repairStockReservations(now + REPAIR_GRACE_MS - 1);
  expect(early).toMatchObject({ marksRepaired: 0, soldOutRechecked: 0 });
  expect(await flagOf(item.productId)).toBe(false);

  const report = await workerAfterGrace();
  expect(report).toMatchObject({ marksRepaired: 1, soldOutRechecked: 1, released: 0 });
  expect(await flagOf(item.productId)).toBe(true);
  expect(await skuOf(item.skuId)).toEqual({ stock: 0, onSale: true, marks: [] });
  // Nothing is owed any more.
  expect(await repairStockReservations(cloud.cloud.clock.now())).toMatchObject({ marksRepaired: 0 });
});

test('a refund whose flag write failed (only logged) keeps its mark: the worker clears 已售罄 after the grace period', async () => {
  const item = await productWithOneSku(1, 1);
  const attempt = 'repair-failed-give-back';
  const now = cloud.cloud.clock.now();
  const reservation = await reserveStock({
    attempt,
    orderId: `order-${attempt}`,
    openid: 'repair-buyer',
    lines: [{ skuId: item.skuId, quantity: 1 }],
    now,
  });
  expect(reservation).toBeDefined();
  expect(await settleReservation(reservation!._id, now)).toBe(true);
  expect(await flagOf(item.productId)).toBe(true);

  // Refunded: the piece comes back, and the recheck's flag write fails.
  const failed = stopNext('writeSoldOut', 'fail');
  const error = jest.spyOn(console, 'error').mockImplementation(() => undefined);
  try {
    expect(await returnPaidStock(reservation!._id, now)).toBe(true);
  } finally {
    error.mockRestore();
  }
  await failed;
  expect(await skuOf(item.skuId)).toEqual({ stock: 1, onSale: true, marks: [`u:${reservation!._id}`] });
  expect(await flagOf(item.productId)).toBe(true); // wrong: the piece is back

  const report = await workerAfterGrace();
  expect(report).toMatchObject({ marksRepaired: 1, soldOutRechecked: 1, released: 0 });
  expect(await flagOf(item.productId)).toBe(false);
  expect(await skuOf(item.skuId)).toEqual({ stock: 1, onSale: true, marks: [] });
});

test('a save that took the only buyable SKU off sale and stopped before its recheck: the worker marks 已售罄', async () => {
  const item = await productWithOneSku(2, 5);
  // The form as the workspace's editor sends it back, with that SKU switched off.
  const { product, skus } = await merchantProductDetail(item.productId);
  const form: ProductInput & { productId: string } = {
    productId: product._id,
    title: product.title,
    subtitle: product.subtitle,
    categoryId: product.categoryPath[1],
    images: product.images,
    description: product.description,
    tags: product.tags,
    specs: product.specs,
    skus: skus.map((sku) => ({
      skuId: sku._id,
      specValues: sku.specValues,
      price: sku.price,
      originalPrice: sku.originalPrice,
      stock: sku.stock,
      onSale: sku._id === item.skuId ? false : sku.onSale,
    })),
  };

  const stopped = stopNext('markStockChange', 'die');
  void updateProduct(product._id, form, cloud.cloud.clock.now());
  await stopped;
  const halfway = await skuOf(item.skuId);
  expect(halfway).toMatchObject({ stock: 5, onSale: false });
  expect(halfway.marks).toEqual([expect.stringMatching(/^e:/)]);
  expect(await flagOf(item.productId)).toBe(false); // wrong: nothing can be bought

  const report = await workerAfterGrace();
  // The save marked every SKU it wrote; one recheck of the product answers them all.
  expect(report.soldOutRechecked).toBe(1);
  expect(report.marksRepaired).toBe(form.skus.length);
  expect(await flagOf(item.productId)).toBe(true);
  for (const sku of form.skus) expect((await skuOf(sku.skuId!)).marks).toEqual([]);
});
