/**
 * A stand-in for the `shop` function's address, coupon, checkout and order actions on the sample shop, priced
 * by the same pure rules the function uses (pricing, coupons, shipping), so checkout and order pages are tested
 * against answers shaped and computed as the cloud's. Catalog and cart actions go to SeedShopBackend.
 */
import type {
  Address,
  AddressInput,
  CheckoutItemRequest,
  CheckoutQuoteView,
  CouponChoice,
  Order,
  OrderState,
  OrderSummary,
  Result,
  UserCoupon,
} from '../../types';
import { orderTab } from '../../types';
import { orderItemsFromQuote, quoteCheckout } from '../../cloudfunctions/common/domain/pricing';
import { rankCoupons } from '../../cloudfunctions/common/domain/coupons';
import { DEFAULT_SHIPPING_RULE } from '../../cloudfunctions/common/domain/shipping';
import { SeedShopBackend } from './seed-shop';

interface Call {
  name: string;
  data: Record<string, unknown>;
}

export const NOW = Date.UTC(2025, 5, 1, 2, 0, 0);
const ORDER_PAGE_SIZE = 10;
const EXPIRY_MS = 30 * 60 * 1000;

export const ADDRESS_INPUT: AddressInput = {
  name: '王小明',
  mobile: '13912345678',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  detail: '文三路 100 号',
  isDefault: true,
};

function ok<T>(data: T): Result<T> {
  return { ok: true, data };
}

function refuse(code: string): unknown {
  return { ok: false, code, message: code };
}

export function newcomerCoupon(overrides: Partial<UserCoupon> = {}): UserCoupon {
  return {
    _id: 'uc-newcomer',
    templateId: 'ct-newcomer',
    openid: 'test-buyer',
    title: '新人专享券',
    rule: { kind: 'AMOUNT_OFF', threshold: 0, amount: 500 },
    state: 'UNUSED',
    validFrom: NOW - 1000,
    validTo: NOW + 7 * 24 * 3600 * 1000,
    claimedAt: NOW - 1000,
    ...overrides,
  };
}

export function bigCoupon(): UserCoupon {
  return newcomerCoupon({
    _id: 'uc-199-30',
    templateId: 'ct-199-30',
    title: '满199减30',
    rule: { kind: 'AMOUNT_OFF', threshold: 19900, amount: 3000 },
  });
}

export class ShopFixtures {
  readonly catalog = new SeedShopBackend();
  addresses: Address[] = [];
  coupons: UserCoupon[] = [];
  orders: Order[] = [];
  /** Answers the next order.create with this refusal instead (then forgets it). */
  refuseNextCreate?: string;
  /** Added to every payable the server computes, to act out a price change between quote and order. */
  priceDrift = 0;
  /** Answers the next order.pay with this refusal instead (then forgets it). */
  refuseNextPay?: string;
  /**
   * Orders paid in WeChat's sheet whose payment notice has not been applied yet: the next order.detail (or
   * order.syncPayment) applies it, as the notify function would have meanwhile.
   */
  private readonly paidInSheet = new Set<string>();
  private nextId = 1;

  addAddress(input: AddressInput = ADDRESS_INPUT): Address {
    const address: Address = {
      ...input,
      _id: `addr-${this.nextId++}`,
      openid: 'test-buyer',
      createdAt: NOW,
      updatedAt: NOW,
    };
    if (address.isDefault) this.addresses = this.addresses.map((a) => ({ ...a, isDefault: false }));
    this.addresses.push(address);
    return address;
  }

  quote(items: CheckoutItemRequest[], addressId?: string, couponId?: string | null): CheckoutQuoteView {
    const address = addressId
      ? this.addresses.find((a) => a._id === addressId)
      : this.addresses.find((a) => a.isDefault);
    const products = new Map(this.catalog.seed.products.map((p) => [p._id, p]));
    const skus = new Map(this.catalog.seed.skus.map((s) => [s._id, s]));
    const base = { items, products, skus, address, shippingRule: DEFAULT_SHIPPING_RULE, now: NOW };
    const plain = quoteCheckout(base);
    const unused = this.coupons.filter((c) => c.state === 'UNUSED');
    const eligible = plain.lines.filter((l) => !l.problem);
    const ranked = rankCoupons(unused, eligible, NOW);
    const chosenId =
      couponId === undefined ? ranked.find((r) => r.usable)?.couponId : (couponId ?? undefined);
    const coupon = unused.find((c) => c._id === chosenId);
    const priced = coupon ? quoteCheckout({ ...base, coupon }) : plain;
    const coupons: CouponChoice[] = ranked.map((evaluation) => {
      const c = unused.find((u) => u._id === evaluation.couponId)!;
      return evaluation.usable
        ? { coupon: c, usable: true, discount: evaluation.discount }
        : { coupon: c, usable: false, discount: 0, reason: evaluation.reason };
    });
    return {
      lines: priced.lines.map(({ categoryPath: _path, ...line }) => line),
      itemsTotal: priced.itemsTotal,
      shippingFee: priced.shippingFee,
      discount: priced.discount,
      payable: priced.payable + this.priceDrift,
      ...(address && { address }),
      ...(priced.couponId && { couponId: priced.couponId }),
      coupons,
      problems: priced.problems.map(({ detail: _detail, ...problem }) => problem),
    };
  }

  /** An order as order.create stores it, in any state (for list and detail tests). */
  makeOrder(state: OrderState, overrides: Partial<Order> = {}): Order {
    const address = this.addresses[0] ?? this.addAddress();
    const quote = quoteCheckout({
      items: [{ productId: 'p001', skuId: 'p001-s01', quantity: 2 }],
      products: new Map(this.catalog.seed.products.map((p) => [p._id, p])),
      skus: new Map(this.catalog.seed.skus.map((s) => [s._id, s])),
      address,
      shippingRule: DEFAULT_SHIPPING_RULE,
      now: NOW,
    });
    const id = this.nextId++;
    const createdAt = Date.now() - 60_000;
    const order: Order = {
      _id: `order-${id}`,
      orderNo: `2025060110000000${String(id).padStart(2, '0')}abcdefghij`,
      openid: 'test-buyer',
      state,
      items: orderItemsFromQuote(quote),
      amounts: {
        itemsTotal: quote.itemsTotal,
        shippingFee: quote.shippingFee,
        discount: quote.discount,
        payable: quote.payable,
      },
      address: {
        name: address.name,
        mobile: address.mobile,
        province: address.province,
        city: address.city,
        district: address.district,
        detail: address.detail,
      },
      requestId: `request-${id}-0000`,
      createdAt,
      updatedAt: createdAt,
      expiresAt: createdAt + EXPIRY_MS,
      timeline: [{ state: 'TO_PAY', at: createdAt }],
      ...overrides,
    };
    if (state !== 'TO_PAY') order.timeline = [...order.timeline, { state, at: createdAt + 1000 }];
    this.orders.unshift(order);
    return order;
  }

  private summary(order: Order): OrderSummary {
    const { _id, orderNo, state, items, amounts, createdAt, expiresAt, refund } = order;
    return { _id, orderNo, state, items, amounts, createdAt, expiresAt, ...(refund && { refund }) };
  }

  /** The harness's wx.requestPayment paid with these parameters (give it to `setPaymentSheet`). */
  sheetPaid = (params: Record<string, unknown>): void => {
    const order = this.orders.find((o) => params.package === `prepay_id=wx${o.orderNo}`);
    if (order) this.paidInSheet.add(order._id);
  };

  /** The payment notice of an order paid in the sheet arrives: TO_PAY → PAID. */
  private applyPayment(order: Order): void {
    if (!this.paidInSheet.has(order._id) || order.state !== 'TO_PAY') return;
    this.paidInSheet.delete(order._id);
    const at = Date.now();
    Object.assign(order, {
      state: 'PAID',
      paidAt: at,
      updatedAt: at,
      payment: {
        channel: 'WECHAT_PAY_V3',
        transactionId: `42000${order.orderNo}`,
        paidAmount: order.amounts.payable,
        paidAt: at,
      },
      timeline: [...order.timeline, { state: 'PAID', at, note: '支付成功' }],
    });
  }

  /** A buyer action of the transition table: from one of `from` to `to`, else ORDER_STATE_CONFLICT. */
  private move(
    orderId: unknown,
    from: readonly OrderState[],
    to: OrderState,
    fields: Partial<Order> = {},
    note?: string,
  ): unknown {
    const order = this.orders.find((o) => o._id === orderId);
    if (!order) return refuse('ORDER_NOT_FOUND');
    if (!from.includes(order.state)) return refuse('ORDER_STATE_CONFLICT');
    const at = Date.now();
    Object.assign(order, {
      ...fields,
      state: to,
      updatedAt: at,
      timeline: [...order.timeline, { state: to, at, ...(note && { note }) }],
    });
    return ok(order);
  }

  answer = (call: Call): unknown => {
    const data = call.data;
    switch (data.action) {
      case 'address.list':
        return ok({ addresses: this.addresses });
      case 'address.add':
        return ok(this.addAddress(data as unknown as AddressInput));
      case 'address.setDefault':
        this.addresses = this.addresses.map((a) => ({ ...a, isDefault: a._id === data.addressId }));
        return ok({ addresses: this.addresses });
      case 'address.remove':
        this.addresses = this.addresses.filter((a) => a._id !== data.addressId);
        return ok({ addresses: this.addresses });
      case 'coupon.mine':
        return ok({ coupons: this.coupons });
      case 'checkout.quote':
        return ok(
          this.quote(
            data.items as CheckoutItemRequest[],
            data.addressId as string | undefined,
            data.couponId as string | null | undefined,
          ),
        );
      case 'order.create': {
        if (this.refuseNextCreate) {
          const code = this.refuseNextCreate;
          this.refuseNextCreate = undefined;
          return refuse(code);
        }
        const existing = this.orders.find((o) => o.requestId === data.requestId);
        if (existing) return ok(existing);
        const couponId = data.couponId as string | null;
        const quote = this.quote(data.items as CheckoutItemRequest[], data.addressId as string, couponId);
        if (quote.payable !== data.expectedPayable) return refuse('PRICE_CHANGED');
        if (quote.problems.length > 0) return refuse(quote.problems[0].code);
        const order = this.makeOrder('TO_PAY', {
          requestId: String(data.requestId),
          createdAt: Date.now(),
          expiresAt: Date.now() + EXPIRY_MS,
        });
        return ok(order);
      }
      case 'order.list': {
        const { states } = orderTab((data.tab as never) ?? 'ALL');
        const page = Number(data.page ?? 1);
        const matching = this.orders.filter((o) => !states || states.includes(o.state));
        const items = matching
          .slice((page - 1) * ORDER_PAGE_SIZE, page * ORDER_PAGE_SIZE)
          .map((o) => this.summary(o));
        return ok({ items, page, hasMore: page * ORDER_PAGE_SIZE < matching.length });
      }
      case 'order.detail': {
        const order = this.orders.find((o) => o._id === data.orderId);
        if (order) this.applyPayment(order);
        return order ? ok(order) : refuse('ORDER_NOT_FOUND');
      }
      case 'order.pay': {
        const order = this.orders.find((o) => o._id === data.orderId);
        if (!order) return refuse('ORDER_NOT_FOUND');
        if (this.refuseNextPay) {
          const code = this.refuseNextPay;
          this.refuseNextPay = undefined;
          return refuse(code);
        }
        if (order.state !== 'TO_PAY') return refuse('ORDER_STATE_CONFLICT');
        return ok({
          orderId: order._id,
          orderNo: order.orderNo,
          amount: order.amounts.payable,
          mode: 'wechatpay-v3',
          params: {
            timeStamp: String(Math.floor(NOW / 1000)),
            nonceStr: 'nonce-1',
            package: `prepay_id=wx${order.orderNo}`,
            signType: 'RSA',
            paySign: 'signature',
          },
        });
      }
      case 'order.syncPayment': {
        const order = this.orders.find((o) => o._id === data.orderId);
        if (!order) return refuse('ORDER_NOT_FOUND');
        this.applyPayment(order);
        return ok(order);
      }
      case 'order.receive':
        return this.move(data.orderId, ['SHIPPED'], 'RECEIVED', { receivedAt: Date.now() }, '买家确认收货');
      case 'order.requestRefund': {
        const order = this.orders.find((o) => o._id === data.orderId);
        if (!order) return refuse('ORDER_NOT_FOUND');
        if (order.state !== 'PAID' && order.state !== 'SHIPPED') return refuse('ORDER_STATE_CONFLICT');
        const refund = {
          fromState: order.state,
          reason: String(data.reason),
          amount: order.amounts.payable,
          requestedAt: Date.now(),
        };
        return this.move(order._id, [order.state], 'REFUNDING', { refund }, `买家申请退款：${refund.reason}`);
      }
      case 'order.cancel': {
        const order = this.orders.find((o) => o._id === data.orderId);
        if (!order) return refuse('ORDER_NOT_FOUND');
        if (order.state !== 'TO_PAY') return refuse('ORDER_STATE_CONFLICT');
        const at = Date.now();
        Object.assign(order, {
          state: 'CANCELLED',
          cancelledAt: at,
          updatedAt: at,
          timeline: [...order.timeline, { state: 'CANCELLED', at, note: '买家取消订单' }],
        });
        return ok(order);
      }
      default:
        return this.catalog.answer(call);
    }
  };
}

/** The calls of one action, in order. */
export function callsOf(calls: readonly Call[], action: string): Record<string, unknown>[] {
  return calls.filter((c) => c.data.action === action).map((c) => c.data);
}
