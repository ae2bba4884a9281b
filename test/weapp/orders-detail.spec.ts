/**
 * 订单详情: the state with a live countdown while unpaid, address, items and amounts, 取消订单, 去支付 through
 * WeChat's sheet (paid, closed, failed, refused, confirming), 确认收货, 申请售后 with its sheet, and the refund and
 * late-payment sections.
 */
import { formatPrice } from '../../types';
import {
  createWeappHarness,
  settle,
  tap,
  textOf,
  waitFor,
  type RenderedPage,
  type WeappHarness,
} from './harness';
import { callsOf, ShopFixtures } from './orders-fixtures';

let harness: WeappHarness;
let shop: ShopFixtures;

beforeAll(() => {
  harness = createWeappHarness();
});

beforeEach(() => {
  shop = new ShopFixtures();
  harness.setCloudResponder(shop.answer);
  harness.clearRecords();
  harness.setPaymentSheet('pay', shop.sheetPaid);
});

const text = (page: RenderedPage, selector: string) => textOf(page.querySelector(selector)!);

function secondsOf(countdown: string): number {
  const match = /剩余 (\d{2}):(\d{2}) 自动关闭/.exec(countdown);
  if (!match) throw new Error(`no countdown in ${countdown}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

test('an unpaid order shows 待付款 and a countdown to its expiry that ticks', async () => {
  // The page's clock is held still by the test and moved by exactly one second.
  let pageNow = Date.now();
  const clock = jest.spyOn(Date, 'now').mockImplementation(() => pageNow);
  const order = shop.makeOrder('TO_PAY', { expiresAt: pageNow + 10 * 60 * 1000 });
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  expect(callsOf(harness.cloudCalls, 'order.detail')).toEqual([
    { action: 'order.detail', orderId: order._id },
  ]);
  expect(text(page, '#order-state')).toBe('待付款');
  expect(secondsOf(text(page, '#order-countdown'))).toBe(10 * 60);
  pageNow += 1000;
  // The countdown re-reads the clock on its next tick.
  await waitFor(() => secondsOf(text(page, '#order-countdown')) !== 10 * 60, 'the countdown to tick');
  expect(secondsOf(text(page, '#order-countdown'))).toBe(10 * 60 - 1);
  clock.mockRestore();

  expect(text(page, '#address-card')).toContain('王小明');
  expect(text(page, '#order-items')).toContain(shop.catalog.product('p001').title);
  expect(text(page, '#order-amounts')).toContain(formatPrice(order.amounts.itemsTotal));
  expect(text(page, '#order-payable')).toBe(formatPrice(order.amounts.payable));
  expect(text(page, '#order-info')).toContain(order.orderNo);
  expect(text(page, '#order-timeline')).toContain('提交订单');
});

test('取消订单 asks, calls order.cancel and shows the order as cancelled, without a countdown', async () => {
  const order = shop.makeOrder('TO_PAY');
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  await tap(page, `#order-cancel-${order._id}`);
  expect(callsOf(harness.cloudCalls, 'order.cancel')).toEqual([
    { action: 'order.cancel', orderId: order._id },
  ]);
  expect(text(page, '#order-state')).toBe('已取消');
  expect(page.querySelector('#order-countdown')).toBeFalsy();
  expect(text(page, '#order-timeline')).toContain('订单已取消');
  expect(harness.toasts).toContain('订单已取消');
});

test("去支付 calls order.pay, opens WeChat's sheet with the signed parameters and shows the paid order as 待发货", async () => {
  const order = shop.makeOrder('TO_PAY');
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  await tap(page, `#order-pay-${order._id}`);
  expect(callsOf(harness.cloudCalls, 'order.pay')).toEqual([{ action: 'order.pay', orderId: order._id }]);
  expect(harness.payments).toEqual([
    expect.objectContaining({
      package: `prepay_id=wx${order.orderNo}`,
      signType: 'RSA',
      paySign: 'signature',
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
  const order = shop.makeOrder('TO_PAY');
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
  harness.setPaymentSheet('cancel', shop.sheetPaid);
  const order = shop.makeOrder('TO_PAY');
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  await tap(page, `#order-pay-${order._id}`);
  expect(harness.payments).toHaveLength(1);
  expect(text(page, '#order-state')).toBe('待付款');
  expect(page.querySelector('#order-countdown')).toBeTruthy();
  expect(harness.toasts).toEqual([]);
  expect(page.querySelector(`#order-pay-${order._id}`)).toBeTruthy();
});

test('a failed payment says 支付失败，请重试 and 去支付 can be tapped again', async () => {
  harness.setPaymentSheet('fail', shop.sheetPaid);
  const order = shop.makeOrder('TO_PAY');
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  await tap(page, `#order-pay-${order._id}`);
  expect(harness.toasts).toEqual(['支付失败，请重试']);
  expect(text(page, '#order-state')).toBe('待付款');

  harness.setPaymentSheet('pay', shop.sheetPaid);
  await tap(page, `#order-pay-${order._id}`);
  expect(callsOf(harness.cloudCalls, 'order.pay')).toHaveLength(2);
  expect(text(page, '#order-state')).toBe('待发货');
});

test('order.pay refused with ORDER_EXPIRED: 订单已超时, no sheet, and the order is read again', async () => {
  const order = shop.makeOrder('TO_PAY');
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  shop.refuseNextPay = 'ORDER_EXPIRED';
  order.state = 'CLOSED'; // what the server did when it refused
  await tap(page, `#order-pay-${order._id}`);
  expect(harness.toasts).toEqual(['订单已超时']);
  expect(harness.payments).toHaveLength(0);
  expect(callsOf(harness.cloudCalls, 'order.detail')).toHaveLength(2);
  expect(text(page, '#order-state')).toBe('已关闭');
});

test('opened while a payment is confirmed (?paying=1): 支付结果确认中 without 去支付, then 待发货 once it reads paid', async () => {
  const order = shop.makeOrder('TO_PAY');
  const page = await harness.renderPage('package-order/detail/index', { id: order._id, paying: '1' });
  expect(text(page, '#order-state')).toBe('支付结果确认中');
  expect(page.querySelector('#order-countdown')).toBeFalsy();
  expect(page.querySelector(`#order-pay-${order._id}`)).toBeFalsy();
  expect(page.querySelector(`#order-cancel-${order._id}`)).toBeFalsy();

  await tap(page, '#order-refresh-payment'); // still unpaid
  expect(callsOf(harness.cloudCalls, 'order.detail')).toHaveLength(2);
  expect(text(page, '#order-state')).toBe('支付结果确认中');

  Object.assign(order, { state: 'PAID', paidAt: Date.now() }); // the notice arrived meanwhile
  await tap(page, '#order-refresh-payment');
  expect(text(page, '#order-state')).toBe('待发货');
  expect(harness.toasts).toContain('支付成功');
  expect(page.querySelector('#order-refresh-payment')).toBeFalsy();
});

test('确认收货 asks, calls order.receive and shows the order as 已收货', async () => {
  const order = shop.makeOrder('SHIPPED');
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
  const order = shop.makeOrder('PAID');
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
  const order = shop.makeOrder('SHIPPED');
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
  const refundedAt = Date.now() - 60_000;
  const order = shop.makeOrder('REFUNDED');
  order.refund = {
    fromState: 'PAID',
    reason: '不想要了',
    amount: order.amounts.payable,
    requestedAt: refundedAt - 3600_000,
    refundedAt,
  };
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  expect(text(page, '#order-state')).toBe('已退款');
  expect(text(page, '#order-refund-status')).toBe('已退款');
  const refund = text(page, '#order-refund');
  expect(refund).toContain('不想要了');
  expect(refund).toContain(`退款金额${formatPrice(order.amounts.payable)}`);
  expect(refund).toContain('退款时间');
});

test('a closed order paid too late says the payment went back', async () => {
  const order = shop.makeOrder('CLOSED', { closedAt: Date.now() - 60_000 });
  order.latePayment = {
    transactionId: '4200000001',
    amount: order.amounts.payable,
    outRefundNo: 'LATE-1',
    refundStatus: 'SUCCESS',
    at: Date.now() - 30_000,
  };
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  expect(text(page, '#order-state')).toBe('已关闭');
  expect(text(page, '#order-late-payment')).toBe(
    `订单关闭后收到的支付款 ${formatPrice(order.amounts.payable)} 已原路退回`,
  );
});

test('a shipped order shows its logistics, the discount, and no countdown', async () => {
  const order = shop.makeOrder('SHIPPED', {
    logistics: {
      company: '顺丰速运',
      expressCompany: 'SF',
      trackingNo: 'SF1234567890',
      wechatShipping: { state: 'ACCEPTED', attempts: 1, acceptedAt: Date.now() - 3600_000 },
      traces: [
        { at: Date.now() - 3600_000, text: '快件已揽收' },
        { at: Date.now() - 600_000, text: '快件已到达杭州转运中心' },
      ],
    },
  });
  order.amounts = { ...order.amounts, discount: 500, payable: order.amounts.payable - 500 };
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  expect(text(page, '#order-state')).toBe('待收货');
  expect(page.querySelector('#order-countdown')).toBeFalsy();
  const logistics = text(page, '#order-logistics');
  expect(logistics).toContain('顺丰速运 SF1234567890');
  expect(text(page, '#order-wechat-shipping')).toBe('发货信息已同步至微信');
  expect(logistics.indexOf('杭州转运中心')).toBeLessThan(logistics.indexOf('已揽收'));
  expect(text(page, '#order-amounts')).toContain('-¥5.00');
});

test('a shipped order whose shipping information WeChat has not accepted yet says it is being sent', async () => {
  const order = shop.makeOrder('SHIPPED', {
    logistics: {
      company: '中通快递',
      expressCompany: 'ZTO',
      trackingNo: 'ZT000000000001',
      wechatShipping: { state: 'PENDING', attempts: 1, nextAttemptAt: Date.now() + 60_000 },
      traces: [],
    },
  });
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  expect(text(page, '#order-wechat-shipping')).toBe('发货信息正在同步至微信');
});

test('an order of someone else (or none) reads 订单不存在', async () => {
  const page = await harness.renderPage('package-order/detail/index', { id: 'order-nope' });
  expect(textOf(page)).toContain('订单不存在');
});

test('paying asks for the shop’s subscribe messages in the payment’s callback and records what the buyer accepted', async () => {
  const templates = [
    { event: 'shipped', templateId: 'TPL_shipped_0000000001' },
    { event: 'closingSoon', templateId: 'TPL_closing_0000000003' },
  ];
  harness.setCloudResponder((call) =>
    call.data.action === 'message.templates'
      ? { ok: true, data: { templates } }
      : call.data.action === 'message.subscribe'
        ? { ok: true, data: { recorded: ['shipped', 'closingSoon'] } }
        : shop.answer(call),
  );
  const order = shop.makeOrder('TO_PAY');
  const page = await harness.renderPage('package-order/detail/index', { id: order._id });
  await tap(page, `#order-pay-${order._id}`);
  await waitFor(() => text(page, '#order-state') === '待发货', 'the paid order');
  expect(harness.subscribeAsks).toEqual([['TPL_shipped_0000000001', 'TPL_closing_0000000003']]);
  expect(callsOf(harness.cloudCalls, 'message.subscribe')).toEqual([
    { action: 'message.subscribe', accepted: ['TPL_shipped_0000000001', 'TPL_closing_0000000003'] },
  ]);
});
