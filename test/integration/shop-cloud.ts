/**
 * A local cloud with the built functions and the sample shop, for integration tests: buyers call the `shop`
 * function through the same bridge the H5 build uses (x-wx-openid), and tests read the database through the
 * real wx-server-sdk to check what changed.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { ActionName, ActionRequest, ActionResponse, Result } from '../../types';
import type { LocalCloudOptions } from '../../emulator/server';
import { connectSdk, startTestCloud, type TestCloud } from '../support/local-cloud';
import type { Sdk } from '../support/sdk-types';

export const ROOT = path.resolve(__dirname, '..', '..');
export const SEED_FILE = path.join(ROOT, 'emulator', 'seed', 'shop.json');
/** The collections the cloud database has: the local cloud creates these and no others. */
export const COLLECTIONS_FILE = path.join(ROOT, 'database', 'collections.json');

export interface ShopSeed {
  categories: { _id: string; parentId: string | null; name: string }[];
  products: {
    _id: string;
    onSale: boolean;
    title: string;
    tags: string[];
    categoryPath: string[];
    minPrice: number;
  }[];
  skus: {
    _id: string;
    productId: string;
    stock: number;
    onSale: boolean;
    price: number;
    specValues: string[];
  }[];
  coupon_templates: { _id: string }[];
}

export function readSeed(): ShopSeed {
  return JSON.parse(fs.readFileSync(SEED_FILE, 'utf8')) as ShopSeed;
}

/** An on-sale product with at least `count` on-sale SKUs of more than `minStock` each, and those SKUs. */
export function buyableProduct(count: number, minStock: number) {
  const seed = readSeed();
  const roomy = (productId: string) =>
    seed.skus.filter((s) => s.productId === productId && s.onSale && s.stock > minStock);
  const product = seed.products.find((p) => p.onSale && roomy(p._id).length >= count);
  if (!product) throw new Error(`the seed has no product with ${count} SKUs of stock > ${minStock}`);
  return { product, skus: roomy(product._id) };
}

/** A mainland address the address book accepts. */
export const TEST_ADDRESS = {
  name: '王小明',
  mobile: '13912345678',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  detail: '文三路 100 号',
  isDefault: true,
};

export interface StatsSnapshot {
  functions: Record<string, { invocations: number; dbRequests: number }>;
  actions: Record<string, { requests: number }>;
}

export interface ShopCloud {
  cloud: TestCloud;
  sdk: Sdk;
  db: ReturnType<Sdk['database']>;
  buyer(openid: string): Buyer;
  /** The merchant's `admin` function as `openid`. */
  admin<A extends ActionName<'admin'>>(
    openid: string,
    action: A,
    request: ActionRequest<'admin', A>,
  ): Promise<Result<ActionResponse<'admin', A>>>;
  /** Invokes a function as its timer does: no user. */
  invokeAsSystem(fn: string, event?: object): Promise<unknown>;
  stats(reset?: boolean): Promise<StatsSnapshot>;
  /** The cloud's now: what the functions and the database read as the time. */
  now(): number;
  /**
   * Moves the cloud's test clock forward; with timers on, the triggers that became due (the worker) run before
   * this resolves.
   */
  advanceClock(ms: number): Promise<void>;
  close(): Promise<void>;
}

/** A buyer with one address in their book: what checkout needs. */
export async function buyerWithAddress(
  shop: ShopCloud,
  openid: string,
): Promise<{ buyer: Buyer; addressId: string }> {
  const buyer = shop.buyer(openid);
  const address = await buyer.ok('address.add', TEST_ADDRESS);
  return { buyer, addressId: address._id };
}

/** Places an order of one piece of `skuId` as `openid`, priced by a quote first as the checkout page does. */
export async function placeOrder(
  shop: ShopCloud,
  openid: string,
  item: { productId: string; skuId: string },
  requestId: string,
  couponId: string | null = null,
) {
  const { buyer, addressId } = await buyerWithAddress(shop, openid);
  const items = [{ ...item, quantity: 1 }];
  const { payable } = await buyer.ok('checkout.quote', { items, addressId, couponId });
  const order = await buyer.ok('order.create', {
    items,
    addressId,
    couponId,
    requestId,
    expectedPayable: payable,
  });
  return { buyer, addressId, order };
}

/**
 * Pays `order` in the pay sandbox as the buyer's sheet does, waits until the sandbox's notification was answered
 * (the notify function stored it in the inbox), then applies it with `order.syncPayment` as the order page does.
 */
export async function payInSandbox(shop: ShopCloud, buyer: Buyer, order: { _id: string; orderNo: string }) {
  await buyer.ok('order.pay', { orderId: order._id });
  await fetch(`${shop.cloud.url}/_/paysandbox/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outTradeNo: order.orderNo, openid: buyer.openid }),
  });
  if (!(await shop.cloud.cloud.paySandbox.notificationSettled(order.orderNo))?.delivered)
    throw new Error(`the sandbox's notification of ${order.orderNo} was never delivered`);
  const paid = await buyer.ok('order.syncPayment', { orderId: order._id });
  if (paid.state !== 'PAID') throw new Error(`order ${order.orderNo} is ${paid.state} after paying`);
  return paid;
}

export interface Buyer {
  openid: string;
  call<A extends ActionName<'shop'>>(
    action: A,
    request: ActionRequest<'shop', A>,
  ): Promise<Result<ActionResponse<'shop', A>>>;
  /** Calls and insists on success, answering the data. */
  ok<A extends ActionName<'shop'>>(
    action: A,
    request: ActionRequest<'shop', A>,
  ): Promise<ActionResponse<'shop', A>>;
  /** Sends any event, well-formed or not. */
  raw(event: unknown): Promise<Result<unknown>>;
}

/**
 * A local cloud with the sample shop for the functions' services and repositories run in the test's own process
 * (to drive an interleaving step by step), with the real wx-server-sdk pointed at it.
 */
export async function startServicesCloud(): Promise<TestCloud> {
  const cloud = await startTestCloud({
    seedFile: SEED_FILE,
    collectionsFile: COLLECTIONS_FILE,
    envId: 'test-env',
  });
  connectSdk(cloud.adminUrl);
  // The functions' SDK resolves DYNAMIC_CURRENT_ENV from the environment the cloud runtime sets.
  process.env.TCB_ENV = 'test-env';
  process.env.SCF_NAMESPACE = 'test-env';
  return cloud;
}

export async function startShopCloud(options: Partial<LocalCloudOptions> = {}): Promise<ShopCloud> {
  const functionsDir = path.join(ROOT, 'dist', 'cloudfunctions');
  if (!fs.existsSync(path.join(functionsDir, 'shop', 'index.js'))) {
    throw new Error('dist/cloudfunctions is missing: run `npm run build:cloud` first');
  }
  const cloud = await startTestCloud({
    functionsDir,
    seedFile: SEED_FILE,
    collectionsFile: COLLECTIONS_FILE,
    ...options,
  });
  const sdk = connectSdk(cloud.adminUrl);
  const db = sdk.database();

  const raw = async (openid: string, event: unknown, fn = 'shop'): Promise<Result<unknown>> => {
    const response = await fetch(`${cloud.url}/functions/${fn}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
      body: JSON.stringify(event),
    });
    return (await response.json()) as Result<unknown>;
  };

  return {
    cloud,
    sdk,
    db,
    buyer(openid) {
      const call = (async (action: string, request: object) =>
        raw(openid, { ...request, action })) as Buyer['call'];
      return {
        openid,
        call,
        async ok(action, request) {
          const answer = await call(action, request);
          if (!answer.ok) throw new Error(`${action} failed: ${answer.code} ${answer.message}`);
          return answer.data;
        },
        raw: (event) => raw(openid, event),
      };
    },
    admin: (async (openid: string, action: string, request: object) =>
      raw(openid, { ...request, action }, 'admin')) as ShopCloud['admin'],
    async invokeAsSystem(fn, event = {}) {
      const response = await fetch(`${cloud.url}/functions/${fn}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(event),
      });
      return response.json();
    },
    async stats(reset = false) {
      const response = await fetch(`${cloud.url}/_/stats${reset ? '/reset' : ''}`, {
        method: reset ? 'POST' : 'GET',
      });
      return (await response.json()) as StatsSnapshot;
    },
    now: () => cloud.cloud.clock.now(),
    advanceClock: (ms) => cloud.cloud.clock.advance(ms),
    close: () => cloud.close(),
  };
}

/**
 * Puts a payment notice for no order of ours in the inbox, as the worker leaves one: DEAD after 8 failed tries,
 * or an UNKNOWN_ORDER anomaly. Nothing in the shop produces either on demand, so the test writes the item.
 */
export async function addOrphanNotice(
  shop: ShopCloud,
  transactionId: string,
  outTradeNo: string,
  state: 'DEAD' | 'ANOMALY',
): Promise<void> {
  const now = shop.now();
  await shop.db.collection('payment_inbox').add({
    data: {
      _id: transactionId,
      outTradeNo,
      source: 'notify',
      transaction: {
        outTradeNo,
        transactionId,
        state: 'SUCCESS',
        totalFen: 100,
        payerTotalFen: 100,
        payerOpenid: 'x',
        appid: 'wx',
        mchid: '1',
      },
      state,
      receivedAt: now,
      nextAttemptAt: now,
      ...(state === 'DEAD'
        ? { attempts: 8, lastError: `no order ${outTradeNo}` }
        : {
            attempts: 0,
            anomaly: { code: 'UNKNOWN_ORDER', detail: `no order numbered ${outTradeNo}`, at: now },
          }),
    },
  });
}
