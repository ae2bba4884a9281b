/**
 * After-sales in the compiled pages, on the real functions: 申请售后 under an item of a received order opens the
 * request form, which shows the server's amount for the chosen units (coupon split), asks for a reason, and
 * sends afterSale.create with no amount of its own; the request's page then offers the return entry.
 */
import { settle, textOf, tap } from './harness';
import { callsOf, ordersOf } from './orders-on-cloud';
import { shopOnCloudForFile } from './shop-per-file';

const buyer = 'weapp-after-sales-buyer';
const { cloud, harness } = shopOnCloudForFile({ buyer });
const shop = ordersOf(cloud, buyer);

test('申请售后 on one item opens the form; the server prices the units and the request is sent without an amount', async () => {
  const order = await shop.inState('RECEIVED', {
    items: [
      { productId: 'p001', skuId: 'p001-s02', quantity: 2 },
      { productId: 'p001', skuId: 'p001-s03', quantity: 1 },
    ],
  });
  harness.clearRecords();

  const detail = await harness.renderPage('package-order/detail/index', { id: order._id });
  expect(textOf(detail.querySelector('#as-apply-0')!)).toBe('申请售后');
  expect(detail.querySelector('#as-apply-1')).toBeTruthy();
  await tap(detail, '#as-apply-0');
  expect(harness.navigations.at(-1)).toBe(`/package-user/after-sale-apply/index?orderId=${order._id}&line=0`);

  harness.clearRecords();
  const form = await harness.renderPage('package-user/after-sale-apply/index', {
    orderId: order._id,
    line: '0',
  });
  const one = await cloud.ok(buyer, 'afterSale.quote', { orderId: order._id, lineIndex: 0, quantity: 1 });
  const two = await cloud.ok(buyer, 'afterSale.quote', { orderId: order._id, lineIndex: 0, quantity: 2 });
  expect(textOf(form.querySelector('#as-amount')!)).toBe(`¥${(one.amount / 100).toFixed(2)}`);
  await tap(form, '#as-quantity-plus');
  await harness.idle();
  expect(textOf(form.querySelector('#as-amount')!)).toBe(`¥${(two.amount / 100).toFixed(2)}`);

  // No reason yet: nothing is sent.
  await tap(form, '#as-submit');
  expect(harness.toasts.at(-1)).toBe('请选择申请原因');
  expect(callsOf(harness.cloudCalls, 'afterSale.create')).toEqual([]);

  await tap(form, '#as-type-REFUND_ONLY');
  await tap(form, '#as-reason-1');
  form.querySelector('#as-note')!.dispatchEvent('input', { detail: { value: ' 洗后掉色 ' } });
  await settle();
  await tap(form, '#as-submit');
  await harness.idle();
  expect(callsOf(harness.cloudCalls, 'afterSale.create')).toEqual([
    {
      action: 'afterSale.create',
      orderId: order._id,
      lineIndex: 0,
      quantity: 2,
      type: 'REFUND_ONLY',
      reason: '商品质量问题',
      note: '洗后掉色',
      photos: [],
    },
  ]);
  const { items } = await cloud.ok(buyer, 'afterSale.list', {});
  expect(items[0]).toMatchObject({ orderId: order._id, quantity: 2, amount: two.amount, state: 'REQUESTED' });
  expect(harness.navigations.at(-1)).toBe(`/package-user/after-sale/index?id=${items[0]._id}`);

  // The request's page: its state, the server's amount and 撤销申请; the order now shows 售后中 on that item.
  const page = await harness.renderPage('package-user/after-sale/index', { id: items[0]._id });
  expect(textOf(page.querySelector('#as-state')!)).toBe('待商家处理');
  expect(textOf(page.querySelector('#as-amount')!)).toBe(`¥${(two.amount / 100).toFixed(2)}`);
  expect(page.querySelector('#as-withdraw')).toBeTruthy();
  const again = await harness.renderPage('package-order/detail/index', { id: order._id });
  expect(textOf(again.querySelector('#as-open-0')!)).toBe('售后中 ›');
  expect(again.querySelector('#as-apply-0')).toBeFalsy();
});
