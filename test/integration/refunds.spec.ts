/**
 * Refunds and stock on the local cloud, through the real functions and the WeChat Pay sandbox: a refund
 * before shipping returns the stock exactly once; after shipping the stock returns only when the merchant
 * confirms the goods came back, never when they say the goods will not; a refund WeChat Pay refuses is shown
 * to the merchant with the reason, and approving again sends it again. Time moves with the cloud's clock.
 */
import type { AuditPage, MerchantOrder, Order } from '../../types';
import { buyableProduct, placeOrder, startShopCloud, type Buyer, type ShopCloud } from './shop-cloud';

const OWNER = 'refunds-owner';
const OPERATOR = 'refunds-operator';
const SERVICE = 'refunds-service';
const {
  product,
  skus: [sku],
} = buyableProduct(1, 60);
let shop: ShopCloud;

beforeAll(async () => {
  shop = await startShopCloud({ functionEnv: { SHOP_ADMIN_OPENIDS: OWNER } });
  for (const [openid, role] of [
    [OPERATOR, 'operator'],
    [SERVICE, 'service'],
  ] as const) {
    const invitation = await shop.admin(OWNER, 'staff.invite', { role, name: role });
    if (!invitation.ok) throw new Error(invitation.code);
    await shop.admin(openid, 'staff.join', { code: invitation.data.code });
  }
});
afterAll(() => shop.close());

async function stock(): Promise<{ stock: number; sold: number }> {
  const doc = (await shop.db.collection('skus').doc(sku._id).get()).data as unknown as {
    stock: number;
    sold: number;
  };
  return { stock: doc.stock, sold: doc.sold };
}

async function reservationStates(orderId: string): Promise<string[]> {
  const rows = (await shop.db.collection('stock_reservations').where({ orderId }).get()).data as unknown as {
    state: string;
  }[];
  return rows.map((r) => r.state);
}

async function admin<T>(openid: string, action: string, request: object): Promise<T> {
  const answer = await shop.admin(openid, action as never, request as never);
  if (!answer.ok) throw new Error(`${action}: ${answer.code} ${answer.message}`);
  return answer.data as T;
}

/** An order of one piece, paid through the sandbox (its notice applied or asked for). */
async function paidOrder(openid: string): Promise<{ buyer: Buyer; order: Order }> {
  const { buyer, order } = await placeOrder(
    shop,
    openid,
    { productId: product._id, skuId: sku._id },
    `${openid}-1`,
  );
  await buyer.ok('order.pay', { orderId: order._id });
  const paid = await fetch(`${shop.cloud.url}/_/paysandbox/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outTradeNo: order.orderNo, openid }),
  });
  expect(paid.ok).toBe(true);
  // syncPayment asks the gateway when the notice has not been applied yet: no waiting on the notice.
  expect((await buyer.ok('order.syncPayment', { orderId: order._id })).state).toBe('PAID');
  return { buyer, order: await buyer.ok('order.detail', { orderId: order._id }) };
}

async function shippedOrder(openid: string): Promise<{ buyer: Buyer; order: Order }> {
  const { buyer, order } = await paidOrder(openid);
  await admin(OPERATOR, 'orders.ship', {
    orderId: order._id,
    expressCompany: 'SF',
    trackingNo: 'SF3234567890',
  });
  return { buyer, order };
}

/** The sandbox settles a refund a moment after accepting it, as WeChat Pay does; the worker follows it. */
async function settleRefunds(): Promise<void> {
  await shop.advanceClock(5_000);
  await shop.invokeAsSystem('worker');
}

async function attention(): Promise<MerchantOrder[]> {
  return (await admin<{ items: MerchantOrder[] }>(SERVICE, 'refunds.attention', {})).items;
}

test('orders.refund before shipping refunds at WeChat Pay and returns the stock once, however often it is followed', async () => {
  const before = await stock();
  const { buyer, order } = await paidOrder('refund-unshipped');
  expect(await stock()).toEqual({ stock: before.stock - 1, sold: before.sold + 1 });
  const refunding = await admin<MerchantOrder>(OPERATOR, 'orders.refund', {
    orderId: order._id,
    reason: '缺货',
  });
  expect(refunding).toMatchObject({
    state: 'REFUNDING',
    refund: { fromState: 'PAID', reason: '缺货', refundNo: `RF${order.orderNo}` },
  });
  expect(refunding.refund).not.toHaveProperty('goods');
  await settleRefunds();
  await settleRefunds();
  const refunded = await buyer.ok('order.detail', { orderId: order._id });
  expect(refunded.state).toBe('REFUNDED');
  expect(await stock()).toEqual(before);
  expect(await reservationStates(order._id)).toEqual(['RELEASED']);
  // Refunding again is refused and changes nothing.
  expect(await shop.admin(OPERATOR, 'orders.refund', { orderId: order._id, reason: '再退' })).toMatchObject({
    ok: false,
    code: 'ORDER_STATE_CONFLICT',
  });
  expect(await stock()).toEqual(before);
  // Only operators refund; the audit log names who did.
  expect(await shop.admin(SERVICE, 'orders.refund', { orderId: order._id, reason: '缺货' })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  });
  const log = await admin<AuditPage>(OWNER, 'audit.list', {});
  expect(log.items.find((e) => e.action === 'orders.refund' && e.target.id === order._id)).toMatchObject({
    actor: OPERATOR,
    actorRole: 'operator',
    before: { state: 'PAID' },
    after: { state: 'REFUNDING' },
  });
});

test('20 parallel approvals of one refund before shipping return its stock once', async () => {
  const before = await stock();
  const { buyer, order } = await paidOrder('refund-parallel');
  await buyer.ok('order.requestRefund', { orderId: order._id, reason: '拍错了' });
  await Promise.all(
    Array.from({ length: 20 }, () => shop.admin(OPERATOR, 'refunds.approve', { orderId: order._id })),
  );
  await Promise.all(Array.from({ length: 5 }, () => settleRefunds()));
  expect((await buyer.ok('order.detail', { orderId: order._id })).state).toBe('REFUNDED');
  expect(await stock()).toEqual(before);
});

test('a refund after shipping returns no stock until the merchant confirms the goods came back, then once', async () => {
  const before = await stock();
  const { buyer, order } = await shippedOrder('refund-shipped-back');
  await buyer.ok('order.requestRefund', { orderId: order._id, reason: '尺码不合适，已寄回' });
  await admin(OPERATOR, 'refunds.approve', { orderId: order._id });
  await settleRefunds();
  const refunded = await buyer.ok('order.detail', { orderId: order._id });
  expect(refunded).toMatchObject({
    state: 'REFUNDED',
    refund: { fromState: 'SHIPPED', goods: { state: 'AWAITED' } },
  });
  expect(await stock()).toEqual({ stock: before.stock - 1, sold: before.sold + 1 });
  expect((await attention()).map((o) => o._id)).toContain(order._id);

  // Two operators confirm at once, several times: the stock comes back once.
  const answers = await Promise.all(
    Array.from({ length: 20 }, () => shop.admin(OPERATOR, 'refunds.goodsReturned', { orderId: order._id })),
  );
  expect(answers.filter((a) => a.ok).length).toBeGreaterThanOrEqual(1);
  expect(answers.filter((a) => !a.ok).map((a) => (a.ok ? '' : a.code))).toEqual(
    answers.filter((a) => !a.ok).map(() => 'ORDER_STATE_CONFLICT'),
  );
  expect(await stock()).toEqual(before);
  const settled = await admin<MerchantOrder>(OWNER, 'orders.detail', { orderId: order._id });
  expect(settled.refund?.goods?.state).toBe('RETURNED');
  expect(settled.timeline.at(-1)?.note).toBe('商家确认退货已收到，库存已退回');
  expect((await attention()).map((o) => o._id)).not.toContain(order._id);
  // Saying now that the goods will not come back is refused; nothing changes.
  expect(
    await shop.admin(OPERATOR, 'refunds.goodsNotReturned', { orderId: order._id, note: '改主意' }),
  ).toMatchObject({ ok: false, code: 'ORDER_STATE_CONFLICT' });
  expect(await stock()).toEqual(before);
});

test('goods that will not come back return no stock, and a service member may not decide either way', async () => {
  const before = await stock();
  const { order } = await shippedOrder('refund-shipped-lost');
  await admin(OPERATOR, 'orders.refund', { orderId: order._id, reason: '快递丢件，全额退款' });
  await settleRefunds();
  expect(await shop.admin(SERVICE, 'refunds.goodsReturned', { orderId: order._id })).toMatchObject({
    ok: false,
    code: 'FORBIDDEN',
  });
  expect(
    await shop.admin(OPERATOR, 'refunds.goodsNotReturned', { orderId: order._id, note: '' }),
  ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  const decided = await admin<MerchantOrder>(OPERATOR, 'refunds.goodsNotReturned', {
    orderId: order._id,
    note: '快递丢件',
  });
  expect(decided).toMatchObject({
    state: 'REFUNDED',
    refund: { goods: { state: 'NOT_RETURNED', note: '快递丢件' } },
  });
  expect(await stock()).toEqual({ stock: before.stock - 1, sold: before.sold + 1 });
  expect(await shop.admin(OPERATOR, 'refunds.goodsReturned', { orderId: order._id })).toMatchObject({
    ok: false,
    code: 'ORDER_STATE_CONFLICT',
  });
  expect(await stock()).toEqual({ stock: before.stock - 1, sold: before.sold + 1 });
  expect((await attention()).map((o) => o._id)).not.toContain(order._id);
});

test('goods of an order never shipped cannot be confirmed: its stock came back with the refund', async () => {
  const { order } = await paidOrder('refund-goods-unshipped');
  await admin(OPERATOR, 'orders.refund', { orderId: order._id, reason: '缺货' });
  await settleRefunds();
  const before = await stock();
  expect(await shop.admin(OPERATOR, 'refunds.goodsReturned', { orderId: order._id })).toMatchObject({
    ok: false,
    code: 'ORDER_STATE_CONFLICT',
  });
  expect(await shop.admin(OPERATOR, 'refunds.goodsReturned', { orderId: 'no-such-order' })).toMatchObject({
    ok: false,
    code: 'ORDER_NOT_FOUND',
  });
  expect(await stock()).toEqual(before);
});

test('a refund WeChat Pay refuses is shown to the merchant with the reason; approving again sends it again', async () => {
  const before = await stock();
  const { buyer, order } = await paidOrder('refund-refused');
  // The order asks for more than was paid (as after a wrong manual edit): WeChat Pay refuses the refund.
  const payable = order.amounts.payable;
  await shop.db
    .collection('orders')
    .doc(order._id)
    .update({ data: { 'amounts.payable': payable + 100 } });
  const refused = await shop.admin(OPERATOR, 'orders.refund', { orderId: order._id, reason: '缺货' });
  expect(refused).toMatchObject({ ok: false, code: 'PAYMENT_FAILED' });
  const listed = (await attention()).find((o) => o._id === order._id);
  expect(listed).toMatchObject({
    state: 'REFUNDING',
    refund: { problem: { status: 'FAILED', reason: expect.stringMatching(/\S/) } },
  });
  expect(listed?.refund?.problem?.reason).toBe(refused.ok ? '' : refused.message);
  expect((await buyer.ok('order.detail', { orderId: order._id })).state).toBe('REFUNDING');
  expect(await stock()).toEqual({ stock: before.stock - 1, sold: before.sold + 1 });

  // Once the amount is right again, approving sends the refund again; the problem is gone.
  await shop.db
    .collection('orders')
    .doc(order._id)
    .update({ data: { 'amounts.payable': payable, 'refund.amount': payable } });
  const approved = await admin<MerchantOrder>(OPERATOR, 'refunds.approve', { orderId: order._id });
  expect(approved.refund).not.toHaveProperty('problem');
  await settleRefunds();
  expect((await buyer.ok('order.detail', { orderId: order._id })).state).toBe('REFUNDED');
  expect(await stock()).toEqual(before);
  expect((await attention()).map((o) => o._id)).not.toContain(order._id);
});
