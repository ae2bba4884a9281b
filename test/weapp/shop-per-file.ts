/**
 * The setup the page specs share: one local cloud with the sample shop and one harness per spec file (started in
 * beforeAll, stopped in afterAll), and, for specs whose tests each need an empty cart, address book and order
 * list, a buyer of their own per test. What these give stands for the started cloud and harness, so a spec names
 * them once at the top and uses them in its hooks and tests as if it had started them itself.
 */
import { createWeappHarness, type WeappHarness } from './harness';
import { buyerPerTest, type BuyerShop } from './orders-on-cloud';
import { startShopOnCloud, type ShopOnCloud } from './shop-on-cloud';

/**
 * An object that forwards every use to what `current()` answers at that moment: the cloud and harness exist only
 * once beforeAll has run, and a per-test buyer's staging steps change with each test.
 */
function forwardTo<T extends object>(what: string, current: () => T | undefined): T {
  return new Proxy({} as T, {
    get(_placeholder, key) {
      const target = current();
      if (target === undefined) throw new Error(`${what} is not ready: use it in a hook or a test`);
      const value: unknown = Reflect.get(target, key);
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value;
    },
  });
}

export interface ShopPerFile {
  cloud: ShopOnCloud;
  harness: WeappHarness;
}

/**
 * Starts the local cloud with the sample shop (with `functionEnv` added to the functions' settings) and the harness
 * before the file's tests, stops the cloud after them; with `buyer`, the harness calls the cloud as that buyer.
 */
export function shopOnCloudForFile(
  options: { functionEnv?: Record<string, string>; buyer?: string } = {},
): ShopPerFile {
  let cloud: ShopOnCloud | undefined;
  let harness: WeappHarness | undefined;
  beforeAll(async () => {
    cloud = await startShopOnCloud(options.functionEnv);
    harness = createWeappHarness();
    if (options.buyer) harness.useCloud(cloud, options.buyer);
  });
  afterAll(async () => {
    await cloud?.stop();
  });
  return {
    cloud: forwardTo('the local cloud', () => cloud),
    harness: forwardTo('the weapp harness', () => harness),
  };
}

export interface ShopBuyerPerTest extends ShopPerFile {
  /** The buyer of the test running: the next OPENID under the spec's prefix. */
  buyer(): string;
  /** The running test's buyer's staging steps (orders in a state, addresses, coupons). */
  shop: BuyerShop;
}

/**
 * shopOnCloudForFile, plus a buyer of its own for each test (empty cart, address book and order list, no coupon), the
 * harness calling the cloud as them with its records cleared and the payment sheet answering 支付.
 */
export function shopWithBuyerPerTest(prefix: string): ShopBuyerPerTest {
  const file = shopOnCloudForFile();
  let current: { buyer: string; shop: BuyerShop } | undefined;
  beforeEach(() => {
    current = buyerPerTest(prefix, file.cloud, file.harness);
  });
  return {
    ...file,
    buyer() {
      if (!current) throw new Error('there is no buyer outside a test');
      return current.buyer;
    },
    shop: forwardTo("the test's buyer", () => current?.shop),
  };
}
