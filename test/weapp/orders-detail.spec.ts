/**
 * 订单详情: the state with a live countdown while unpaid, address, items and amounts, 取消订单, 去支付 through
 * WeChat's sheet (paid, closed, failed, refused, confirming), 确认收货, 申请售后 with its sheet, and the refund and
 * late-payment sections.
 */
import { formatPrice } from '../../types';
import { settle, tap, textOf, waitFor, text } from './harness';
import { callsOf, ordersOf } from './orders-on-cloud';
import { shopWithBuyerPerTest } from './shop-per-file';

// Each test is a buyer of its own, with no orders yet.
const { cloud, harness, buyer, shop } = shopWithBuyerPerTest('weapp-order-detail-buyer');

function secondsOf(countdown: string): number {
  const match = /剩余 (\d{2}):(\d{2}) 自动关闭/.exec(countdown);
  if (!match) throw new Error(`no countdown in ${countdown}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

test('an unpaid order shows 待付款 and a countdown to its expiry, from the time left the server counted, that ticks', async () => {
  const order = await shop.inState('TO_PAY');
  const title = (await cloud.ok(buyer(), 'catalog.product', { productId: 'p001' })).product.title;
  // The server's clock is ten minutes before the deadline.
  await cloud.advanceClock(order.expiresAt - (await cloud.now()) - 10 * 60 * 1000);
  // The phone's clock is an hour fast (by its own idea the order expired long ago): held still by the test and
  // moved by exactly one second. The countdown follows the server.
  let pageNow = order.expiresAt + 60 * 60 * 1000;
  const clock = jest.spyOn(Date, 'now').mockImplementation(() => pageNow);
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  expect(callsOf(harness.cloudCalls, 'order.detail')).toEqual([
    { action: 'order.detail', orderId: order._id },
  ]);
  expect(text(page, '#order-state')).toBe('待付款');
  // The server's clock runs on between moving it and answering: a few seconds at most on a busy machine.
  const first = secondsOf(text(page, '#order-countdown'));
  expect(first).toBeLessThanOrEqual(10 * 60);
  expect(first).toBeGreaterThan(10 * 60 - 30);
  pageNow += 1000;
  // The countdown re-reads the clock on its next tick.
  await waitFor(() => secondsOf(text(page, '#order-countdown')) !== first, 'the countdown to tick');
  expect(secondsOf(text(page, '#order-countdown'))).toBe(first - 1);
  clock.mockRestore();

  expect(text(page, '#address-card')).toContain('王小明');
  expect(text(page, '#order-items')).toContain(title);
  expect(text(page, '#order-amounts')).toContain(formatPrice(order.amounts.itemsTotal));
  expect(text(page, '#order-payable')).toBe(formatPrice(order.amounts.payable));
  expect(text(page, '#order-info')).toContain(order.orderNo);
  expect(text(page, '#order-timeline')).toContain('提交订单');
});

test('取消订单 asks why (a reason from the list), calls order.cancel and shows the order as cancelled, without a countdown', async () => {
  harness.setActionSheetChoice('商品选错了');
  const order = await shop.inState('TO_PAY');
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  await tap(page, `#order-cancel-${order._id}`);
  expect(harness.actionSheets).toEqual([['不想要了', '地址填错了', '商品选错了', '重复下单', '其他']]);
  expect(callsOf(harness.cloudCalls, 'order.cancel')).toEqual([
    { action: 'order.cancel', orderId: order._id, reason: '商品选错了' },
  ]);
  expect(text(page, '#order-state')).toBe('已取消');
  expect(page.querySelector('#order-countdown')).toBeFalsy();
  expect(text(page, '#order-timeline')).toContain('订单已取消');
  expect(harness.toasts).toContain('订单已取消');
});

test("去支付 calls order.pay, opens WeChat's sheet with the signed parameters and shows the paid order as 待发货", async () => {
  const order = await shop.inState('TO_PAY');
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  await tap(page, `#order-pay-${order._id}`);
  expect(callsOf(harness.cloudCalls, 'order.pay')).toEqual([{ action: 'order.pay', orderId: order._id }]);
  expect(harness.payments).toEqual([
    expect.objectContaining({
      package: expect.stringMatching(/^prepay_id=\S+$/),
      signType: 'RSA',
      paySign: expect.stringMatching(/\S{40,}/),
    }),
  ]);
  // The sheet said paid; the next order.detail shows the payment applied.
  expect(text(page, '#order-state')).toBe('待发货');
  expect(page.querySelector('#order-countdown')).toBeFalsy();
  expect(harness.toasts).toContain('支付成功');
  expect(text(page, '#order-info')).toContain('支付时间');
  expect(page.querySelector(`#order-pay-${order._id}`)).toBeFalsy();
  expect(page.querySelector(`#order-request-refund-${order._id}`)).toBeTruthy();
});

test('two quick taps on 去支付 start one payment', async () => {
  const order = await shop.inState('TO_PAY');
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  const pay = page.querySelector(`#order-pay-${order._id}`)!;
  pay.dispatchEvent('tap');
  pay.dispatchEvent('tap');
  await settle();
  expect(callsOf(harness.cloudCalls, 'order.pay')).toHaveLength(1);
  expect(harness.payments).toHaveLength(1);
  expect(text(page, '#order-state')).toBe('待发货');
});

test('closing the sheet leaves the order 待付款, with its countdown and no alarming message', async () => {
  harness.setPaymentSheet('cancel');
  const order = await shop.inState('TO_PAY');
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  await tap(page, `#order-pay-${order._id}`);
  expect(harness.payments).toHaveLength(1);
  expect(text(page, '#order-state')).toBe('待付款');
  expect(page.querySelector('#order-countdown')).toBeTruthy();
  expect(harness.toasts).toEqual([]);
  expect(page.querySelector(`#order-pay-${order._id}`)).toBeTruthy();
});

test('a failed payment says 支付失败，请重试 and 去支付 can be tapped again', async () => {
  harness.setPaymentSheet('fail');
  const order = await shop.inState('TO_PAY');
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  await tap(page, `#order-pay-${order._id}`);
  expect(harness.toasts).toEqual(['支付失败，请重试']);
  expect(text(page, '#order-state')).toBe('待付款');

  harness.setPaymentSheet('pay');
  await tap(page, `#order-pay-${order._id}`);
  expect(callsOf(harness.cloudCalls, 'order.pay')).toHaveLength(2);
  expect(text(page, '#order-state')).toBe('待发货');
});

test('order.pay refused with ORDER_EXPIRED: 订单已超时, no sheet, and the order is closed then (no worker run)', async () => {
  const order = await shop.inState('TO_PAY');
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  // The deadline passes on the server while the page is open (the phone still counts time left): the server
  // refuses to sign, and the page asks for the close.
  await cloud.advanceClock(order.expiresAt - (await cloud.now()) + 1000);
  await tap(page, `#order-pay-${order._id}`);
  expect(harness.toasts).toEqual(['订单已超时']);
  expect(harness.payments).toHaveLength(0);
  await waitFor(() => text(page, '#order-state') === '已关闭', 'the order to show closed');
  expect(callsOf(harness.cloudCalls, 'order.closeExpired')).toHaveLength(1);
  expect(callsOf(harness.cloudCalls, 'order.detail')).toHaveLength(1);
  expect(page.querySelector(`#order-pay-${order._id}`)).toBeFalsy();
});

test('the countdown reaching zero closes the order on the page: 已关闭, no 去支付, the stock back, without the worker', async () => {
  const order = await shop.inState('TO_PAY');
  const line = order.items[0];
  const stockOf = async () =>
    (await cloud.ok(buyer(), 'catalog.product', { productId: line.productId })).skus.find(
      (sku) => sku._id === line.skuId,
    )!.stock;
  const held = await stockOf();
  await cloud.advanceClock(order.expiresAt - (await cloud.now()) - 20_000);
  let pageNow = Date.now();
  const clock = jest.spyOn(Date, 'now').mockImplementation(() => pageNow);
  try {
    const page = await harness.renderPage('package-order/detail/index', { id: order._id });
    expect(text(page, '#order-countdown')).toMatch(/^剩余 00:[0-2]\d 自动关闭$/);
    expect(page.querySelector(`#order-pay-${order._id}`)).toBeTruthy();
    await cloud.advanceClock(30_000);
    pageNow += 30_000;
    await waitFor(() => text(page, '#order-state') === '已关闭', 'the order to show closed');
    expect(callsOf(harness.cloudCalls, 'order.closeExpired')).toEqual([
      { action: 'order.closeExpired', orderId: order._id },
    ]);
    expect(page.querySelector('#order-countdown')).toBeFalsy();
    expect(page.querySelector(`#order-pay-${order._id}`)).toBeFalsy();
    expect(text(page, '#order-timeline')).toContain('超时未支付，订单已自动关闭');
    expect(await stockOf()).toBe(held + line.quantity);
    expect(harness.toasts).toEqual([]);
  } finally {
    clock.mockRestore();
  }
});

test('a close that must wait (WeChat Pay not reachable) shows the order closing, not an error, and without 去支付', async () => {
  const order = await shop.inState('TO_PAY');
  await cloud.advanceClock(order.expiresAt - (await cloud.now()) + 1000);
  // What the server answers while the close waits for its retry: the order as it stands, no time left.
  harness.setCloudResponder(async ({ name, data }) =>
    data.action === 'order.closeExpired'
      ? cloud.call(name, { action: 'order.detail', orderId: order._id }, buyer())
      : cloud.call(name, data, buyer()),
  );
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  await waitFor(
    () => callsOf(harness.cloudCalls, 'order.closeExpired').length > 0,
    'the page to ask for the close of an order read after its deadline',
  );
  await settle();
  expect(text(page, '#order-state')).toBe('待付款');
  expect(text(page, '#order-countdown')).toBe('支付时间已到，订单即将关闭');
  expect(page.querySelector(`#order-pay-${order._id}`)).toBeFalsy();
  expect(page.querySelector(`#order-cancel-${order._id}`)).toBeTruthy();
  expect(harness.toasts).toEqual([]);
  // Asked once: the answer, still at zero, does not ask again.
  await settle();
  expect(callsOf(harness.cloudCalls, 'order.closeExpired')).toHaveLength(1);
});

test('opened while a payment is confirmed (?paying=1): 支付结果确认中 without 去支付, then 待发货 once it reads paid', async () => {
  const order = await shop.inState('TO_PAY');
  const page = await harness.renderPage('package-order/detail/index', { id: order._id, paying: '1' });
  expect(text(page, '#order-state')).toBe('支付结果确认中');
  expect(page.querySelector('#order-countdown')).toBeFalsy();
  expect(page.querySelector(`#order-pay-${order._id}`)).toBeFalsy();
  expect(page.querySelector(`#order-cancel-${order._id}`)).toBeFalsy();

  await tap(page, '#order-refresh-payment'); // still unpaid
  expect(callsOf(harness.cloudCalls, 'order.detail')).toHaveLength(2);
  expect(text(page, '#order-state')).toBe('支付结果确认中');

  await shop.pay(order); // the payment's notice arrived meanwhile
  await tap(page, '#order-refresh-payment');
  expect(text(page, '#order-state')).toBe('待发货');
  expect(harness.toasts).toContain('支付成功');
  expect(page.querySelector('#order-refresh-payment')).toBeFalsy();
});

test('确认收货 asks, calls order.receive and shows the order as 已收货', async () => {
  const order = await shop.inState('SHIPPED');
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  await tap(page, `#order-receive-${order._id}`);
  expect(callsOf(harness.cloudCalls, 'order.receive')).toEqual([
    { action: 'order.receive', orderId: order._id },
  ]);
  expect(text(page, '#order-state')).toBe('已收货');
  expect(harness.toasts).toContain('已确认收货');
  expect(page.querySelector(`#order-receive-${order._id}`)).toBeFalsy();
});

test('申请售后 opens the refund sheet; 提交申请 sends the chosen reason and the order shows 退款中', async () => {
  const order = await shop.inState('PAID');
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  await tap(page, `#order-request-refund-${order._id}`);
  expect(text(page, '#refund-sheet')).toContain('仅退款');
  expect(text(page, '#refund-amount')).toBe(formatPrice(order.amounts.payable));
  const reasons = text(page, '#refund-sheet');
  for (const reason of ['不想要了', '拍错了/多拍了', '商品缺货', '其他']) expect(reasons).toContain(reason);

  await tap(page, '#refund-submit'); // no reason yet
  expect(harness.toasts).toContain('请选择退款原因');
  expect(callsOf(harness.cloudCalls, 'order.requestRefund')).toHaveLength(0);

  await tap(page, '#refund-reason-1');
  page.querySelector('#refund-note')!.dispatchEvent('input', { detail: { value: '颜色选错了' } });
  await settle();
  await tap(page, '#refund-submit');
  expect(callsOf(harness.cloudCalls, 'order.requestRefund')).toEqual([
    { action: 'order.requestRefund', orderId: order._id, reason: '拍错了/多拍了：颜色选错了' },
  ]);
  expect(page.querySelector('#refund-sheet')).toBeFalsy();
  expect(text(page, '#order-state')).toBe('退款中');
  expect(text(page, '#order-refund-status')).toBe('退款中');
  const refund = text(page, '#order-refund');
  expect(refund).toContain('拍错了/多拍了：颜色选错了');
  expect(refund).toContain(formatPrice(order.amounts.payable));
  expect(harness.toasts).toContain('退款申请已提交');
  expect(page.querySelector(`#order-request-refund-${order._id}`)).toBeFalsy();
});

test("其他 needs the buyer's words, which become the reason", async () => {
  const order = await shop.inState('SHIPPED');
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  await tap(page, `#order-request-refund-${order._id}`);
  expect(text(page, '#refund-sheet')).toContain('快递一直未送到');
  const other = page.querySelectorAll('.refund-sheet__reason').length - 1;
  await tap(page, `#refund-reason-${other}`);
  await tap(page, '#refund-submit');
  expect(harness.toasts).toContain('请填写退款原因');
  expect(callsOf(harness.cloudCalls, 'order.requestRefund')).toHaveLength(0);
  page.querySelector('#refund-note')!.dispatchEvent('input', { detail: { value: '尺码偏小' } });
  await settle();
  await tap(page, '#refund-submit');
  expect(callsOf(harness.cloudCalls, 'order.requestRefund')).toEqual([
    { action: 'order.requestRefund', orderId: order._id, reason: '尺码偏小' },
  ]);
});

test('a refunded order shows its refund with the time the money went back', async () => {
  const order = await shop.inState('REFUNDED', { refundReason: '不想要了' });
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  expect(text(page, '#order-state')).toBe('已退款');
  expect(text(page, '#order-refund-status')).toBe('已退款');
  const refund = text(page, '#order-refund');
  expect(refund).toContain('不想要了');
  expect(refund).toContain(`退款金额${formatPrice(order.amounts.payable)}`);
  expect(refund).toContain('退款时间');
});

test('a closed order paid too late says the payment went back', async () => {
  const order = await shop.inState('TO_PAY');
  const payment = await cloud.ok(buyer(), 'order.pay', { orderId: order._id });
  // The order closed here while WeChat Pay still took the buyer's money.
  await cloud.setFields('orders', order._id, { state: 'CLOSED' });
  expect(await cloud.paymentSheet('pay', payment.params as unknown as Record<string, unknown>, buyer())).toBe(
    200,
  );
  // The notice is stored as it arrives (paymentSheet waits for that); the worker's next run applies it and
  // sends the money back at once; WeChat Pay settles the refund a moment later.
  await cloud.runWorker();
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  expect(text(page, '#order-state')).toBe('已关闭');
  expect(text(page, '#order-late-payment')).toBe(
    `订单关闭后收到的支付款 ${formatPrice(order.amounts.payable)} 正在原路退回`,
  );
  // Nothing in the functions follows a late refund to its end yet: its settled status is set as that would.
  const closed = await shop.detail(order._id);
  await cloud.setFields('orders', order._id, { 'latePayment.refundStatus': 'SUCCESS' });
  expect(closed.latePayment?.refundStatus).toBe('PROCESSING');
  const settled = await harness.renderPage('package-order/detail/index', { id: order._id });
  expect(text(settled, '#order-late-payment')).toBe(
    `订单关闭后收到的支付款 ${formatPrice(order.amounts.payable)} 已原路退回`,
  );
});

test('a shipped order shows its logistics, the discount, and no countdown', async () => {
  // The newcomer coupon takes ¥5.00 off.
  const coupon = await shop.claim('ct-newcomer');
  const placed = await shop.place(undefined, coupon._id);
  expect(placed.amounts.discount).toBe(500);
  const order = await shop.ship(await shop.pay(placed), 'SF1234567890');
  // A later trace from the carrier: nothing in the shop writes one yet, so it is set as a tracking feed would.
  const [shipping] = order.logistics!.traces;
  await cloud.setFields('orders', order._id, {
    'logistics.traces': [shipping, { at: shipping.at + 600_000, text: '快件已到达杭州转运中心' }],
  });
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  expect(text(page, '#order-state')).toBe('待收货');
  expect(page.querySelector('#order-countdown')).toBeFalsy();
  const logistics = text(page, '#order-logistics');
  expect(logistics).toContain('顺丰速运 SF1234567890');
  expect(text(page, '#order-wechat-shipping')).toBe('发货信息已同步至微信');
  expect(logistics.indexOf('杭州转运中心')).toBeLessThan(logistics.indexOf('商家已发货'));
  expect(text(page, '#order-amounts')).toContain('-¥5.00');
});

test('a shipped order whose shipping information WeChat has not accepted yet says it is being sent', async () => {
  const paid = await shop.inState('PAID');
  // A transaction id WeChat Pay does not know: WeChat refuses the upload, which stays pending for the worker.
  await cloud.setFields('orders', paid._id, { 'payment.transactionId': '4200000000000000000000000001' });
  const order = await shop.ship(paid, 'ZT000000000001', 'ZTO');
  expect(order.logistics?.wechatShipping?.state).toBe('PENDING');
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  expect(text(page, '#order-wechat-shipping')).toBe('发货信息正在同步至微信');
});

test('an order of someone else (or none) reads 订单不存在', async () => {
  const theirs = await ordersOf(cloud, `${buyer()}-neighbour`).inState('TO_PAY');
  const page = await harness.renderPage('package-order/detail/index', { id: theirs._id });
  expect(textOf(page)).toContain('订单不存在');
  const none = await harness.renderPage('package-order/detail/index', { id: 'order-nope' });
  expect(textOf(none)).toContain('订单不存在');
});
