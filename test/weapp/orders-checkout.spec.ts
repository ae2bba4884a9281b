/**
 * 确认订单 on the sample shop: it shows what the server quoted (lines, 运费, 优惠券, 实付款), submits one order
 * however often 提交订单 is tapped, opens the payment at once, and follows the server when it refuses (no
 * address, price changed).
 */
import { formatPrice } from '../../types';
import { createWeappHarness, settle, textOf, type RenderedPage, type WeappHarness, tap } from './harness';
import { bigCoupon, callsOf, newcomerCoupon, ShopFixtures } from './orders-fixtures';

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

/** A T-shirt ×1 (¥79.00) and a charger ×2 selected, one unselected line that must not be bought. */
function cartOfTwo() {
  shop.catalog.addLine('p001', 'p001-s01', 1);
  shop.catalog.addLine('p011', shop.catalog.skusOf('p011')[0]._id, 2);
  shop.catalog.addLine('p002', 'p002-s01', 1, false);
}

test('from the cart: the selected lines, 商品金额, 运费, the suggested coupon and 实付款 as quoted', async () => {
  cartOfTwo();
  shop.addAddress();
  shop.coupons = [newcomerCoupon(), bigCoupon()];
  const page = await harness.renderPage('package-order/checkout/index', { from: 'cart' });

  const [quoteCall] = callsOf(harness.cloudCalls, 'checkout.quote');
  const charger = shop.catalog.skusOf('p011')[0];
  expect(quoteCall).toEqual({
    action: 'checkout.quote',
    items: [
      { productId: 'p011', skuId: charger._id, quantity: 2 },
      { productId: 'p001', skuId: 'p001-s01', quantity: 1 },
    ],
  });
  const quote = shop.quote(quoteCall.items as never);
  // Over ¥199 the server suggests the bigger coupon.
  expect(quote.couponId).toBe('uc-199-30');

  const lines = text(page, '#checkout-lines');
  expect(lines).toContain(shop.catalog.product('p001').title);
  expect(lines).toContain(shop.catalog.product('p011').title);
  expect(lines).not.toContain(shop.catalog.product('p002').title);
  expect(lines).toContain('颜色:白色 尺码:S');
  expect(lines).toContain('×2');
  expect(text(page, '#checkout-items-total')).toContain(formatPrice(quote.itemsTotal));
  expect(text(page, '#checkout-shipping')).toContain(
    quote.shippingFee === 0 ? '免运费' : formatPrice(quote.shippingFee),
  );
  expect(text(page, '#checkout-coupon')).toContain('-¥30.00');
  expect(text(page, '#checkout-payable')).toBe(formatPrice(quote.payable));
  expect(text(page, '#address-card')).toContain('王小明');
  expect(text(page, '#address-card')).toContain('浙江省 杭州市 西湖区 文三路 100 号');
});

test('below the free-shipping threshold the quote charges shipping, and the page shows it', async () => {
  shop.addAddress();
  const page = await harness.renderPage('package-order/checkout/index', {
    productId: 'p001',
    skuId: 'p001-s01',
    quantity: '1',
  });
  expect(callsOf(harness.cloudCalls, 'checkout.quote')[0]).toEqual({
    action: 'checkout.quote',
    items: [{ productId: 'p001', skuId: 'p001-s01', quantity: 1 }],
  });
  const quote = shop.quote([{ productId: 'p001', skuId: 'p001-s01', quantity: 1 }]);
  expect(quote.shippingFee).toBe(1000);
  expect(text(page, '#checkout-shipping')).toContain('¥10.00');
  expect(text(page, '#checkout-payable')).toBe(formatPrice(7900 + 1000));
});

test('tapping 提交订单 twice quickly creates one order and one payment, then opens its detail', async () => {
  cartOfTwo();
  shop.addAddress();
  shop.coupons = [newcomerCoupon()];
  const page = await harness.renderPage('package-order/checkout/index', { from: 'cart' });
  const payable = shop.quote(callsOf(harness.cloudCalls, 'checkout.quote')[0].items as never).payable;

  const submit = page.querySelector('#checkout-submit')!;
  submit.dispatchEvent('tap');
  submit.dispatchEvent('tap');
  await settle();
  submit.dispatchEvent('tap');
  await settle();

  const creates = callsOf(harness.cloudCalls, 'order.create');
  expect(creates).toHaveLength(1);
  expect(creates[0]).toMatchObject({
    addressId: shop.addresses[0]._id,
    couponId: 'uc-newcomer',
    expectedPayable: payable,
    fromCart: true,
  });
  expect(String(creates[0].requestId)).toMatch(/^[0-9A-Za-z_-]{8,64}$/);
  expect(callsOf(harness.cloudCalls, 'order.pay')).toEqual([
    { action: 'order.pay', orderId: shop.orders[0]._id },
  ]);
  expect(harness.payments).toHaveLength(1);
  expect(harness.navigations).toContain(`/package-order/detail/index?id=${shop.orders[0]._id}`);
});

test('提交订单 opens the payment at once: paid, the order opens as 待发货 and says 支付成功', async () => {
  shop.addAddress();
  const page = await harness.renderPage('package-order/checkout/index', {
    productId: 'p001',
    skuId: 'p001-s01',
    quantity: '1',
  });
  await tap(page, '#checkout-submit');
  const [order] = shop.orders;
  expect(callsOf(harness.cloudCalls, 'order.pay')).toEqual([{ action: 'order.pay', orderId: order._id }]);
  expect(harness.payments).toEqual([expect.objectContaining({ package: `prepay_id=wx${order.orderNo}` })]);
  expect(order.state).toBe('PAID');
  expect(harness.navigations).toEqual([`/package-order/detail/index?id=${order._id}`]);
  // The detail tells how it went: a toast shown before the page changes would be hidden in H5.
  const detail = await harness.renderPage('package-order/detail/index', { id: order._id });
  expect(textOf(detail.querySelector('#order-state')!)).toBe('待发货');
  expect(harness.toasts).toEqual(['支付成功']);
});

test('the sheet closed after 提交订单: no alarm, and the detail opens on the order, still 待付款', async () => {
  harness.setPaymentSheet('cancel', shop.sheetPaid);
  shop.addAddress();
  const page = await harness.renderPage('package-order/checkout/index', {
    productId: 'p001',
    skuId: 'p001-s01',
    quantity: '1',
  });
  await tap(page, '#checkout-submit');
  const [order] = shop.orders;
  expect(harness.payments).toHaveLength(1);
  expect(order.state).toBe('TO_PAY');
  expect(harness.navigations).toEqual([`/package-order/detail/index?id=${order._id}`]);
  const detail = await harness.renderPage('package-order/detail/index', { id: order._id });
  expect(textOf(detail.querySelector('#order-state')!)).toBe('待付款');
  expect(detail.querySelector(`#order-pay-${order._id}`)).toBeTruthy();
  expect(harness.toasts).toEqual([]);
});

test('a failed payment after 提交订单 says 支付失败，请重试 and opens the unpaid order', async () => {
  harness.setPaymentSheet('fail', shop.sheetPaid);
  shop.addAddress();
  const page = await harness.renderPage('package-order/checkout/index', {
    productId: 'p001',
    skuId: 'p001-s01',
    quantity: '1',
  });
  await tap(page, '#checkout-submit');
  const [order] = shop.orders;
  expect(harness.navigations).toEqual([`/package-order/detail/index?id=${order._id}`]);
  const detail = await harness.renderPage('package-order/detail/index', { id: order._id });
  expect(textOf(detail.querySelector('#order-state')!)).toBe('待付款');
  expect(harness.toasts).toEqual(['支付失败，请重试']);
});

test('PRICE_CHANGED: the page quotes again, shows the new payable, and a retry keeps the request id', async () => {
  shop.addAddress();
  const query = { productId: 'p001', skuId: 'p001-s01', quantity: '2' };
  const page = await harness.renderPage('package-order/checkout/index', query);
  const before = text(page, '#checkout-payable');

  shop.priceDrift = 100; // the server's price moved after the quote on screen
  await tap(page, '#checkout-submit');
  const quotes = callsOf(harness.cloudCalls, 'checkout.quote');
  expect(quotes).toHaveLength(2);
  const after = text(page, '#checkout-payable');
  expect(after).not.toBe(before);
  expect(shop.orders).toHaveLength(0);

  await tap(page, '#checkout-submit');
  const creates = callsOf(harness.cloudCalls, 'order.create');
  expect(creates).toHaveLength(2);
  expect(creates[1].requestId).toBe(creates[0].requestId);
  expect(creates[1].expectedPayable).not.toBe(creates[0].expectedPayable);
  expect(shop.orders).toHaveLength(1);
});

test('a failed submit (network) leaves the button usable, and the retry sends the same request id', async () => {
  shop.addAddress();
  const page = await harness.renderPage('package-order/checkout/index', {
    productId: 'p001',
    skuId: 'p001-s01',
    quantity: '1',
  });
  shop.refuseNextCreate = 'NETWORK';
  await tap(page, '#checkout-submit');
  expect(harness.toasts).toContain('网络不太给力，请稍后重试');
  expect(text(page, '#checkout-submit')).toBe('提交订单');
  await tap(page, '#checkout-submit');
  const creates = callsOf(harness.cloudCalls, 'order.create');
  expect(creates).toHaveLength(2);
  expect(creates[1].requestId).toBe(creates[0].requestId);
});

test('without an address it asks for one and never calls order.create', async () => {
  const page = await harness.renderPage('package-order/checkout/index', {
    productId: 'p001',
    skuId: 'p001-s01',
    quantity: '1',
  });
  expect(text(page, '#address-card')).toContain('请添加收货地址');
  await tap(page, '#checkout-submit');
  expect(harness.toasts).toContain('请选择收货地址');
  expect(callsOf(harness.cloudCalls, 'order.create')).toHaveLength(0);
  await tap(page, '#address-card');
  expect(harness.navigations.at(-1)).toBe('/package-user/address/index?mode=choose');
});

test('a line short of stock is marked with what is left and can be removed to go on', async () => {
  shop.addAddress();
  shop.catalog.addLine('p001', 'p001-s01', 1);
  shop.catalog.addLine('p002', 'p002-s03', 4); // stock 5
  const page = await harness.renderPage('package-order/checkout/index', { from: 'cart' });
  expect(callsOf(harness.cloudCalls, 'checkout.quote')).toHaveLength(1);
  // Stock drops to 3 between the cart and the quote: the server's answer decides.
  shop.catalog.seed.skus.find((s) => s._id === 'p002-s03')!.stock = 3;
  await tap(page, '#checkout-submit'); // refused: the page quotes again, and the quote shows the problem
  expect(text(page, '#order-item-p002-s03')).toContain('库存不足，仅剩 3 件');
  expect(text(page, '#checkout-notice-lines')).toContain('部分商品暂时无法购买');

  await tap(page, '#checkout-drop-lines');
  const last = callsOf(harness.cloudCalls, 'checkout.quote').at(-1)!;
  expect(last.items).toEqual([{ productId: 'p001', skuId: 'p001-s01', quantity: 1 }]);
  expect(page.querySelector('#order-item-p002-s03')).toBeFalsy();
});

test('the coupon sheet lists usable coupons with their discount, unusable ones with the reason, and 不使用', async () => {
  shop.addAddress();
  shop.coupons = [newcomerCoupon(), bigCoupon()];
  const page = await harness.renderPage('package-order/checkout/index', {
    productId: 'p001',
    skuId: 'p001-s01',
    quantity: '1',
  });
  await tap(page, '#checkout-coupon');
  const sheet = text(page, '#coupon-sheet');
  expect(sheet).toContain('可用优惠券（1）');
  expect(text(page, '#coupon-choice-uc-newcomer')).toContain('本单可减 ¥5.00');
  expect(text(page, '#coupon-choice-uc-199-30')).toContain('订单商品未满¥199');

  await tap(page, '#coupon-none');
  expect(callsOf(harness.cloudCalls, 'checkout.quote').at(-1)).toMatchObject({ couponId: null });
  expect(page.querySelector('#coupon-sheet')).toBeFalsy();
  expect(text(page, '#checkout-coupon')).toContain('1 张可用');
  expect(text(page, '#checkout-payable')).toBe(formatPrice(7900 + 1000));
});
