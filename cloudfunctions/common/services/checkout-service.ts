/**
 * Checkout: the quote the 确认订单 page shows, and order creation. Creation is a flow of named steps, each
 * with its undo (reserve stock ↔ undo reservation, lock coupon ↔ unlock); a step that fails runs the undos of
 * those that finished. It is idempotent on the buyer's request id: every retry answers the same order.
 */
import { randomBytes } from 'node:crypto';
import type {
  CheckoutQuoteRequest,
  CheckoutQuoteView,
  CouponChoice,
  CreateOrderRequest,
} from '../../../types/api';
import type { Address, AddressSnapshot, Order, UserCoupon } from '../../../types/entities';
import type { ErrorCode } from '../../../types/errors';
import { bestCoupon, rankCoupons, type CouponItem } from '../domain/coupons';
import { createOrderNumberGenerator } from '../domain/order-number';
import { orderItemsFromQuote, quoteCheckout, type CheckoutQuote } from '../domain/pricing';
import { freeShippingRuleOf } from '../domain/shipping';
import { readShopSettings } from '../config/shop-settings';
import { now } from '../runtime/clock';
import { fail } from '../runtime/domain-error';
import { cartLineId } from '../repositories/cart-repository';
import { removeLines } from '../repositories/cart-repository';
import { readCheckout, type CheckoutSnapshot } from '../repositories/checkout-repository';
import { lockCoupon, unlockCoupon } from '../repositories/coupon-repository';
import { findBuyerOrder, insertOrder, orderIdFor, type StoredOrder } from '../repositories/order-repository';
import { claimQuota, quotaExceeded, releaseQuota } from '../repositories/buyer-quota-repository';
import { publicOrder } from './order-service';
import { releaseReservation, reserveStock } from './stock-reservation-service';

const nextOrderNumber = createOrderNumberGenerator({ now, random: Math.random });

const PROBLEM_MESSAGES: Partial<Record<ErrorCode, string>> = {
  OUT_OF_STOCK: 'not enough stock',
  PRODUCT_OFF_SALE: 'a product is off sale',
  PRODUCT_NOT_FOUND: 'a product does not exist',
  SKU_NOT_FOUND: 'a sku does not exist',
  COUPON_UNUSABLE: 'the coupon cannot be used for this order',
  ADDRESS_REQUIRED: 'an address is required',
  PRICE_CHANGED: 'the price changed since the buyer saw it',
  NOTHING_TO_BUY: 'nothing to buy',
  SHIPPING_UNAVAILABLE: 'the shop does not ship to this region',
};

const LIMIT_MESSAGES = {
  UNPAID_ORDER_LIMIT: 'the buyer has the most unpaid orders allowed',
  SKU_PURCHASE_LIMIT: 'the buyer would hold more of a SKU in unpaid orders than allowed',
} as const;

function snapshotOf(address: Address): AddressSnapshot {
  const { name, mobile, province, city, district, detail } = address;
  return { name, mobile, province, city, district, detail };
}

export function couponItems(quote: CheckoutQuote): CouponItem[] {
  return quote.lines.filter((line) => !line.problem);
}

function couponChoices(wallet: readonly UserCoupon[], quote: CheckoutQuote, now: number): CouponChoice[] {
  const byId = new Map(wallet.map((coupon) => [coupon._id, coupon]));
  return rankCoupons(wallet, couponItems(quote), now).flatMap((evaluation): CouponChoice[] => {
    const coupon = byId.get(evaluation.couponId);
    if (!coupon) return [];
    return evaluation.usable
      ? [{ coupon, usable: true, discount: evaluation.discount }]
      : [{ coupon, usable: false, discount: 0, reason: evaluation.reason }];
  });
}

export async function quote(
  openid: string,
  request: CheckoutQuoteRequest,
  now: number,
): Promise<CheckoutQuoteView> {
  const snapshot = await readCheckout({
    openid,
    skuIds: request.items.map((item) => item.skuId),
    address: request.addressId ? { id: request.addressId } : 'DEFAULT',
    coupons: 'UNUSED',
  });
  const { shippingRule } = readShopSettings();
  const base = { items: request.items, products: snapshot.products, skus: snapshot.skus, shippingRule, now };
  const address = snapshot.address ? snapshotOf(snapshot.address) : undefined;
  // Price once without a coupon to judge every coupon against the real items, then with the chosen one.
  const plain = quoteCheckout({ ...base, address });
  let coupon: UserCoupon | undefined;
  if (typeof request.couponId === 'string') {
    coupon = snapshot.coupons.find((c) => c._id === request.couponId);
    if (!coupon) fail('COUPON_UNUSABLE', `coupon ${request.couponId} is not an unused coupon of this buyer`);
  } else if (request.couponId === undefined) {
    const best = bestCoupon(snapshot.coupons, couponItems(plain), now);
    coupon = best && snapshot.coupons.find((c) => c._id === best.couponId);
  }
  const priced = coupon ? quoteCheckout({ ...base, address, coupon }) : plain;
  return {
    lines: priced.lines.map(({ categoryPath: _path, ...line }) => line),
    itemsTotal: priced.itemsTotal,
    shippingFee: priced.shippingFee,
    discount: priced.discount,
    payable: priced.payable,
    shipping: freeShippingRuleOf(shippingRule),
    ...(snapshot.address && { address: snapshot.address }),
    ...(priced.couponId && { couponId: priced.couponId }),
    coupons: couponChoices(snapshot.coupons, plain, now),
    problems: priced.problems.map(({ detail: _detail, ...problem }) => problem),
  };
}

/** A refusal, unless an earlier attempt with the same request id already created the order. */
async function refuseUnlessCreated(
  openid: string,
  orderId: string,
  code: ErrorCode,
  message: string,
): Promise<StoredOrder> {
  const existing = await findBuyerOrder(openid, orderId);
  if (existing) return existing;
  fail(code, message);
}

export async function createOrder(openid: string, request: CreateOrderRequest, now: number): Promise<Order> {
  const orderId = orderIdFor(openid, request.requestId);
  const couponId = typeof request.couponId === 'string' ? request.couponId : undefined;
  const snapshot: CheckoutSnapshot = await readCheckout({
    openid,
    skuIds: request.items.map((item) => item.skuId),
    address: { id: request.addressId },
    coupons: couponId ? { id: couponId } : 'NONE',
  });
  // The address is read through the SKU rows: with a SKU missing, say so (not that the address is).
  const missingSku = request.items.find((item) => !snapshot.skus.has(item.skuId));
  if (missingSku) {
    return publicOrder(
      await refuseUnlessCreated(openid, orderId, 'SKU_NOT_FOUND', `sku ${missingSku.skuId} does not exist`),
    );
  }
  if (!snapshot.address) {
    return publicOrder(
      await refuseUnlessCreated(
        openid,
        orderId,
        'ADDRESS_NOT_FOUND',
        `address ${request.addressId} does not exist`,
      ),
    );
  }
  const found = couponId ? snapshot.coupons[0] : undefined;
  // A coupon this very order holds is judged as unused: an earlier attempt of the same request locked it.
  const coupon =
    found?.state === 'LOCKED' && found.orderId === orderId ? { ...found, state: 'UNUSED' as const } : found;
  if (couponId && (!coupon || coupon.state !== 'UNUSED')) {
    return publicOrder(
      await refuseUnlessCreated(openid, orderId, 'COUPON_UNUSABLE', `coupon ${couponId} is not usable`),
    );
  }
  const settings = readShopSettings();
  const priced = quoteCheckout({
    items: request.items,
    products: snapshot.products,
    skus: snapshot.skus,
    address: snapshotOf(snapshot.address),
    coupon,
    shippingRule: settings.shippingRule,
    now,
    expectedPayable: request.expectedPayable,
  });
  // A coupon that no longer applies is a problem of its own; so is any line that cannot be bought.
  const problem = priced.problems[0];
  if (problem) {
    return publicOrder(
      await refuseUnlessCreated(
        openid,
        orderId,
        problem.code,
        PROBLEM_MESSAGES[problem.code] ?? problem.code,
      ),
    );
  }

  const items = orderItemsFromQuote(priced);
  // A buyer already at a limit is refused before any stock is touched (the claim below is the guarantee).
  const over = quotaExceeded(snapshot.quota, orderId, items, settings);
  if (over) return publicOrder(await refuseUnlessCreated(openid, orderId, over, LIMIT_MESSAGES[over]));
  const attempt = randomBytes(8).toString('hex');
  const undos: (() => Promise<unknown>)[] = [];
  const rollback = async () => {
    // Undo in reverse; an undo that fails is left to the worker, which finds the hold or lock later.
    for (const undo of undos.reverse())
      await undo().catch((error: unknown) => console.error('undo failed', error));
  };

  // Step 1: reserve stock of every line, all at once (one conditional write per SKU), recorded in a
  // reservation document of this attempt.
  const reservation = await reserveStock({
    attempt,
    orderId,
    openid,
    lines: items.map((item) => ({ skuId: item.skuId, quantity: item.quantity })),
    now,
  });
  if (!reservation) {
    return publicOrder(
      await refuseUnlessCreated(openid, orderId, 'OUT_OF_STOCK', PROBLEM_MESSAGES.OUT_OF_STOCK ?? ''),
    );
  }
  undos.push(() => releaseReservation(reservation, now));

  // Step 2: count the order against the buyer's limits (after the reservation exists, so the worker finds
  // and undoes a count whose attempt died).
  const claim = await claimQuota(openid, orderId, reservation.lines, settings, {
    known: snapshot.quota ?? 'NONE',
  });
  if (claim === 'UNPAID_ORDER_LIMIT' || claim === 'SKU_PURCHASE_LIMIT') {
    await rollback();
    return publicOrder(await refuseUnlessCreated(openid, orderId, claim, LIMIT_MESSAGES[claim]));
  }
  if (claim === 'CLAIMED') {
    // Given back only while no order stands for it (a concurrent retry may have written it meanwhile).
    undos.push(async () => {
      if (!(await findBuyerOrder(openid, orderId))) await releaseQuota(openid, orderId, reservation.lines);
    });
  }

  // Step 3: lock the coupon for this order.
  if (coupon) {
    if (!(await lockCoupon(openid, coupon._id, orderId, now))) {
      await rollback();
      return publicOrder(
        await refuseUnlessCreated(openid, orderId, 'COUPON_UNUSABLE', 'the coupon was used meanwhile'),
      );
    }
    // Shared with any concurrent retry of the same request: given back only while no order stands for it.
    undos.push(async () => {
      if (!(await findBuyerOrder(openid, orderId))) await unlockCoupon(coupon._id, orderId);
    });
  }

  // Step 4: write the order; its _id is the idempotency key.
  const order: StoredOrder = {
    _id: orderId,
    orderNo: nextOrderNumber(),
    openid,
    state: 'TO_PAY',
    items,
    amounts: {
      itemsTotal: priced.itemsTotal,
      shippingFee: priced.shippingFee,
      discount: priced.discount,
      payable: priced.payable,
    },
    address: snapshotOf(snapshot.address),
    ...(priced.couponId && { couponId: priced.couponId }),
    requestId: request.requestId,
    ...(request.remark && { remark: request.remark }),
    createdAt: now,
    updatedAt: now,
    expiresAt: now + settings.orderExpiryMs,
    timeline: [{ state: 'TO_PAY', at: now }],
    attempt,
  };
  let written;
  try {
    written = await insertOrder(order);
  } catch (error) {
    await rollback();
    throw error;
  }
  // An order already there is ours when it carries this attempt (the write went in, its answer was lost):
  // keep what it holds. Otherwise a concurrent retry wrote it first: undo this attempt, answer that one.
  if (!written.inserted && written.existing.attempt !== attempt) {
    await rollback();
    return publicOrder(written.existing);
  }

  // Step 5: the bought lines leave the cart. The order stands even if this fails: the buyer can remove them.
  if (request.fromCart) {
    await removeLines(
      openid,
      items.map((item) => cartLineId(openid, item.skuId)),
    ).catch((error: unknown) => console.error('cart cleanup failed', error));
  }
  return publicOrder(order);
}
