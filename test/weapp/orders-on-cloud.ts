/**
 * Orders of a buyer staged on the real functions, in the states the order pages show: placed as the checkout
 * page places them, paid in the pay sandbox, shipped and refunded by the merchant through the `admin` function,
 * closed by the worker once the cloud's clock has passed the deadline. Nothing is written behind the functions'
 * back, so the pages read exactly what the shop would show.
 */
import type {
  Address,
  AddressInput,
  CheckoutItemRequest,
  ExpressCompanyCode,
  Order,
  UserCoupon,
} from '../../types';
import type { WeappHarness } from './harness';
import type { ShopOnCloud } from './shop-on-cloud';

export const ADDRESS_INPUT: AddressInput = {
  name: '王小明',
  mobile: '13912345678',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  detail: '文三路 100 号',
  isDefault: true,
};

/** Two T-shirts (白色/S): the order the order pages are shown with unless a test needs another. */
export const TWO_SHIRTS: CheckoutItemRequest[] = [{ productId: 'p001', skuId: 'p001-s01', quantity: 2 }];

/** The calls of one action, in order. */
export function callsOf(
  calls: readonly { data: Record<string, unknown> }[],
  action: string,
): Record<string, unknown>[] {
  return calls.filter((c) => c.data.action === action).map((c) => c.data);
}

const buyersSoFar = new Map<string, number>();

/**
 * A buyer of its own for the test about to run (an empty cart and address book, no coupon, no order): the next
 * OPENID under `prefix`, the harness pointed at the cloud as them with its records cleared and the payment
 * sheet answering 支付, and their staging steps. Called from beforeEach.
 */
export function buyerPerTest(prefix: string, cloud: ShopOnCloud, harness: WeappHarness) {
  const count = (buyersSoFar.get(prefix) ?? 0) + 1;
  buyersSoFar.set(prefix, count);
  const buyer = `${prefix}-${count}`;
  harness.useCloud(cloud, buyer);
  harness.clearRecords();
  harness.setPaymentSheet('pay');
  return { buyer, shop: ordersOf(cloud, buyer) };
}

/** One buyer's staging steps. */
export type BuyerShop = ReturnType<typeof ordersOf>;

/** The staging steps of one buyer on `cloud`. */
export function ordersOf(cloud: ShopOnCloud, buyer: string) {
  let requests = 0;
  const detail = (orderId: string) => cloud.ok(buyer, 'order.detail', { orderId });

  async function addAddress(input: AddressInput = ADDRESS_INPUT): Promise<Address> {
    return cloud.ok(buyer, 'address.add', input);
  }

  async function claim(templateId: string): Promise<UserCoupon> {
    return cloud.ok(buyer, 'coupon.claim', { templateId });
  }

  /** An unpaid order, quoted first and created as the checkout page creates it (to the default address). */
  async function place(
    items: CheckoutItemRequest[] = TWO_SHIRTS,
    couponId: string | null = null,
  ): Promise<Order> {
    const { addresses } = await cloud.ok(buyer, 'address.list', {});
    const address = addresses.find((a) => a.isDefault) ?? (await addAddress());
    const quote = await cloud.ok(buyer, 'checkout.quote', { items, addressId: address._id, couponId });
    requests += 1;
    return cloud.ok(buyer, 'order.create', {
      items,
      addressId: address._id,
      couponId,
      requestId: `${buyer}-request-${String(requests).padStart(4, '0')}`,
      expectedPayable: quote.payable,
    });
  }

  /**
   * The buyer pays in the sandbox's sheet, then the order page's order.syncPayment applies the stored
   * notification (or asks the sandbox when it is still on its way) before this resolves.
   */
  async function pay(order: Order): Promise<Order> {
    const payment = await cloud.ok(buyer, 'order.pay', { orderId: order._id });
    const status = await cloud.paymentSheet(
      'pay',
      payment.params as unknown as Record<string, unknown>,
      buyer,
    );
    if (status !== 200) throw new Error(`the sandbox refused the payment of ${order._id}: ${status}`);
    const paid = await cloud.ok(buyer, 'order.syncPayment', { orderId: order._id });
    if (paid.state !== 'PAID') throw new Error(`${order._id} is ${paid.state} after its payment`);
    return paid;
  }

  async function ship(
    order: Order,
    trackingNo = 'SF1234567890',
    expressCompany: ExpressCompanyCode = 'SF',
  ): Promise<Order> {
    await cloud.admin('orders.ship', { orderId: order._id, expressCompany, trackingNo });
    return detail(order._id);
  }

  /** An order placed and taken to `state` the way a buyer and the merchant would. */
  async function inState(
    state: 'TO_PAY' | 'PAID' | 'SHIPPED' | 'RECEIVED' | 'REFUNDING' | 'REFUNDED',
    options: { items?: CheckoutItemRequest[]; refundReason?: string; refundAfterShipping?: boolean } = {},
  ): Promise<Order> {
    const placed = await place(options.items);
    if (state === 'TO_PAY') return placed;
    const paid = await pay(placed);
    if (state === 'PAID') return paid;
    if (state === 'REFUNDING' || state === 'REFUNDED') {
      if (options.refundAfterShipping) await ship(paid);
      const reason = options.refundReason ?? '不想要了';
      const asked = await cloud.ok(buyer, 'order.requestRefund', { orderId: paid._id, reason });
      if (state === 'REFUNDING') return asked;
      await cloud.admin('refunds.approve', { orderId: paid._id });
      return refundSettled(paid._id);
    }
    const shipped = await ship(paid);
    if (state === 'SHIPPED') return shipped;
    return cloud.ok(buyer, 'order.receive', { orderId: paid._id });
  }

  /** WeChat Pay settles a refund a moment after it is asked for: move the clock past it and let the worker see. */
  async function refundSettled(orderId: string): Promise<Order> {
    await cloud.advanceClock(60_000);
    await cloud.runWorker();
    const order = await detail(orderId);
    if (order.state !== 'REFUNDED') throw new Error(`${orderId} is ${order.state}, not REFUNDED`);
    return order;
  }

  /** An unpaid order left past its deadline: the worker closes it. */
  async function expired(order: Order): Promise<Order> {
    await cloud.advanceClock(order.expiresAt - (await cloud.now()) + 60_000);
    await cloud.runWorker();
    const closed = await detail(order._id);
    if (closed.state !== 'CLOSED') throw new Error(`${order._id} is ${closed.state}, not CLOSED`);
    return closed;
  }

  return { addAddress, claim, place, pay, ship, inState, expired, detail };
}
