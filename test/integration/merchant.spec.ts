/**
 * The merchant's `admin` function on the local cloud: only admin OPENIDs, shipping, refunds through the WeChat
 * Pay sandbox (approve, reject, merchant-initiated), and failed payment notices put back in the queue.
 */
import { PAY_SANDBOX_REFUND_SETTLE_MS } from '../../emulator/paysandbox';
import type { Order } from '../../types';
import {
  addOrphanNotice,
  buyableProduct,
  placeOrder,
  startShopCloud,
  type Buyer,
  type ShopCloud,
} from './shop-cloud';

const MERCHANT = 'merchant-openid';
const {
  product,
  skus: [sku],
} = buyableProduct(1, 50);
let shop: ShopCloud;

beforeAll(async () => {
  shop = await startShopCloud({ functionEnv: { SHOP_ADMIN_OPENIDS: MERCHANT } });
});
afterAll(() => shop.close());

async function stockOf(skuId: string): Promise<number> {
  return ((await shop.db.collection('skus').doc(skuId).get()).data as unknown as { stock: number }).stock;
}

async function paidOrder(openid: string, requestId: string): Promise<{ buyer: Buyer; order: Order }> {
  const { buyer, order } = await placeOrder(
    shop,
    openid,
    { productId: product._id, skuId: sku._id },
    requestId,
  );
  await buyer.ok('order.pay', { orderId: order._id });
  await fetch(`${shop.cloud.url}/_/paysandbox/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outTradeNo: order.orderNo, openid }),
  });
  // Once the sandbox's notification was answered (stored in the inbox), the order page's order.syncPayment
  // applies it.
  expect(await shop.cloud.cloud.paySandbox.notificationSettled(order.orderNo)).toMatchObject({
    delivered: true,
  });
  expect((await buyer.ok('order.syncPayment', { orderId: order._id })).state).toBe('PAID');
  return { buyer, order: await buyer.ok('order.detail', { orderId: order._id }) };
}

test('only admin OPENIDs reach the merchant actions', async () => {
  expect(await shop.admin('a-buyer', 'orders.list', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await shop.admin('', 'orders.list', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  expect(await shop.admin(MERCHANT, 'orders.list', {})).toMatchObject({ ok: true });
});

interface CloudCall {
  name: string;
  functionName: string | null;
  args: Record<string, unknown>;
  errcode: number;
}

async function shippingUploads(): Promise<CloudCall[]> {
  const response = await fetch(`${shop.cloud.url}/_/cloudcalls?name=wxaSecOrder.uploadShippingInfo`);
  return ((await response.json()) as { calls: CloudCall[] }).calls;
}

test('shipping a paid order uploads its shipping information to WeChat, then the buyer confirms receipt', async () => {
  const { buyer, order } = await paidOrder('ship-buyer', 'ship-buyer-00001');
  const transactionId = order.payment?.transactionId;
  expect(transactionId).toEqual(expect.any(String));
  const shipped = await shop.admin(MERCHANT, 'orders.ship', {
    orderId: order._id,
    expressCompany: 'SF',
    trackingNo: 'SF1234567890',
  });
  expect(shipped).toMatchObject({
    ok: true,
    data: {
      state: 'SHIPPED',
      logistics: {
        company: '顺丰速运',
        expressCompany: 'SF',
        trackingNo: 'SF1234567890',
        wechatShipping: { state: 'ACCEPTED', attempts: 1 },
      },
    },
  });
  // What WeChat received: the payment by its transaction id, the payer, the carrier's code and number.
  const upload = (await shippingUploads()).find(
    (call) => (call.args.order_key as { transaction_id?: string }).transaction_id === transactionId,
  );
  expect(upload).toMatchObject({
    functionName: 'admin',
    errcode: 0,
    args: {
      order_key: { order_number_type: 2, transaction_id: transactionId },
      logistics_type: 1,
      delivery_mode: 1,
      shipping_list: [
        {
          tracking_no: 'SF1234567890',
          express_company: 'SF',
          item_desc: expect.stringContaining(order.items[0].title),
          contact: { receiver_contact: '139****5678' },
        },
      ],
      payer: { openid: 'ship-buyer' },
    },
  });
  expect((await buyer.ok('order.detail', { orderId: order._id })).logistics?.wechatShipping?.state).toBe(
    'ACCEPTED',
  );
  expect(
    await shop.admin(MERCHANT, 'orders.ship', {
      orderId: order._id,
      expressCompany: 'SF',
      trackingNo: 'SF1234567890',
    }),
  ).toMatchObject({
    ok: false,
    code: 'ORDER_STATE_CONFLICT',
  });
  expect(await shop.buyer('someone-else').call('order.receive', { orderId: order._id })).toMatchObject({
    ok: false,
    code: 'ORDER_NOT_FOUND',
  });
  const received = await buyer.ok('order.receive', { orderId: order._id });
  expect(received.state).toBe('RECEIVED');
  expect(received.timeline.map((t) => t.state)).toEqual(['TO_PAY', 'PAID', 'SHIPPED', 'RECEIVED']);
});

test('a shipping upload WeChat refuses stays pending with its answer, and the worker retries it until accepted', async () => {
  const { buyer, order } = await paidOrder('ship-retry-buyer', 'ship-retry-00001');
  const transactionId = order.payment?.transactionId ?? '';
  const orders = shop.db.collection('orders');
  // A transaction id WeChat Pay does not know: WeChat refuses the upload (10060001).
  await orders.doc(order._id).update({ data: { 'payment.transactionId': '4200000000000000000000000001' } });
  const shipped = await shop.admin(MERCHANT, 'orders.ship', {
    orderId: order._id,
    expressCompany: 'ZTO',
    trackingNo: 'ZT000000000001',
  });
  expect(shipped).toMatchObject({
    ok: true,
    data: {
      state: 'SHIPPED',
      logistics: {
        wechatShipping: { state: 'PENDING', attempts: 1, lastError: expect.stringMatching(/^10060001/) },
      },
    },
  });
  // The worker reports it while it is not due, and does not try it again before then.
  const early = (await shop.invokeAsSystem('worker')) as { jobs: Record<string, { result?: unknown }> };
  expect(early.jobs.uploadPendingShipments.result).toEqual({ accepted: 0, pending: [] });

  await orders.doc(order._id).update({
    data: { 'payment.transactionId': transactionId, 'logistics.wechatShipping.nextAttemptAt': 0 },
  });
  const report = (await shop.invokeAsSystem('worker')) as { jobs: Record<string, { result?: unknown }> };
  expect(report.jobs.uploadPendingShipments.result).toEqual({ accepted: 1, pending: [] });
  const detail = await buyer.ok('order.detail', { orderId: order._id });
  expect(detail.logistics?.wechatShipping).toMatchObject({ state: 'ACCEPTED', attempts: 2 });
  const uploads = (await shippingUploads()).filter(
    (call) => (call.args.payer as { openid?: string }).openid === 'ship-retry-buyer',
  );
  expect(uploads.map((call) => [call.functionName, call.errcode])).toEqual([
    ['admin', 10060001],
    ['worker', 0],
  ]);
});

test('an unpaid order cannot be shipped or refunded', async () => {
  const { buyer, order } = await placeOrder(
    shop,
    'unpaid-buyer',
    { productId: product._id, skuId: sku._id },
    'unpaid-buyer-0001',
  );
  expect(
    await shop.admin(MERCHANT, 'orders.ship', {
      orderId: order._id,
      expressCompany: 'SF',
      trackingNo: 'SF0000000001',
    }),
  ).toMatchObject({
    ok: false,
    code: 'ORDER_STATE_CONFLICT',
  });
  expect(await buyer.call('order.requestRefund', { orderId: order._id, reason: '不想要了' })).toMatchObject({
    ok: false,
    code: 'ORDER_STATE_CONFLICT',
  });
});

test('a refund the buyer asks for and the merchant approves goes back through WeChat Pay, and the stock returns', async () => {
  const { buyer, order } = await paidOrder('refund-buyer', 'refund-buyer-0001');
  const stockPaid = await stockOf(sku._id);
  const asked = await buyer.ok('order.requestRefund', { orderId: order._id, reason: '拍错了' });
  expect(asked).toMatchObject({
    state: 'REFUNDING',
    refund: { fromState: 'PAID', reason: '拍错了', amount: order.amounts.payable },
  });
  const approved = await shop.admin(MERCHANT, 'refunds.approve', { orderId: order._id });
  expect(approved.ok).toBe(true);
  // WeChat Pay (the sandbox) still processes the refund: a worker run now leaves it REFUNDING.
  await shop.invokeAsSystem('worker');
  expect((await buyer.ok('order.detail', { orderId: order._id })).state).toBe('REFUNDING');
  // The sandbox settles a refund a moment after accepting it, by the cloud's clock; the next run follows it.
  await shop.advanceClock(PAY_SANDBOX_REFUND_SETTLE_MS);
  await shop.invokeAsSystem('worker');
  const refunded = await buyer.ok('order.detail', { orderId: order._id });
  expect(refunded.state).toBe('REFUNDED');
  expect(refunded.refund?.refundNo).toBe(`RF${order.orderNo}`);
  expect(await stockOf(sku._id)).toBe(stockPaid + 1);
});

test('a rejected refund puts the order back where it was', async () => {
  const { buyer, order } = await paidOrder('reject-buyer', 'reject-buyer-0001');
  await buyer.ok('order.requestRefund', { orderId: order._id, reason: '不想要了' });
  const rejected = await shop.admin(MERCHANT, 'refunds.reject', {
    orderId: order._id,
    reason: '商品已发出，请收货后申请退货',
  });
  expect(rejected).toMatchObject({
    ok: true,
    data: { state: 'PAID', refund: { rejectReason: '商品已发出，请收货后申请退货' } },
  });
});

test('payment notices that kept failing are listed and can be put back in the queue', async () => {
  await addOrphanNotice(shop, '4200deadletter0001', 'no-such-order', 'DEAD');
  const letters = await shop.admin(MERCHANT, 'payments.deadLetters', {});
  expect(letters).toMatchObject({
    ok: true,
    data: { items: [expect.objectContaining({ transactionId: '4200deadletter0001', attempts: 8 })] },
  });
  expect(await shop.admin(MERCHANT, 'payments.retry', { transactionId: '4200deadletter0001' })).toEqual({
    ok: true,
    data: { state: 'PENDING' },
  });
});
