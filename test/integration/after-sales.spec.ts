/**
 * After-sales after receipt on the local cloud, through the real functions and the WeChat Pay sandbox: a
 * return of one of two lines ends with a partial refund of that line's paid share (coupon split in fen) and
 * its stock back; 20 parallel requests for a line open one; 20 parallel approvals refund once; a withdrawn
 * request frees the line; the window closes a week after completion (the cloud's clock moved); a wholly
 * refunded order gives its coupon back when the shop says so; the same partial refund through cloudPay.
 */
import type { AfterSaleView, Order } from '../../types';
import type { LocalPaymentMode } from '../../emulator/server';
import {
  buyableProduct,
  buyerWithAddress,
  readSeed,
  startShopCloud,
  type Buyer,
  type ShopCloud,
} from './shop-cloud';

const OWNER = 'as-owner';
const SERVICE = 'as-service';
const DAY = 24 * 60 * 60 * 1000;
const RETURN_ADDRESS = { name: '小店售后', mobile: '13800000000', address: '浙江省杭州市西湖区文三路 1 号' };
const {
  product,
  skus: [skuA, skuB],
} = buyableProduct(2, 60);

function shopEnv(extra: Record<string, unknown> = {}) {
  return {
    SHOP_ADMIN_OPENIDS: OWNER,
    SHOP_AFTER_SALES: JSON.stringify({ windowDays: 7, returnAddress: RETURN_ADDRESS, ...extra }),
  };
}

async function adminOk<T>(shop: ShopCloud, openid: string, action: string, request: object): Promise<T> {
  const answer = await shop.admin(openid, action as never, request as never);
  if (!answer.ok) throw new Error(`${action}: ${answer.code} ${answer.message}`);
  return answer.data as T;
}

async function sandboxRefunded(shop: ShopCloud, orderNo: string): Promise<number> {
  const summary = (await (await fetch(`${shop.cloud.url}/_/paysandbox/transactions/${orderNo}`)).json()) as {
    refundedFen: number;
  };
  return summary.refundedFen;
}

async function stockOf(shop: ShopCloud, skuId: string): Promise<number> {
  return ((await shop.db.collection('skus').doc(skuId).get()).data as unknown as { stock: number }).stock;
}

/**
 * An order of 2 × skuA and 1 × skuB, paid through the sandbox, shipped and received: what after-sales needs.
 * With `couponId`, that coupon of the buyer's is used.
 */
async function receivedOrder(
  shop: ShopCloud,
  openid: string,
  couponId: string | null = null,
): Promise<{ buyer: Buyer; order: Order }> {
  const { buyer, addressId } = await buyerWithAddress(shop, openid);
  const items = [
    { productId: product._id, skuId: skuA._id, quantity: 2 },
    { productId: product._id, skuId: skuB._id, quantity: 1 },
  ];
  const { payable } = await buyer.ok('checkout.quote', { items, addressId, couponId });
  const order = await buyer.ok('order.create', {
    items,
    addressId,
    couponId,
    requestId: `${openid}-order`,
    expectedPayable: payable,
  });
  await buyer.ok('order.pay', { orderId: order._id });
  const paid = await fetch(`${shop.cloud.url}/_/paysandbox/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outTradeNo: order.orderNo, openid }),
  });
  expect(paid.ok).toBe(true);
  expect((await buyer.ok('order.syncPayment', { orderId: order._id })).state).toBe('PAID');
  await adminOk(shop, OWNER, 'orders.ship', {
    orderId: order._id,
    expressCompany: 'SF',
    trackingNo: 'SF1234567890',
  });
  const received = await buyer.ok('order.receive', { orderId: order._id });
  expect(received.state).toBe('RECEIVED');
  return { buyer, order: received };
}

/** The sandbox settles a refund a moment after accepting it; the worker follows it. */
async function settleRefunds(shop: ShopCloud): Promise<void> {
  await shop.advanceClock(5_000);
  await shop.invokeAsSystem('worker');
}

function expectedShareOfLine0Unit(order: Order): number {
  // Line 0: 2 × skuA; its paid share is its total less its part of the discount; one unit is half of that.
  const totals = order.items.map((i) => i.price * i.quantity);
  const itemsTotal = totals[0] + totals[1];
  const exact0 = (order.amounts.discount * totals[0]) / itemsTotal;
  const exact1 = (order.amounts.discount * totals[1]) / itemsTotal;
  let d0 = Math.floor(exact0);
  const d1 = Math.floor(exact1);
  if (d0 + d1 < order.amounts.discount && exact0 - d0 >= exact1 - d1) d0 += 1;
  return Math.floor((totals[0] - d0) / 2);
}

describe.each([['sandbox' as LocalPaymentMode], ['cloudpay' as LocalPaymentMode]])(
  'paid in %s mode',
  (mode) => {
    let shop: ShopCloud;

    beforeAll(async () => {
      shop = await startShopCloud({ paymentMode: mode, functionEnv: shopEnv() });
      const invitation = await adminOk<{ code: string }>(shop, OWNER, 'staff.invite', {
        role: 'service',
        name: '客服',
      });
      await adminOk(shop, SERVICE, 'staff.join', { code: invitation.code });
    });
    afterAll(() => shop.close());

    test('a return of one unit of one line, with a tracking number, ends in a partial refund of its share and its stock back', async () => {
      const { buyer, order } = await receivedOrder(shop, `as-return-${mode}`);
      const stockBefore = await stockOf(shop, skuA._id);
      const quote = await buyer.ok('afterSale.quote', { orderId: order._id, lineIndex: 0, quantity: 1 });
      expect(quote).toEqual({ maxQuantity: 2, amount: expectedShareOfLine0Unit(order) });

      // The client's amount is not part of the request: an extra field is refused, nothing changes.
      const withAmount = await buyer.call('afterSale.create', {
        orderId: order._id,
        lineIndex: 0,
        quantity: 1,
        type: 'RETURN_REFUND',
        reason: '商品质量问题',
        amount: 1,
      } as never);
      expect(withAmount).toMatchObject({ ok: false, code: 'INVALID_INPUT' });

      const requested = await buyer.ok('afterSale.create', {
        orderId: order._id,
        lineIndex: 0,
        quantity: 1,
        type: 'RETURN_REFUND',
        reason: '商品质量问题',
        note: '领口开线',
        photos: ['cloud://env-1/after-sales/p1.jpg'],
      });
      expect(requested).toMatchObject({
        state: 'REQUESTED',
        amount: quote.amount,
        quantity: 1,
        skuId: skuA._id,
      });
      expect(requested).not.toHaveProperty('openid');

      // Service staff read the queue but may not decide.
      const queue = await adminOk<{ items: AfterSaleView[] }>(shop, SERVICE, 'afterSales.list', {
        state: 'REQUESTED',
      });
      expect(queue.items.map((r) => r._id)).toContain(requested._id);
      expect(await shop.admin(SERVICE, 'afterSales.approve', { afterSaleId: requested._id })).toMatchObject({
        ok: false,
        code: 'FORBIDDEN',
      });

      const approved = await adminOk<AfterSaleView>(shop, OWNER, 'afterSales.approve', {
        afterSaleId: requested._id,
      });
      expect(approved).toMatchObject({ state: 'APPROVED', returnAddress: RETURN_ADDRESS });
      // No refund before the goods come back.
      expect(await sandboxRefunded(shop, order.orderNo)).toBe(0);
      // Goods cannot be confirmed before the buyer sent them.
      expect(
        await shop.admin(OWNER, 'afterSales.goodsReceived', { afterSaleId: requested._id }),
      ).toMatchObject({
        ok: false,
        code: 'AFTER_SALE_STATE_CONFLICT',
      });

      const shipped = await buyer.ok('afterSale.ship', {
        afterSaleId: requested._id,
        expressCompany: 'YTO',
        trackingNo: 'YT9876543210',
      });
      expect(shipped).toMatchObject({
        state: 'RETURNED',
        returnShipment: { expressCompany: 'YTO', company: '圆通速递', trackingNo: 'YT9876543210' },
      });

      const refunding = await adminOk<AfterSaleView>(shop, OWNER, 'afterSales.goodsReceived', {
        afterSaleId: requested._id,
      });
      expect(refunding.state).toMatch(/REFUNDING|REFUNDED/);
      expect(await stockOf(shop, skuA._id)).toBe(stockBefore + 1);
      expect(await sandboxRefunded(shop, order.orderNo)).toBe(quote.amount);

      await settleRefunds(shop);
      const refunded = await buyer.ok('afterSale.detail', { afterSaleId: requested._id });
      expect(refunded).toMatchObject({ state: 'REFUNDED', refund: { status: 'SUCCESS' } });
      const after = await buyer.ok('order.detail', { orderId: order._id });
      expect(after.state).toBe('RECEIVED');
      expect(after.afterSales).toMatchObject({
        refundedFen: quote.amount,
        lines: { l0: { open: null, units: 1, refundedUnits: 1, refundedFen: quote.amount } },
      });
      // Following again changes nothing: no second refund, no second stock return.
      await settleRefunds(shop);
      expect(await sandboxRefunded(shop, order.orderNo)).toBe(quote.amount);
      expect(await stockOf(shop, skuA._id)).toBe(stockBefore + 1);

      // The other unit of the line refunds the rest of the line's share; the total never exceeds what was paid.
      const rest = await buyer.ok('afterSale.quote', { orderId: order._id, lineIndex: 0, quantity: 1 });
      expect(rest.maxQuantity).toBe(1);
      expect(quote.amount + rest.amount).toBeLessThanOrEqual(order.amounts.payable);

      // The decision is in the audit log under the request.
      const log = await adminOk<{ items: { action: string; target: { id: string }; after: unknown }[] }>(
        shop,
        OWNER,
        'audit.list',
        {},
      );
      expect(
        log.items.find((e) => e.action === 'afterSales.goodsReceived' && e.target.id === requested._id),
      ).toBeDefined();
    });

    test('20 parallel requests for one line open one; 20 parallel approvals of a refund only refund once', async () => {
      const { buyer, order } = await receivedOrder(shop, `as-race-${mode}`);
      const answers = await Promise.all(
        Array.from({ length: 20 }, () =>
          buyer.call('afterSale.create', {
            orderId: order._id,
            lineIndex: 1,
            quantity: 1,
            type: 'REFUND_ONLY',
            reason: '不想要了',
          }),
        ),
      );
      const opened = answers.filter((a) => a.ok);
      expect(opened).toHaveLength(1);
      expect(answers.filter((a) => !a.ok).every((a) => !a.ok && a.code === 'AFTER_SALE_UNAVAILABLE')).toBe(
        true,
      );
      const mine = await buyer.ok('afterSale.list', {});
      expect(mine.items.filter((r) => r.orderId === order._id)).toHaveLength(1);

      const request = mine.items[0];
      await Promise.all(
        Array.from({ length: 20 }, () =>
          shop.admin(OWNER, 'afterSales.approve', { afterSaleId: request._id }),
        ),
      );
      await settleRefunds(shop);
      await settleRefunds(shop);
      expect(await sandboxRefunded(shop, order.orderNo)).toBe(request.amount);
      expect((await buyer.ok('afterSale.detail', { afterSaleId: request._id })).state).toBe('REFUNDED');
      expect((await buyer.ok('order.detail', { orderId: order._id })).afterSales?.refundedFen).toBe(
        request.amount,
      );
      // Nothing of the line is left to ask about.
      expect(
        await buyer.call('afterSale.create', {
          orderId: order._id,
          lineIndex: 1,
          quantity: 1,
          type: 'REFUND_ONLY',
          reason: '不想要了',
        }),
      ).toMatchObject({ ok: false, code: 'AFTER_SALE_UNAVAILABLE' });
    });
  },
);

describe('withdrawal, rejection, the window and the coupon', () => {
  let shop: ShopCloud;

  beforeAll(async () => {
    shop = await startShopCloud({ functionEnv: shopEnv({ returnCouponOnFullRefund: true }) });
  });
  afterAll(() => shop.close());

  const ask = (buyer: Buyer, orderId: string, lineIndex: number, quantity: number) =>
    buyer.call('afterSale.create', { orderId, lineIndex, quantity, type: 'REFUND_ONLY', reason: '其他' });

  test('a withdrawn or rejected request frees its line; withdrawal stops once the refund started', async () => {
    const { buyer, order } = await receivedOrder(shop, 'as-withdraw');
    const first = await buyer.ok('afterSale.create', {
      orderId: order._id,
      lineIndex: 0,
      quantity: 2,
      type: 'RETURN_REFUND',
      reason: '不想要了',
    });
    expect(await ask(buyer, order._id, 0, 1)).toMatchObject({ ok: false, code: 'AFTER_SALE_UNAVAILABLE' });
    expect(await buyer.ok('afterSale.withdraw', { afterSaleId: first._id })).toMatchObject({
      state: 'WITHDRAWN',
    });
    // Another buyer cannot read or withdraw it.
    expect(
      await shop.buyer('as-stranger').call('afterSale.detail', { afterSaleId: first._id }),
    ).toMatchObject({
      ok: false,
      code: 'AFTER_SALE_NOT_FOUND',
    });

    const second = await ask(buyer, order._id, 0, 2);
    if (!second.ok) throw new Error(second.code);
    expect(
      await shop.admin(OWNER, 'afterSales.reject', { afterSaleId: second.data._id, reason: '' }),
    ).toMatchObject({
      ok: false,
      code: 'INVALID_INPUT',
    });
    expect(
      await adminOk<AfterSaleView>(shop, OWNER, 'afterSales.reject', {
        afterSaleId: second.data._id,
        reason: '已超出质保',
      }),
    ).toMatchObject({ state: 'REJECTED', rejectReason: '已超出质保' });

    const third = await ask(buyer, order._id, 0, 1);
    if (!third.ok) throw new Error(third.code);
    await adminOk(shop, OWNER, 'afterSales.approve', { afterSaleId: third.data._id });
    expect(await buyer.call('afterSale.withdraw', { afterSaleId: third.data._id })).toMatchObject({
      ok: false,
      code: 'AFTER_SALE_STATE_CONFLICT',
    });
    const marker = (await buyer.ok('order.detail', { orderId: order._id })).afterSales?.lines.l0;
    expect(marker).toMatchObject({ requests: 3 });
    expect(await sandboxRefunded(shop, order.orderNo)).toBe(third.data.amount);
  });

  test('after completion, requests stay open for the window and are refused after it', async () => {
    const { buyer, order } = await receivedOrder(shop, 'as-window');
    // The worker completes a received order after 7 days.
    await shop.advanceClock(7 * DAY + 60_000);
    await shop.invokeAsSystem('worker');
    expect((await buyer.ok('order.detail', { orderId: order._id })).state).toBe('COMPLETED');
    const open = await buyer.ok('afterSale.quote', { orderId: order._id, lineIndex: 0, quantity: 1 });
    expect(open.windowEndsAt).toBeGreaterThan(shop.now());

    await shop.advanceClock(7 * DAY);
    expect(await ask(buyer, order._id, 0, 1)).toMatchObject({ ok: false, code: 'AFTER_SALE_WINDOW_CLOSED' });
    expect(await buyer.ok('afterSale.list', {})).toEqual({ items: [], hasMore: false });
  });

  test('a wholly refunded order gives its coupon back once, when the shop says so', async () => {
    const template = readSeed().coupon_templates.find((t) => t._id === 'ct-newcomer') ?? { _id: '' };
    const openid = 'as-coupon';
    const coupon = await shop.buyer(openid).call('coupon.claim', { templateId: template._id });
    if (!coupon.ok) throw new Error(`coupon.claim: ${coupon.code}`);
    const { buyer, order } = await receivedOrder(shop, openid, coupon.data._id);
    expect(order.couponId).toBe(coupon.data._id);
    for (const [lineIndex, quantity] of [
      [0, 2],
      [1, 1],
    ]) {
      const asked = await ask(buyer, order._id, lineIndex, quantity);
      if (!asked.ok) throw new Error(asked.code);
      await adminOk(shop, OWNER, 'afterSales.approve', { afterSaleId: asked.data._id });
    }
    await settleRefunds(shop);
    await settleRefunds(shop);
    const after = await buyer.ok('order.detail', { orderId: order._id });
    expect(after.afterSales?.refundedFen).toBe(order.amounts.payable - order.amounts.shippingFee);
    expect(after.afterSales?.couponReturnedAt).toEqual(expect.any(Number));
    const wallet = await buyer.ok('coupon.mine', {});
    expect(wallet.coupons.find((c) => c._id === coupon.data._id)?.state).toBe('UNUSED');
    expect(await sandboxRefunded(shop, order.orderNo)).toBe(after.afterSales?.refundedFen);
  });
});
