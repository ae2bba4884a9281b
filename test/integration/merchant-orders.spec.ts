/**
 * The merchant's order actions on the local cloud: an address corrected before shipping (audited) and refused
 * after; a batch shipped order by order with a result for each; a date range exported as CSV to cloud storage
 * and downloaded from the link it answers, with the range capped.
 */
import type { Order } from '../../types';
import { buyableProduct, payInSandbox, placeOrder, startShopCloud, type ShopCloud } from './shop-cloud';

const OWNER = 'orders-owner';
const {
  product,
  skus: [sku],
} = buyableProduct(1, 50);
const CHINA_OFFSET_MS = 8 * 60 * 60 * 1000;
const NEW_ADDRESS = {
  name: '李四',
  mobile: '13911112222',
  province: '上海市',
  city: '上海市',
  district: '浦东新区',
  detail: '世纪大道 100 号',
};
let shop: ShopCloud;
let requests = 0;

beforeAll(async () => {
  shop = await startShopCloud({ functionEnv: { SHOP_ADMIN_OPENIDS: OWNER } });
});
afterAll(() => shop.close());

async function paidOrder(openid: string): Promise<Order> {
  requests += 1;
  const { buyer, order } = await placeOrder(
    shop,
    openid,
    { productId: product._id, skuId: sku._id },
    `orders-${requests}`,
  );
  return payInSandbox(shop, buyer, order);
}

test('the address is corrected before shipping, audited, and refused once shipped', async () => {
  const order = await paidOrder('orders-buyer-1');
  expect(
    await shop.admin(OWNER, 'orders.correctAddress', { orderId: order._id, address: NEW_ADDRESS }),
  ).toMatchObject({ ok: true, data: { _id: order._id, address: NEW_ADDRESS } });
  const audit = await shop.admin(OWNER, 'audit.list', {});
  expect(audit.ok && audit.data.items[0]).toMatchObject({
    action: 'orders.correctAddress',
    before: { address: order.address },
    after: { address: NEW_ADDRESS },
  });
  await shop.admin(OWNER, 'orders.ship', {
    orderId: order._id,
    expressCompany: 'SF',
    trackingNo: 'SF1000000001',
  });
  expect(
    await shop.admin(OWNER, 'orders.correctAddress', {
      orderId: order._id,
      address: { ...NEW_ADDRESS, detail: '太晚了' },
    }),
  ).toMatchObject({ ok: false, code: 'ORDER_STATE_CONFLICT' });
  const detail = await shop.admin(OWNER, 'orders.detail', { orderId: order._id });
  expect(detail.ok && detail.data.address).toEqual(NEW_ADDRESS);
  expect(
    await shop.admin(OWNER, 'orders.correctAddress', {
      orderId: order._id,
      address: { ...NEW_ADDRESS, mobile: '123' },
    }),
  ).toMatchObject({ ok: false });
});

test('a corrected address with a region that is not one of China’s is INVALID_INPUT, and the order keeps its own', async () => {
  const order = await paidOrder('orders-buyer-region');
  const before = await shop.admin(OWNER, 'orders.detail', { orderId: order._id });
  expect(
    await shop.admin(OWNER, 'orders.correctAddress', {
      orderId: order._id,
      address: { ...NEW_ADDRESS, province: '浙江省', city: '宁波市', district: '西湖区' },
    }),
  ).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  const after = await shop.admin(OWNER, 'orders.detail', { orderId: order._id });
  expect(after.ok && after.data.address).toEqual(before.ok && before.data.address);
});

test('a batch ships each order it can and says why not for the others', async () => {
  const first = await paidOrder('orders-buyer-2');
  const second = await paidOrder('orders-buyer-3');
  const answer = await shop.admin(OWNER, 'orders.batchShip', {
    shipments: [
      { orderId: first._id, expressCompany: 'SF', trackingNo: 'SF2000000001' },
      { orderId: 'no-such-order', expressCompany: 'SF', trackingNo: 'SF2000000002' },
      { orderId: second._id, expressCompany: 'YTO', trackingNo: 'YT2000000003' },
      { orderId: first._id, expressCompany: 'SF', trackingNo: 'SF2000000004' },
    ],
  });
  expect(answer).toEqual({
    ok: true,
    data: {
      results: [
        { orderId: first._id, ok: true, state: 'SHIPPED' },
        { orderId: 'no-such-order', ok: false, code: 'ORDER_NOT_FOUND', message: expect.any(String) },
        { orderId: second._id, ok: true, state: 'SHIPPED' },
        { orderId: first._id, ok: false, code: 'INVALID_INPUT', message: 'listed twice' },
      ],
    },
  });
  const shipped = await shop.admin(OWNER, 'orders.detail', { orderId: second._id });
  expect(shipped.ok && shipped.data.logistics).toMatchObject({
    expressCompany: 'YTO',
    trackingNo: 'YT2000000003',
  });
  const again = await shop.admin(OWNER, 'orders.batchShip', {
    shipments: [{ orderId: second._id, expressCompany: 'YTO', trackingNo: 'YT2000000003' }],
  });
  expect(again).toMatchObject({ ok: true, data: { results: [{ ok: false, code: 'ORDER_STATE_CONFLICT' }] } });
});

test('a day of orders is exported as CSV to cloud storage and downloads from the link', async () => {
  const today = new Date(shop.now() + CHINA_OFFSET_MS).toISOString().slice(0, 10);
  // Every order this file placed (`requests`) was placed today on the cloud's clock.
  const answer = await shop.admin(OWNER, 'orders.export', { from: today, to: today });
  expect(answer).toMatchObject({
    ok: true,
    data: { rows: requests, fileID: expect.stringMatching(/^cloud:\/\//) },
  });
  if (!answer.ok) return;
  const csv = await (await fetch(answer.data.url)).text();
  const lines = csv
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines[0]).toBe(
    '订单号,下单时间,状态,商品,商品金额,运费,优惠,实付,收货人,手机,收货地址,快递公司,运单号,买家备注',
  );
  expect(lines).toHaveLength(requests + 1);
  expect(lines.some((line) => line.includes('李四') && line.includes('顺丰'))).toBe(true);
  expect(await shop.admin(OWNER, 'orders.export', { from: '2026-01-01', to: '2026-03-01' })).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
  });
  expect(await shop.admin(OWNER, 'orders.export', { from: '2026-02-30', to: '2026-03-01' })).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
  });
});
