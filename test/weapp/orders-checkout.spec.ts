/**
 * 确认订单 on the sample shop: it shows what the server quoted (lines, 运费, 优惠券, 实付款), submits one order
 * however often 提交订单 is tapped, opens the payment at once, and follows the server when it refuses (no
 * address, price changed).
 */
import type { CheckoutItemRequest, Order } from '../../types';
import { formatPrice } from '../../types';
import { settle, textOf, waitFor, tap, text } from './harness';
import { callsOf } from './orders-on-cloud';
import { shopWithBuyerPerTest } from './shop-per-file';

// Each test is a buyer of its own: an empty cart, no address, no coupon, no order.
const { cloud, harness, buyer, shop } = shopWithBuyerPerTest('weapp-checkout-buyer');

const titleOf = async (productId: string) =>
  (await cloud.ok(buyer(), 'catalog.product', { productId })).product.title;
/** What the server quotes for `items` to the default address, with the coupon it suggests. */
const quote = (items: CheckoutItemRequest[]) => cloud.ok(buyer(), 'checkout.quote', { items });
/** The buyer's orders, newest first. */
const orders = async (): Promise<Order[]> => {
  const { items } = await cloud.ok(buyer(), 'order.list', { tab: 'ALL', page: 1 });
  return Promise.all(items.map((summary) => shop.detail(summary._id)));
};

/** A T-shirt ×1 (¥79.00) and a charger ×2 (¥99.00 each) selected, one unselected line that must not be bought. */
async function cartOfTwo() {
  await cloud.ok(buyer(), 'cart.add', { productId: 'p001', skuId: 'p001-s01', quantity: 1 });
  await cloud.ok(buyer(), 'cart.add', { productId: 'p011', skuId: 'p011-s03', quantity: 2 });
  const { cart } = await cloud.ok(buyer(), 'cart.add', { productId: 'p002', skuId: 'p002-s01', quantity: 1 });
  const shirt = cart.lines.find((line) => line.skuId === 'p002-s01')!;
  await cloud.ok(buyer(), 'cart.select', { lineIds: [shirt.lineId], selected: false });
}

test('from the cart: the selected lines, 商品金额, 运费, the suggested coupon and 实付款 as quoted', async () => {
  await cartOfTwo();
  await shop.addAddress();
  await shop.claim('ct-newcomer');
  const big = await shop.claim('ct-199-30');
  const page = await harness.renderPage('package-order/checkout/index', { from: 'cart' });

  const [quoteCall] = callsOf(harness.cloudCalls, 'checkout.quote');
  expect(quoteCall).toEqual({
    action: 'checkout.quote',
    items: [
      { productId: 'p011', skuId: 'p011-s03', quantity: 2 },
      { productId: 'p001', skuId: 'p001-s01', quantity: 1 },
    ],
  });
  const quoted = await quote(quoteCall.items as CheckoutItemRequest[]);
  // Over ¥199 the server suggests the bigger coupon.
  expect(quoted.couponId).toBe(big._id);

  const lines = text(page, '#checkout-lines');
  expect(lines).toContain(await titleOf('p001'));
  expect(lines).toContain(await titleOf('p011'));
  expect(lines).not.toContain(await titleOf('p002'));
  expect(lines).toContain('颜色:白色 尺码:S');
  expect(lines).toContain('×2');
  expect(text(page, '#checkout-items-total')).toContain(formatPrice(quoted.itemsTotal));
  expect(text(page, '#checkout-shipping')).toContain(
    quoted.shippingFee === 0 ? '免运费' : formatPrice(quoted.shippingFee),
  );
  expect(text(page, '#checkout-coupon')).toContain('-¥30.00');
  expect(text(page, '#checkout-payable')).toBe(formatPrice(quoted.payable));
  expect(text(page, '#address-card')).toContain('王小明');
  expect(text(page, '#address-card')).toContain('浙江省 杭州市 西湖区 文三路 100 号');
});

test('below the free-shipping threshold the quote charges shipping, and the page shows it', async () => {
  await shop.addAddress();
  const page = await harness.renderPage('package-order/checkout/index', {
    productId: 'p001',
    skuId: 'p001-s01',
    quantity: '1',
  });
  expect(callsOf(harness.cloudCalls, 'checkout.quote')[0]).toEqual({
    action: 'checkout.quote',
    items: [{ productId: 'p001', skuId: 'p001-s01', quantity: 1 }],
  });
  const quoted = await quote([{ productId: 'p001', skuId: 'p001-s01', quantity: 1 }]);
  expect(quoted.shippingFee).toBe(1000);
  expect(text(page, '#checkout-shipping')).toContain('¥10.00');
  expect(text(page, '#checkout-payable')).toBe(formatPrice(7900 + 1000));
  // The hint under 运费 is the threshold the fee was charged by: ¥99.00 − ¥79.00.
  expect(quoted.shipping).toEqual({ baseFee: 1000, freeFrom: 9900 });
  expect(text(page, '#checkout-shipping-hint')).toContain('再买 ¥20.00 包邮');
});

test('at the free-shipping threshold 运费 says 免运费 and no 再买 hint is shown', async () => {
  await shop.addAddress();
  const page = await harness.renderPage('package-order/checkout/index', {
    productId: 'p001',
    skuId: 'p001-s01',
    quantity: '2',
  });
  expect(text(page, '#checkout-shipping')).toContain('免运费');
  expect(page.querySelector('#checkout-shipping-hint')).toBeFalsy();
});

test('tapping 提交订单 twice quickly creates one order and one payment, then opens 支付成功', async () => {
  await cartOfTwo();
  const address = await shop.addAddress();
  const newcomer = await shop.claim('ct-newcomer');
  const page = await harness.renderPage('package-order/checkout/index', { from: 'cart' });
  const items = callsOf(harness.cloudCalls, 'checkout.quote')[0].items as CheckoutItemRequest[];
  const { payable } = await quote(items);

  const submit = page.querySelector('#checkout-submit')!;
  submit.dispatchEvent('tap');
  submit.dispatchEvent('tap');
  await settle();
  submit.dispatchEvent('tap');
  await settle();

  const creates = callsOf(harness.cloudCalls, 'order.create');
  expect(creates).toHaveLength(1);
  expect(creates[0]).toMatchObject({
    addressId: address._id,
    couponId: newcomer._id,
    expectedPayable: payable,
    fromCart: true,
  });
  expect(String(creates[0].requestId)).toMatch(/^[0-9A-Za-z_-]{8,64}$/);
  const placed = await orders();
  expect(placed).toHaveLength(1);
  expect(callsOf(harness.cloudCalls, 'order.pay')).toEqual([{ action: 'order.pay', orderId: placed[0]._id }]);
  expect(harness.payments).toHaveLength(1);
  expect(harness.navigations).toContain(`/package-order/paid/index?id=${placed[0]._id}`);
  // Bought from the cart: the bought lines left it, the unselected one stayed.
  const cart = await cloud.ok(buyer(), 'cart.list', {});
  expect(cart.lines.map((line) => line.skuId)).toEqual(['p002-s01']);
});

test('提交订单 opens the payment at once: paid, 支付成功 shows the amount, 查看订单 (待发货), 继续逛 and 猜你喜欢', async () => {
  await shop.addAddress();
  const page = await harness.renderPage('package-order/checkout/index', {
    productId: 'p001',
    skuId: 'p001-s01',
    quantity: '1',
  });
  await tap(page, '#checkout-submit');
  const [order] = await orders();
  expect(callsOf(harness.cloudCalls, 'order.pay')).toEqual([{ action: 'order.pay', orderId: order._id }]);
  expect(harness.payments).toEqual([
    expect.objectContaining({ package: `prepay_id=${order.payment?.prepayId}` }),
  ]);
  expect(order.state).toBe('PAID');
  expect(harness.navigations).toEqual([`/package-order/paid/index?id=${order._id}`]);

  const paid = await harness.renderPage('package-order/paid/index', { id: order._id });
  await waitFor(() => Boolean(paid.querySelector('#paid-amount')), 'the amount paid');
  expect(textOf(paid.querySelector('#paid-page')!)).toContain('支付成功');
  expect(textOf(paid.querySelector('#paid-amount')!)).toBe(`实付 ${formatPrice(order.amounts.payable)}`);
  await waitFor(() => paid.querySelectorAll('#recommend-grid .product-card').length > 0, '猜你喜欢');
  expect(callsOf(harness.cloudCalls, 'catalog.recommend').at(-1)).toEqual({ action: 'catalog.recommend' });

  await tap(paid, '#paid-view-order');
  expect(harness.navigations.at(-1)).toBe(`/package-order/detail/index?id=${order._id}`);
  const detail = await harness.renderPage('package-order/detail/index', { id: order._id });
  expect(textOf(detail.querySelector('#order-state')!)).toBe('待发货');
  await tap(paid, '#paid-continue');
  expect(harness.navigations.at(-1)).toBe('/pages/index/index');
});

test('the sheet closed after 提交订单: no alarm, and the detail opens on the order, still 待付款', async () => {
  harness.setPaymentSheet('cancel');
  await shop.addAddress();
  const page = await harness.renderPage('package-order/checkout/index', {
    productId: 'p001',
    skuId: 'p001-s01',
    quantity: '1',
  });
  await tap(page, '#checkout-submit');
  const [order] = await orders();
  expect(harness.payments).toHaveLength(1);
  expect(order.state).toBe('TO_PAY');
  expect(harness.navigations).toEqual([`/package-order/detail/index?id=${order._id}`]);
  const detail = await harness.renderPage('package-order/detail/index', { id: order._id });
  expect(textOf(detail.querySelector('#order-state')!)).toBe('待付款');
  expect(detail.querySelector(`#order-pay-${order._id}`)).toBeTruthy();
  expect(harness.toasts).toEqual([]);
});

test('a failed payment after 提交订单 says 支付失败，请重试 and opens the unpaid order', async () => {
  harness.setPaymentSheet('fail');
  await shop.addAddress();
  const page = await harness.renderPage('package-order/checkout/index', {
    productId: 'p001',
    skuId: 'p001-s01',
    quantity: '1',
  });
  await tap(page, '#checkout-submit');
  const [order] = await orders();
  expect(harness.navigations).toEqual([`/package-order/detail/index?id=${order._id}`]);
  const detail = await harness.renderPage('package-order/detail/index', { id: order._id });
  expect(textOf(detail.querySelector('#order-state')!)).toBe('待付款');
  expect(harness.toasts).toEqual(['支付失败，请重试']);
});

test('PRICE_CHANGED: the page quotes again, shows the new payable, and a retry keeps the request id', async () => {
  await shop.addAddress();
  // A SKU of its own, so that its new price touches no other test.
  const query = { productId: 'p001', skuId: 'p001-s04', quantity: '2' };
  const page = await harness.renderPage('package-order/checkout/index', query);
  const before = text(page, '#checkout-payable');

  // The merchant changes the price after the quote on screen.
  await cloud.setFields('skus', 'p001-s04', { price: 7950 });
  await tap(page, '#checkout-submit');
  const quotes = callsOf(harness.cloudCalls, 'checkout.quote');
  expect(quotes).toHaveLength(2);
  const after = text(page, '#checkout-payable');
  expect(after).not.toBe(before);
  expect(after).toBe(formatPrice(2 * 7950)); // free shipping from ¥99
  expect(await orders()).toHaveLength(0);

  await tap(page, '#checkout-submit');
  const creates = callsOf(harness.cloudCalls, 'order.create');
  expect(creates).toHaveLength(2);
  expect(creates[1].requestId).toBe(creates[0].requestId);
  expect(creates[1].expectedPayable).not.toBe(creates[0].expectedPayable);
  expect(await orders()).toHaveLength(1);
});

test('a failed submit (network) leaves the button usable, and the retry sends the same request id', async () => {
  await shop.addAddress();
  const page = await harness.renderPage('package-order/checkout/index', {
    productId: 'p001',
    skuId: 'p001-s01',
    quantity: '1',
  });
  // The first order.create never reaches the cloud: wx.cloud.callFunction fails as it does offline.
  let lost = false;
  harness.setCloudResponder(({ name, data }) => {
    if (data.action === 'order.create' && !lost) {
      lost = true;
      throw new Error('cloud.callFunction:fail request:fail');
    }
    return cloud.call(name, data, buyer());
  });
  await tap(page, '#checkout-submit');
  expect(harness.toasts).toContain('网络不太给力，请稍后重试');
  expect(text(page, '#checkout-submit')).toBe('提交订单');
  await tap(page, '#checkout-submit');
  const creates = callsOf(harness.cloudCalls, 'order.create');
  expect(creates).toHaveLength(2);
  expect(creates[1].requestId).toBe(creates[0].requestId);
  expect(await orders()).toHaveLength(1);
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
  await shop.addAddress();
  await cloud.ok(buyer(), 'cart.add', { productId: 'p001', skuId: 'p001-s01', quantity: 1 });
  await cloud.ok(buyer(), 'cart.add', { productId: 'p002', skuId: 'p002-s03', quantity: 4 }); // stock 5
  const page = await harness.renderPage('package-order/checkout/index', { from: 'cart' });
  expect(callsOf(harness.cloudCalls, 'checkout.quote')).toHaveLength(1);
  // Stock drops to 3 between the quote and the order (others bought): the server's answer decides.
  await cloud.setFields('skus', 'p002-s03', { stock: 3 });
  await tap(page, '#checkout-submit'); // refused: the page quotes again, and the quote shows the problem
  expect(text(page, '#order-item-p002-s03')).toContain('库存不足，仅剩 3 件');
  expect(text(page, '#checkout-notice-lines')).toContain('部分商品暂时无法购买');

  await tap(page, '#checkout-drop-lines');
  const last = callsOf(harness.cloudCalls, 'checkout.quote').at(-1)!;
  expect(last.items).toEqual([{ productId: 'p001', skuId: 'p001-s01', quantity: 1 }]);
  expect(page.querySelector('#order-item-p002-s03')).toBeFalsy();
});

test('the coupon sheet lists usable coupons with their discount, unusable ones with the reason, and 不使用', async () => {
  await shop.addAddress();
  const newcomer = await shop.claim('ct-newcomer');
  const big = await shop.claim('ct-199-30');
  const page = await harness.renderPage('package-order/checkout/index', {
    productId: 'p001',
    skuId: 'p001-s01',
    quantity: '1',
  });
  await tap(page, '#checkout-coupon');
  const sheet = text(page, '#coupon-sheet');
  expect(sheet).toContain('可用优惠券（1）');
  expect(text(page, `#coupon-choice-${newcomer._id}`)).toContain('本单可减 ¥5.00');
  expect(text(page, `#coupon-choice-${big._id}`)).toContain('订单商品未满¥199');

  await tap(page, '#coupon-none');
  expect(callsOf(harness.cloudCalls, 'checkout.quote').at(-1)).toMatchObject({ couponId: null });
  expect(page.querySelector('#coupon-sheet')).toBeFalsy();
  expect(text(page, '#checkout-coupon')).toContain('1 张可用');
  expect(text(page, '#checkout-payable')).toBe(formatPrice(7900 + 1000));
});

test('去领券: the coupon sheet offers claimable coupons that apply; one claimed in place is applied at once', async () => {
  await shop.addAddress();
  const page = await harness.renderPage('package-order/checkout/index', {
    productId: 'p001',
    skuId: 'p001-s01',
    quantity: '3',
  });
  expect(text(page, '#checkout-coupon')).toContain('暂无优惠券');
  await tap(page, '#checkout-coupon');
  await waitFor(() => Boolean(page.querySelector('#coupon-offers')), 'the offers');
  expect(callsOf(harness.cloudCalls, 'coupon.forOrder')).toEqual([
    { action: 'coupon.forOrder', items: [{ productId: 'p001', skuId: 'p001-s01', quantity: 3 }] },
  ]);
  expect(text(page, '#coupon-offers')).toBe('可领优惠券（3）');
  expect(text(page, '#coupon-offer-ct-199-30')).toContain('领取后本单可减 ¥30.00');
  expect(page.querySelector('#coupon-offer-ct-beauty-90')).toBeFalsy();

  await tap(page, '#coupon-offer-claim-ct-199-30');
  await waitFor(() => !page.querySelector('#coupon-sheet'), 'the sheet to close');
  await waitFor(() => text(page, '#checkout-coupon').includes('-¥30.00'), 'the coupon applied');
  const { coupons } = await cloud.ok(buyer(), 'coupon.mine', {});
  expect(coupons.map((coupon) => coupon.templateId)).toEqual(['ct-199-30']);
  expect(callsOf(harness.cloudCalls, 'checkout.quote').at(-1)).toMatchObject({ couponId: coupons[0]._id });
  const applied = await cloud.ok(buyer(), 'checkout.quote', {
    items: [{ productId: 'p001', skuId: 'p001-s01', quantity: 3 }],
    couponId: coupons[0]._id,
  });
  expect(applied.discount).toBe(3000);
  expect(text(page, '#checkout-payable')).toBe(formatPrice(applied.payable));
});
