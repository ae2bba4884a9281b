/**
 * Every action of the `shop` and `admin` functions answers only what `types/api.ts` names: a whole shop day
 * (browse, cart, addresses, coupons, checkout, pay, ship, receive, review, refunds, staff) is played on the
 * local cloud, and every successful answer is walked key by key against its declared response type. Keys
 * the contract does not name (holds, pending marks, attempt, other buyers' OPENIDs, _openid…) fail the test,
 * and so does an action of the contract that the day never answered.
 */
import type { Order } from '../../types';
import { readContract, type ContractShape } from '../support/contract-shape';
import { addOrphanNotice, buyableProduct, startShopCloud, TEST_ADDRESS, type ShopCloud } from './shop-cloud';

const OWNER = 'contract-owner';
const BUYER = 'contract-buyer';
const {
  product,
  skus: [sku],
} = buyableProduct(1, 50);

let shop: ShopCloud;
let contract: ContractShape;
const answered = { shop: new Set<string>(), admin: new Set<string>() };
const undeclared: string[] = [];

beforeAll(async () => {
  contract = readContract();
  shop = await startShopCloud({
    functionEnv: {
      SHOP_ADMIN_OPENIDS: OWNER,
      SHOP_MESSAGE_TEMPLATES: JSON.stringify({ shipped: 'TPL_contract_shipped' }),
      SHOP_AFTER_SALES: JSON.stringify({
        returnAddress: { name: '小店售后', mobile: '13800000000', address: '杭州市西湖区文三路 1 号' },
      }),
    },
  });
});
afterAll(() => shop.close());

/** Calls an action and walks its answer; answers the data. */
async function call(fn: 'shop' | 'admin', openid: string, action: string, request: object = {}) {
  const response = await fetch(`${shop.cloud.url}/functions/${fn}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': openid },
    body: JSON.stringify({ ...request, action }),
  });
  const answer = (await response.json()) as { ok: boolean; data?: unknown; code?: string };
  if (!answer.ok) throw new Error(`${fn}:${action} failed: ${answer.code}`);
  answered[fn].add(action);
  undeclared.push(...contract.undeclaredKeys(fn, action, answer.data));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- the answer's type is the contract's, checked above
  return answer.data as any;
}
const buyer = (action: string, request: object = {}) => call('shop', BUYER, action, request);
const owner = (action: string, request: object = {}) => call('admin', OWNER, action, request);

async function paid(order: Order): Promise<void> {
  await buyer('order.pay', { orderId: order._id });
  await fetch(`${shop.cloud.url}/_/paysandbox/pay`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ outTradeNo: order.orderNo, openid: BUYER }),
  });
  // The sandbox notifies at once; syncPayment asks the gateway if the notice is still on its way.
  for (
    let i = 0;
    i < 50 && (await buyer('order.syncPayment', { orderId: order._id })).state === 'TO_PAY';
    i++
  );
}

let requests = 0;
async function newOrder(addressId: string): Promise<Order> {
  const items = [{ productId: product._id, skuId: sku._id, quantity: 1 }];
  const { payable } = await buyer('checkout.quote', { items, addressId, couponId: null });
  requests += 1;
  return buyer('order.create', {
    items,
    addressId,
    couponId: null,
    requestId: `contract-${String(requests).padStart(4, '0')}`,
    expectedPayable: payable,
  });
}

test('every action of both functions answers only the keys its response type declares', async () => {
  // Browsing, and another buyer's traces to leak.
  await call('shop', 'someone-else', 'catalog.recommend', { productId: product._id });
  await call('shop', 'someone-else', 'history.record', { productId: product._id });
  await call('shop', 'someone-else', 'favorite.add', { productId: product._id });
  await buyer('ping');
  await buyer('catalog.home');
  await buyer('catalog.categories');
  await buyer('catalog.products', { keyword: product.title.slice(0, 2) });
  await buyer('catalog.product', { productId: product._id });
  await buyer('catalog.searchHints', { prefix: '短' });
  await buyer('catalog.recommend', { productId: product._id });
  // 收藏 and 浏览记录.
  await buyer('favorite.add', { productId: product._id });
  await buyer('favorite.list', {});
  await buyer('history.record', { productId: product._id });
  await buyer('history.list');
  await buyer('history.clear');
  // Subscribe messages, asked for at payment.
  await buyer('message.templates');
  await buyer('message.subscribe', { accepted: ['TPL_contract_shipped'] });
  await buyer('restock.subscribe', { skuId: 'p005-s09' });
  // The profile of 我的, with an avatar uploaded as the mini program does.
  const uploaded = await fetch(`${shop.cloud.url}/_/storage/upload?cloudPath=avatars/contract.png`, {
    method: 'POST',
    headers: { 'x-wx-openid': BUYER },
    body: new Uint8Array([1, 2, 3]),
  });
  const { fileID } = (await uploaded.json()) as { fileID: string };
  await buyer('profile.update', { nickname: '契约买家', avatar: fileID });
  await buyer('profile.get');
  // Cart.
  const added = await buyer('cart.add', { productId: product._id, skuId: sku._id, quantity: 2 });
  const lineId: string = added.cart.lines[0].lineId;
  await buyer('cart.count');
  await buyer('cart.setQuantity', { lineId, quantity: 1 });
  await buyer('cart.select', { lineIds: [lineId], selected: false });
  await buyer('cart.selectAll', { selected: true });
  await buyer('cart.list');
  // Addresses.
  const address = await buyer('address.add', TEST_ADDRESS);
  const second = await buyer('address.add', { ...TEST_ADDRESS, isDefault: false, detail: '文二路 2 号' });
  await buyer('address.update', { ...TEST_ADDRESS, addressId: second._id, detail: '文二路 3 号' });
  await buyer('address.setDefault', { addressId: address._id });
  await buyer('address.remove', { addressId: second._id });
  await buyer('address.list');
  // Coupons and checkout.
  const { coupons } = (await buyer('coupon.claimable')) as { coupons: { template: { _id: string } }[] };
  await buyer('coupon.claim', { templateId: coupons[0].template._id });
  await buyer('coupon.mine');
  await buyer('coupon.forOrder', { items: [{ productId: product._id, skuId: sku._id, quantity: 1 }] });
  await buyer('coupon.newcomer');
  await buyer('coupon.claimNewcomer');
  await buyer('checkout.quote', { items: [{ productId: product._id, skuId: sku._id, quantity: 1 }] });
  await buyer('cart.remove', { lineIds: [lineId] });
  // Orders: cancel one, pay, ship, receive and review another, refund two more.
  const cancelled = await newOrder(address._id);
  await buyer('order.cancel', { orderId: cancelled._id, reason: '地址填错了' });
  const received = await newOrder(address._id);
  await paid(received);
  await owner('orders.ship', { orderId: received._id, expressCompany: 'SF', trackingNo: 'SF1234567890' });
  await buyer('order.receive', { orderId: received._id });
  await buyer('review.create', {
    orderId: received._id,
    skuId: sku._id,
    rating: 5,
    content: '质量很好，发货也快',
  });
  await buyer('review.mine', { orderId: received._id });
  await buyer('catalog.reviews', { productId: product._id });
  // After-sales after receipt: rejected, withdrawn, then a return with its tracking number, refunded.
  const line = { orderId: received._id, lineIndex: 0, quantity: 1 };
  const ask = { ...line, type: 'RETURN_REFUND', reason: '商品质量问题', note: '有划痕', photos: [] };
  await buyer('afterSale.quote', line);
  const turnedDown = await buyer('afterSale.create', ask);
  await owner('afterSales.reject', { afterSaleId: turnedDown._id, reason: '请补充照片' });
  const withdrawn = await buyer('afterSale.create', ask);
  await buyer('afterSale.withdraw', { afterSaleId: withdrawn._id });
  const afterSale = await buyer('afterSale.create', ask);
  await owner('afterSales.list', {});
  await owner('afterSales.approve', { afterSaleId: afterSale._id });
  await buyer('afterSale.ship', {
    afterSaleId: afterSale._id,
    expressCompany: 'ZTO',
    trackingNo: 'ZT1234567890',
  });
  await owner('afterSales.goodsReceived', { afterSaleId: afterSale._id });
  await owner('afterSales.detail', { afterSaleId: afterSale._id });
  await buyer('afterSale.detail', { afterSaleId: afterSale._id });
  await buyer('afterSale.list', {});
  const rejected = await newOrder(address._id);
  await paid(rejected);
  await buyer('order.requestRefund', { orderId: rejected._id, reason: '不想要了' });
  await owner('refunds.reject', { orderId: rejected._id, reason: '已与买家沟通' });
  await buyer('order.requestRefund', { orderId: rejected._id, reason: '还是不想要了' });
  await owner('refunds.approve', { orderId: rejected._id });
  const refunded = await newOrder(address._id);
  await paid(refunded);
  await owner('orders.refund', { orderId: refunded._id, reason: '缺货' });
  await owner('orders.remark', { orderId: refunded._id, remark: '已电话联系' });
  // Shipped, then refunded: one order's goods come back, another's will not.
  for (const decision of ['refunds.goodsReturned', 'refunds.goodsNotReturned'] as const) {
    const shipped = await newOrder(address._id);
    await paid(shipped);
    await owner('orders.ship', { orderId: shipped._id, expressCompany: 'SF', trackingNo: 'SF2234567890' });
    await owner('orders.refund', { orderId: shipped._id, reason: '买家退货' });
    await owner('refunds.attention');
    await owner(decision, { orderId: shipped._id, note: '快递丢失' });
  }
  // An order left unpaid: its reservation must not show in the product's answer.
  await newOrder(address._id);
  await buyer('catalog.product', { productId: product._id });
  await buyer('order.list', {});
  await buyer('order.detail', { orderId: received._id });
  await buyer('me.overview');
  await buyer('favorite.remove', { productId: product._id });
  await owner('orders.list', {});
  await owner('orders.detail', { orderId: received._id });
  await owner('orders.search', { query: received.orderNo });
  // Payment notices that kept failing.
  await addOrphanNotice(shop, '4200contract0001', 'no-such-order', 'DEAD');
  await owner('payments.deadLetters');
  await owner('payments.retry', { transactionId: '4200contract0001' });
  // A genuine payment no order could take, kept as an anomaly, then settled.
  await addOrphanNotice(shop, '4200contract0002', 'no-such-order-2', 'ANOMALY');
  await owner('payments.anomalies', {});
  await owner('payments.settle', { transactionId: '4200contract0002', how: 'HANDLED', note: '已核对' });
  await owner('payments.anomalies', { settled: true });
  // Staff.
  await owner('staff.me');
  const invitation = await owner('staff.invite', { role: 'operator', name: '小李' });
  await call('admin', 'contract-operator', 'staff.join', { code: invitation.code });
  const spare = await owner('staff.invite', { role: 'service', name: '小王' });
  await owner('staff.revokeInvitation', { code: spare.code });
  await owner('staff.setRole', { openid: 'contract-operator', role: 'service' });
  await owner('staff.list');
  await owner('staff.remove', { openid: 'contract-operator' });
  // The catalog.
  const form = {
    title: '契约测试茶',
    subtitle: '两种规格',
    categoryId: 'c0101',
    images: ['cloud://local-env.shop/products/contract.png'],
    description: '',
    tags: [],
    specs: [{ name: '规格', values: ['小', '大'] }],
    skus: [
      { specValues: ['小'], price: 100, originalPrice: 200, stock: 3, onSale: true },
      { specValues: ['大'], price: 300, originalPrice: 300, stock: 3, onSale: true },
    ],
  };
  const created = await owner('products.create', form);
  const productId: string = created.product._id;
  const skuIds: string[] = created.skus.map((s: { _id: string }) => s._id);
  await owner('products.update', {
    ...form,
    productId,
    skus: [{ ...form.skus[0], skuId: skuIds[0] }],
  });
  await owner('products.detail', { productId });
  await owner('products.list', {});
  await owner('products.setOnSale', { productId, onSale: false });
  await owner('products.adjustStock', { skuId: skuIds[0], delta: -1, reason: '盘点' });
  await owner('products.lowStock', { threshold: 5 });
  const category = await owner('categories.create', { parentId: 'c01', name: '契约', icon: '', sort: 99 });
  await owner('categories.update', {
    categoryId: category._id,
    parentId: 'c01',
    name: '契约二',
    icon: '',
    sort: 98,
  });
  await owner('categories.list');
  await owner('categories.remove', { categoryId: category._id });
  await owner('home.save', {
    banners: [{ image: '/assets/products/p001-1.svg', title: '上新', link: { kind: 'product', productId } }],
    notices: [{ text: '全场包邮' }],
  });
  await owner('home.get');
  const template = await owner('coupons.create', {
    title: '满100减10',
    description: '全场通用',
    rule: { kind: 'AMOUNT_OFF', threshold: 10000, amount: 1000 },
    totalLimit: 100,
    perUserLimit: 1,
    validity: { kind: 'DAYS_AFTER_CLAIM', days: 7 },
    newcomerOnly: false,
  });
  await owner('coupons.setActive', { templateId: template._id, active: false });
  await owner('coupons.update', {
    templateId: template._id,
    title: '满100减10元',
    totalLimit: 50,
    paused: false,
  });
  await owner('coupons.list');
  // Orders in bulk.
  const unpaid = await newOrder(address._id);
  await owner('orders.correctAddress', {
    orderId: unpaid._id,
    address: { ...TEST_ADDRESS, isDefault: undefined, detail: '文三路 101 号' },
  });
  await owner('orders.batchShip', {
    shipments: [
      { orderId: unpaid._id, expressCompany: 'SF', trackingNo: 'SF1234567891' },
      { orderId: 'no-such-order', expressCompany: 'SF', trackingNo: 'SF1234567892' },
    ],
  });
  const day = new Date(Date.now() + 8 * 3600_000).toISOString().slice(0, 10);
  await owner('orders.export', { from: day, to: day });
  // The dashboard, once the worker has brought it up to date.
  await shop.invokeAsSystem('worker');
  await owner('dashboard.overview');
  await owner('dashboard.product', { productId: product._id });
  await owner('audit.list', {});
  // An unpaid order whose countdown ran out on the buyer's page (last: it moves the cloud's clock).
  const expiring = await newOrder(address._id);
  await shop.advanceClock(31 * 60 * 1000);
  await buyer('order.closeExpired', { orderId: expiring._id });

  expect(undeclared).toEqual([]);
  expect({ shop: contract.actions('shop').filter((a) => !answered.shop.has(a)) }).toEqual({ shop: [] });
  expect({ admin: contract.actions('admin').filter((a) => !answered.admin.has(a)) }).toEqual({ admin: [] });
});
