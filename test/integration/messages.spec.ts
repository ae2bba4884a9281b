/**
 * Subscribe messages on the local cloud: a buyer's acceptance at payment allows one message per template
 * (one-time subscriptions, as WeChat grants them); shipping, a refund result and an order about to close send
 * one through the cloud call `subscribeMessage.send`, which the local cloud validates and lists; so does the
 * result of an after-sales request after receipt (refunded or refused), once per request.
 */
import type { Order } from '../../types';
import { ORDER_DEADLINES } from '../../cloudfunctions/common/domain/order-transitions';
import type { AfterSaleView } from '../../types';
import {
  buyableProduct,
  payInSandbox,
  placeOrder,
  startShopCloud,
  type Buyer,
  type ShopCloud,
} from './shop-cloud';

const MERCHANT = 'msg-merchant';
const TEMPLATES = {
  shipped: 'TPL_shipped_0000000001',
  refundResult: 'TPL_refund_00000000002',
  closingSoon: 'TPL_closing_0000000003',
};
const MINUTE = 60 * 1000;
const {
  product,
  skus: [sku],
} = buyableProduct(1, 50);
let shop: ShopCloud;

beforeAll(async () => {
  shop = await startShopCloud({
    functionEnv: { SHOP_ADMIN_OPENIDS: MERCHANT, SHOP_MESSAGE_TEMPLATES: JSON.stringify(TEMPLATES) },
  });
});
afterAll(() => shop.close());

interface CloudCall {
  name: string;
  functionName: string | null;
  args: { touser?: string; template_id?: string; page?: string; data?: Record<string, { value: string }> };
  errcode: number;
}

async function messagesTo(openid: string): Promise<CloudCall[]> {
  const response = await fetch(`${shop.cloud.url}/_/cloudcalls?name=subscribeMessage.send`);
  const { calls } = (await response.json()) as { calls: CloudCall[] };
  return calls.filter((call) => call.args.touser === openid);
}

let requestSeq = 0;
async function order(openid: string): Promise<{ buyer: Buyer; order: Order }> {
  requestSeq += 1;
  return placeOrder(shop, openid, { productId: product._id, skuId: sku._id }, `${openid}-${requestSeq}`);
}

/** An order paid as the notification would leave it: only the paid state matters here. */
async function paidOrder(openid: string): Promise<Order> {
  const { order: placed } = await order(openid);
  await shop.db
    .collection('orders')
    .doc(placed._id)
    .update({ data: { state: 'PAID', paidAt: shop.now() } });
  return placed;
}

async function ship(orderId: string): Promise<void> {
  const answer = await shop.admin(MERCHANT, 'orders.ship', {
    orderId,
    expressCompany: 'YTO',
    trackingNo: 'YT1234567890',
  });
  expect(answer).toMatchObject({ ok: true });
}

test('the templates come from the shop configuration; only their ids are recorded as accepted', async () => {
  const buyer = shop.buyer('msg-templates');
  const { templates } = await buyer.ok('message.templates', {});
  expect(templates).toEqual([
    { event: 'shipped', templateId: TEMPLATES.shipped },
    { event: 'refundResult', templateId: TEMPLATES.refundResult },
    { event: 'closingSoon', templateId: TEMPLATES.closingSoon },
  ]);
  const answer = await buyer.ok('message.subscribe', { accepted: [TEMPLATES.shipped, 'someone_elses_tpl'] });
  expect(answer).toEqual({ recorded: ['shipped'] });
  expect(await buyer.call('message.subscribe', { accepted: ['bad id!'] })).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
  });
});

test('shipping tells a buyer who accepted, with the order’s page; a buyer who did not accept is told nothing', async () => {
  const told = 'msg-ship-yes';
  await shop.buyer(told).ok('message.subscribe', { accepted: [TEMPLATES.shipped] });
  const mine = await paidOrder(told);
  const theirs = await paidOrder('msg-ship-no');
  await ship(mine._id);
  await ship(theirs._id);

  const calls = await messagesTo(told);
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({
    functionName: 'admin',
    errcode: 0,
    args: {
      template_id: TEMPLATES.shipped,
      page: `package-order/detail/index?id=${mine._id}`,
      data: { character_string1: { value: mine.orderNo }, character_string4: { value: 'YT1234567890' } },
    },
  });
  expect(await messagesTo('msg-ship-no')).toEqual([]);
  const record = await shop.db.collection('sent_messages').doc(`${theirs._id}-shipped`).get();
  expect(record.data).toMatchObject({ outcome: 'NOT_SUBSCRIBED' });
});

test('one acceptance is one message: the second shipped order of that buyer sends nothing', async () => {
  const openid = 'msg-once';
  await shop.buyer(openid).ok('message.subscribe', { accepted: [TEMPLATES.shipped] });
  const first = await paidOrder(openid);
  const second = await paidOrder(openid);
  await ship(first._id);
  await ship(second._id);
  expect(await messagesTo(openid)).toHaveLength(1);
});

test('20 acceptances at once are 20 messages allowed, none lost', async () => {
  const openid = 'msg-parallel';
  const buyer = shop.buyer(openid);
  await Promise.all(
    Array.from({ length: 20 }, () => buyer.ok('message.subscribe', { accepted: [TEMPLATES.closingSoon] })),
  );
  const docs = await shop.db.collection('message_subscriptions').where({ openid }).get();
  expect(docs.data).toEqual([expect.objectContaining({ event: 'closingSoon', remaining: 20 })]);
});

test('a rejected refund request tells the buyer 退款未通过, once', async () => {
  const openid = 'msg-refund';
  const buyer = shop.buyer(openid);
  await buyer.ok('message.subscribe', { accepted: [TEMPLATES.refundResult, TEMPLATES.refundResult] });
  const paid = await paidOrder(openid);
  await buyer.ok('order.requestRefund', { orderId: paid._id, reason: '不想要了' });
  expect(
    await shop.admin(MERCHANT, 'refunds.reject', { orderId: paid._id, reason: '商品已发出' }),
  ).toMatchObject({
    ok: true,
  });
  const calls = await messagesTo(openid);
  expect(calls).toHaveLength(1);
  expect(calls[0].args).toMatchObject({
    template_id: TEMPLATES.refundResult,
    data: { phrase3: { value: '退款未通过' }, thing4: { value: '商品已发出' } },
  });
});

/** Paid in the sandbox (a refund needs a real payment), shipped and received: what after-sales needs. */
async function receivedOrder(openid: string): Promise<{ buyer: Buyer; order: Order }> {
  const placed = await order(openid);
  await payInSandbox(shop, placed.buyer, placed.order);
  await ship(placed.order._id);
  await placed.buyer.ok('order.receive', { orderId: placed.order._id });
  return placed;
}

async function requestAfterSale(buyer: Buyer, orderId: string): Promise<AfterSaleView> {
  return buyer.ok('afterSale.create', {
    orderId,
    lineIndex: 0,
    quantity: 1,
    type: 'REFUND_ONLY',
    reason: '商品质量问题',
  });
}

test('an after-sales refund tells the buyer 退款成功 with the request’s amount and page, once however often it is followed', async () => {
  const openid = 'msg-after-sale-refund';
  const { buyer, order: received } = await receivedOrder(openid);
  await buyer.ok('message.subscribe', { accepted: [TEMPLATES.refundResult, TEMPLATES.refundResult] });
  const request = await requestAfterSale(buyer, received._id);
  const approvals = await Promise.all(
    Array.from({ length: 20 }, () =>
      shop.admin(MERCHANT, 'afterSales.approve', { afterSaleId: request._id }),
    ),
  );
  expect(approvals.some((answer) => answer.ok)).toBe(true);
  // The sandbox settles the refund a moment later; the worker follows it, and again.
  for (let run = 0; run < 3; run += 1) {
    await shop.advanceClock(5_000);
    await shop.invokeAsSystem('worker', { jobs: ['followAfterSaleRefunds'] });
  }
  expect(await buyer.ok('afterSale.detail', { afterSaleId: request._id })).toMatchObject({
    state: 'REFUNDED',
  });

  const calls = (await messagesTo(openid)).filter((call) => call.args.template_id === TEMPLATES.refundResult);
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({
    errcode: 0,
    args: {
      page: `package-user/after-sale/index?id=${request._id}`,
      data: {
        character_string1: { value: received.orderNo },
        amount2: { value: `${(request.amount / 100).toFixed(2)}元` },
        phrase3: { value: '退款成功' },
      },
    },
  });
  const record = await shop.db
    .collection('sent_messages')
    .doc(`${received._id}-refundResult-as-${request._id}`)
    .get();
  expect(record.data).toMatchObject({ outcome: 'SENT' });
});

test('a refused after-sales request tells the buyer 退款未通过 with the merchant’s reason, once', async () => {
  const openid = 'msg-after-sale-reject';
  const { buyer, order: received } = await receivedOrder(openid);
  await buyer.ok('message.subscribe', { accepted: [TEMPLATES.refundResult, TEMPLATES.refundResult] });
  const request = await requestAfterSale(buyer, received._id);
  const answers = await Promise.all(
    Array.from({ length: 20 }, () =>
      shop.admin(MERCHANT, 'afterSales.reject', { afterSaleId: request._id, reason: '商品无质量问题' }),
    ),
  );
  expect(answers.filter((answer) => answer.ok)).toHaveLength(1);
  const calls = (await messagesTo(openid)).filter((call) => call.args.template_id === TEMPLATES.refundResult);
  expect(calls).toHaveLength(1);
  expect(calls[0].args).toMatchObject({
    page: `package-user/after-sale/index?id=${request._id}`,
    data: { phrase3: { value: '退款未通过' }, thing4: { value: '商品无质量问题' } },
  });
});

test('an unpaid order about to close is reminded once by the worker; one far from closing is not', async () => {
  const openid = 'msg-closing';
  await shop
    .buyer(openid)
    .ok('message.subscribe', { accepted: [TEMPLATES.closingSoon, TEMPLATES.closingSoon] });
  const { order: closing } = await order(openid);
  await shop.advanceClock(ORDER_DEADLINES.payWithin - 5 * MINUTE);
  const { order: fresh } = await order(openid);

  await shop.invokeAsSystem('worker');
  await shop.invokeAsSystem('worker');
  const calls = await messagesTo(openid);
  expect(calls).toHaveLength(1);
  expect(calls[0]).toMatchObject({
    functionName: 'worker',
    args: { template_id: TEMPLATES.closingSoon, page: `package-order/detail/index?id=${closing._id}` },
  });
  expect(calls.some((call) => call.args.page?.includes(fresh._id))).toBe(false);
});
