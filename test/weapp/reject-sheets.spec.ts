/**
 * The workspace's 售后 page refuses through its reject sheet, on the real functions: an empty reason is refused
 * on the page (nothing sent), and a given reason reaches the buyer, for a refund before shipping and for an
 * after-sales request after receipt.
 */
import { settle, tap, waitFor } from './harness';
import { callsOf, ordersOf } from './orders-on-cloud';
import { MERCHANT as OWNER } from './shop-on-cloud';
import { shopOnCloudForFile } from './shop-per-file';

const { cloud, harness } = shopOnCloudForFile();
const BUYER = 'weapp-reject-sheet-buyer';
beforeEach(() => harness.clearRecords());

test('拒绝 a refund: an empty reason is refused, a given one reaches the buyer’s order', async () => {
  const order = await ordersOf(cloud, BUYER).inState('REFUNDING');
  harness.useCloud(cloud, OWNER);
  const page = await harness.renderPage('package-merchant/refunds/index');
  await waitFor(() => page.querySelector(`#ws-refund-reject-${order._id}`) !== null, 'the refund listed');
  await tap(page, `#ws-refund-reject-${order._id}`);
  expect(page.querySelector('#ws-refund-reason')).toBeTruthy();

  page.querySelector('#ws-refund-reason')!.dispatchEvent('input', { detail: { value: '   ' } });
  await settle();
  await tap(page, '#ws-refund-reason-confirm');
  expect(harness.toasts).toContain('请填写拒绝原因');
  expect(callsOf(harness.cloudCalls, 'refunds.reject')).toEqual([]);
  expect(page.querySelector('#ws-refund-reason')).toBeTruthy();

  page.querySelector('#ws-refund-reason')!.dispatchEvent('input', { detail: { value: ' 商品已打包待发 ' } });
  await settle();
  await tap(page, '#ws-refund-reason-confirm');
  await waitFor(() => harness.toasts.includes('已拒绝退款'), 'the refusal answered');
  expect(callsOf(harness.cloudCalls, 'refunds.reject')).toEqual([
    { action: 'refunds.reject', orderId: order._id, reason: '商品已打包待发' },
  ]);
  await harness.idle();
  expect(page.querySelector(`#ws-refund-${order._id}`)).toBeFalsy();

  const seen = await cloud.ok(BUYER, 'order.detail', { orderId: order._id });
  expect(seen.state).toBe('PAID');
  expect(seen.refund).toMatchObject({ rejectReason: '商品已打包待发' });
});

test('拒绝 an after-sales request: an empty reason is refused, a given one reaches the buyer’s request', async () => {
  const buyer = `${BUYER}-after-sale`;
  const order = await ordersOf(cloud, buyer).inState('RECEIVED');
  const request = await cloud.ok(buyer, 'afterSale.create', {
    orderId: order._id,
    lineIndex: 0,
    quantity: 1,
    type: 'REFUND_ONLY',
    reason: '商品质量问题',
    note: '',
    photos: [],
  });
  harness.useCloud(cloud, OWNER);
  const page = await harness.renderPage('package-merchant/refunds/index');
  await waitFor(() => page.querySelector(`#ws-as-reject-${request._id}`) !== null, 'the request listed');
  await tap(page, `#ws-as-reject-${request._id}`);

  await tap(page, '#ws-as-reason-confirm');
  expect(harness.toasts).toContain('请填写拒绝原因');
  expect(callsOf(harness.cloudCalls, 'afterSales.reject')).toEqual([]);

  page.querySelector('#ws-as-reason')!.dispatchEvent('input', { detail: { value: '商品无质量问题' } });
  await settle();
  await tap(page, '#ws-as-reason-confirm');
  await waitFor(() => callsOf(harness.cloudCalls, 'afterSales.reject').length === 1, 'the refusal sent');
  await harness.idle();
  expect(callsOf(harness.cloudCalls, 'afterSales.reject')[0]).toMatchObject({ reason: '商品无质量问题' });

  const seen = await cloud.ok(buyer, 'afterSale.detail', { afterSaleId: request._id });
  expect(seen.state).toBe('REJECTED');
  expect(seen.rejectReason).toBe('商品无质量问题');
});
