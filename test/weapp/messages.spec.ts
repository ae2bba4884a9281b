/**
 * 订阅消息 from the buyer's side: paying an order on 订单详情 asks for the shop's templates in the payment's
 * success callback (WeChat's dialog, accepted here), the acceptance reaches the shop function, and shipping the
 * order then sends the buyer a message through the cloud call, as the local cloud lists it.
 */
import { tap, textOf, waitFor } from './harness';
import { callsOf, ordersOf } from './orders-on-cloud';
import { shopOnCloudForFile } from './shop-per-file';

const TEMPLATES = {
  shipped: 'TPL_weapp_shipped_01',
  closingSoon: 'TPL_weapp_closing_02',
  restock: 'TPL_weapp_restock_03',
};
const BUYER = 'weapp-messages-buyer';
const { cloud, harness } = shopOnCloudForFile({
  functionEnv: { SHOP_MESSAGE_TEMPLATES: JSON.stringify(TEMPLATES) },
  buyer: BUYER,
});
beforeAll(() => harness.setPaymentSheet('pay'));

test('paying asks for the templates in the payment’s callback; the accepted one is used when the order ships', async () => {
  const shop = ordersOf(cloud, BUYER);
  const order = await shop.inState('TO_PAY');
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  await tap(page, `#order-pay-${order._id}`);
  await waitFor(() => textOf(page.querySelector('#order-state')!) === '待发货', 'the paid order');

  // 到货提醒 is asked for on a sold-out SKU, never with the order's messages.
  expect(harness.subscribeAsks).toEqual([[TEMPLATES.shipped, TEMPLATES.closingSoon]]);
  await waitFor(() => callsOf(harness.cloudCalls, 'message.subscribe').length === 1, 'the acceptance');
  expect(callsOf(harness.cloudCalls, 'message.subscribe')).toEqual([
    { action: 'message.subscribe', accepted: [TEMPLATES.shipped, TEMPLATES.closingSoon] },
  ]);
  await harness.idle();

  await shop.ship(order);
  const calls = await cloud.cloudCalls('subscribeMessage.send');
  expect(calls.map((call) => call.args)).toEqual([
    expect.objectContaining({
      touser: BUYER,
      template_id: TEMPLATES.shipped,
      page: `package-order/detail/index?id=${order._id}`,
    }),
  ]);
});

test('到货提醒: a sold-out SKU is chosen, the buyer accepts the template, and is told once the merchant restocks it', async () => {
  // p003 (夹克) 藏青/M has no stock.
  const page = await harness.renderPage('package-goods/detail/index', { id: 'p003' });
  await tap(page, '#spec-row');
  await tap(page, '#spec-0-2');
  await tap(page, '#spec-1-0');
  expect(textOf(page.querySelector('#sku-stock')!)).toBe('已售罄');
  expect(textOf(page.querySelector('#sku-restock')!)).toBe('到货提醒');
  const asked = harness.subscribeAsks.length;
  await tap(page, '#sku-restock');
  await waitFor(() => callsOf(harness.cloudCalls, 'restock.subscribe').length === 1, 'the subscription');
  expect(harness.subscribeAsks.slice(asked)).toEqual([[TEMPLATES.restock]]);
  expect(callsOf(harness.cloudCalls, 'restock.subscribe')).toEqual([
    { action: 'restock.subscribe', skuId: 'p003-s07' },
  ]);
  await waitFor(() => textOf(page.querySelector('#sku-restock')!) === '已设置到货提醒', 'the button says so');
  expect(harness.toasts.at(-1)).toBe('到货后将通知你');

  await cloud.admin('products.adjustStock', { skuId: 'p003-s07', delta: 10, reason: '补货' });
  await cloud.runWorker();
  await cloud.runWorker();
  const told = (await cloud.cloudCalls('subscribeMessage.send')).filter(
    (call) => call.args.template_id === TEMPLATES.restock,
  );
  expect(told.map((call) => call.args)).toEqual([
    expect.objectContaining({ touser: BUYER, page: 'package-goods/detail/index?id=p003' }),
  ]);
});
