/**
 * 购物车 on the real functions and the sample shop: the total follows the stepper and the check boxes, 失效商品 sit apart and never
 * count, and the tab badge follows the cart.
 */
import { formatPrice } from '../../types';
import { settle, tap, textOf, waitFor, type RenderedPage } from './harness';
import type { CartLineView, CartView } from '../../types';
import { shopWithBuyerPerTest } from './shop-per-file';

// Each test starts with an empty cart of its own.
const { cloud, harness, buyer } = shopWithBuyerPerTest('weapp-cart-buyer');
// 猜你喜欢 reads the lists the worker computes.
beforeAll(() => cloud.runWorker());

const total = (page: RenderedPage) => textOf(page.querySelector('#cart-total')!);
const cartView = (): Promise<CartView> => cloud.ok(buyer(), 'cart.list', {});
const priceOf = async (productId: string, skuId: string) =>
  (await cloud.ok(buyer(), 'catalog.product', { productId })).skus.find((s) => s._id === skuId)!.price;

async function addLine(productId: string, skuId: string, quantity: number): Promise<CartLineView> {
  const { cart } = await cloud.ok(buyer(), 'cart.add', { productId, skuId, quantity });
  const line = cart.lines.find((l) => l.skuId === skuId);
  if (!line) throw new Error(`no line for ${skuId}`);
  return line;
}

/** A T-shirt (¥79.00) ×1 and a charger ×2, a line of a product taken off sale and one short of stock. */
async function fillCart() {
  const shirt = await addLine('p001', 'p001-s01', 1);
  const charger = await addLine('p011', 'p011-s01', 2);
  // Put in the cart while on sale, then taken off sale by the merchant.
  await cloud.setFields('products', 'p009', { onSale: true });
  const offSale = await addLine('p009', 'p009-s01', 1);
  await cloud.setFields('products', 'p009', { onSale: false });
  // Eight put in the cart, then the stock fell to 5.
  await cloud.setFields('skus', 'p002-s03', { stock: 8 });
  const short = await addLine('p002', 'p002-s03', 8);
  await cloud.setFields('skus', 'p002-s03', { stock: 5 });
  return { shirt, charger, offSale, short };
}

test('shows the valid lines, the 失效商品 apart with their reasons, and the total of the valid ones', async () => {
  const { offSale } = await fillCart();
  const page = await harness.renderPage('pages/cart/index');
  const view = await cartView();

  const valid = textOf(page.querySelector('#cart-lines')!);
  expect(valid).toContain((await cloud.ok(buyer(), 'catalog.product', { productId: 'p001' })).product.title);
  expect(valid).toContain('颜色:白色 尺码:S');
  expect(page.querySelector(`#cart-line-${offSale.lineId}`)).toBeTruthy();
  const invalid = textOf(page.querySelector('#cart-invalid')!);
  expect(invalid).toContain('失效商品 2 种');
  expect(invalid).toContain('已下架');
  expect(invalid).toContain('库存不足 仅剩 5 件');
  expect(page.querySelector(`#cart-check-${offSale.lineId}`)).toBeFalsy();

  const shirtPrice = await priceOf('p001', 'p001-s01');
  const chargerPrice = await priceOf('p011', 'p011-s01');
  expect(view.selectedTotal).toBe(shirtPrice + chargerPrice * 2);
  expect(total(page)).toBe(formatPrice(view.selectedTotal));
  expect(textOf(page.querySelector('#cart-checkout')!)).toBe('去结算(3)');
  expect(harness.tabBadge()).toBe(String(1 + 2 + 1 + 8));
});

test('tapping + on a line sends cart.setQuantity and the total follows the answer', async () => {
  const { shirt } = await fillCart();
  const page = await harness.renderPage('pages/cart/index');
  const before = (await cartView()).selectedTotal;
  const shirtPrice = await priceOf('p001', 'p001-s01');

  await tap(page, `#cart-stepper-${shirt.lineId}-plus`);
  expect(harness.cloudCalls.at(-1)!.data).toEqual({
    action: 'cart.setQuantity',
    lineId: shirt.lineId,
    quantity: 2,
  });
  expect(textOf(page.querySelector(`#cart-stepper-${shirt.lineId}-value`)!)).toBe('2');
  expect(total(page)).toBe(formatPrice(before + shirtPrice));

  await tap(page, `#cart-stepper-${shirt.lineId}-minus`);
  expect(total(page)).toBe(formatPrice(before));
  expect(harness.tabBadge()).toBe(String((await cartView()).badgeCount));
});

test('rapid taps show at once and merge into one call for the latest quantity', async () => {
  const { shirt } = await fillCart();
  // cart.setQuantity answers wait until the test lets them go, so the taps land while a call is on its way.
  const held: Array<() => Promise<unknown>> = [];
  harness.setCloudResponder((call) =>
    call.data.action === 'cart.setQuantity'
      ? new Promise((resolve) =>
          held.push(() => {
            const answer = cloud.call(call.name, call.data, buyer());
            resolve(answer);
            return answer;
          }),
        )
      : cloud.call(call.name, call.data, buyer()),
  );
  const page = await harness.renderPage('pages/cart/index');
  const callsBefore = harness.cloudCalls.length;
  const value = () => textOf(page.querySelector(`#cart-stepper-${shirt.lineId}-value`)!);
  const sent = () => harness.cloudCalls.slice(callsBefore).map((c) => c.data.quantity);

  // A call is held back, so the page is never idle: each tap waits for what it shows instead.
  for (const expected of ['2', '3', '4']) {
    page.querySelector(`#cart-stepper-${shirt.lineId}-plus`)!.dispatchEvent('tap');
    await waitFor(() => value() === expected, `the stepper to show ${expected}`);
  }
  expect(sent()).toEqual([2]);

  await held.shift()!();
  await waitFor(() => held.length === 1, 'the call for the latest quantity');
  expect(sent()).toEqual([2, 4]);
  expect(value()).toBe('4');
  await held.shift()!();
  await settle();
  expect(held).toHaveLength(0);
  expect(value()).toBe('4');
  const stored = await cartView();
  expect(stored.lines.find((l) => l.lineId === shirt.lineId)!.quantity).toBe(4);
  expect(total(page)).toBe(formatPrice(stored.selectedTotal));
});

test('the stepper stops at the stock and says so', async () => {
  const line = await addLine('p003', 'p003-s05', 3); // 卡其/L, stock 4
  const page = await harness.renderPage('pages/cart/index');
  const callsBefore = harness.cloudCalls.length;
  await tap(page, `#cart-stepper-${line.lineId}-plus`);
  await tap(page, `#cart-stepper-${line.lineId}-plus`);
  expect(textOf(page.querySelector(`#cart-stepper-${line.lineId}-value`)!)).toBe('4');
  expect(harness.cloudCalls.slice(callsBefore).map((c) => c.data)).toEqual([
    { action: 'cart.setQuantity', lineId: line.lineId, quantity: 4 },
  ]);
  expect(harness.toasts.at(-1)).toBe('库存仅剩 4 件');
  expect(total(page)).toBe(formatPrice(4 * (await priceOf('p003', 'p003-s05'))));
});

test('unticking a line takes it out of the total; 全选 puts every valid line back', async () => {
  const { shirt } = await fillCart();
  const page = await harness.renderPage('pages/cart/index');
  const all = (await cartView()).selectedTotal;
  const shirtPrice = await priceOf('p001', 'p001-s01');

  await tap(page, `#cart-check-${shirt.lineId}`);
  expect(harness.cloudCalls.at(-1)!.data).toEqual({
    action: 'cart.select',
    lineIds: [shirt.lineId],
    selected: false,
  });
  expect(total(page)).toBe(formatPrice(all - shirtPrice));

  await tap(page, '#cart-select-all');
  expect(harness.cloudCalls.at(-1)!.data).toEqual({ action: 'cart.selectAll', selected: true });
  expect(total(page)).toBe(formatPrice(all));
});

test('再买 ¥X 包邮 follows the selected total: it shrinks, turns to 已满 at the threshold, and goes when nothing is selected', async () => {
  const shirt = await addLine('p001', 'p001-s01', 1); // ¥79.00, the threshold is ¥99.00
  const page = await harness.renderPage('pages/cart/index');
  const hint = () => page.querySelector('#cart-shipping-hint-text');
  expect((await cartView()).shipping).toEqual({ baseFee: 1000, freeFrom: 9900 });
  expect(textOf(hint()!)).toBe('再买 ¥20.00 包邮');

  await tap(page, `#cart-stepper-${shirt.lineId}-plus`);
  await waitFor(() => textOf(hint()!) === '已满 ¥99.00 包邮', 'the hint to say 已满 at ¥158.00');

  await tap(page, `#cart-check-${shirt.lineId}`);
  await waitFor(() => !page.querySelector('#cart-shipping-hint'), 'the hint to go with nothing selected');

  await tap(page, `#cart-check-${shirt.lineId}`);
  await tap(page, `#cart-stepper-${shirt.lineId}-minus`);
  await waitFor(() => hint() !== null && textOf(hint()!) === '再买 ¥20.00 包邮', 'the hint back below it');
  await tap(page, '#cart-shipping-hint-add-more');
  expect(harness.navigations.at(-1)).toBe('/pages/index/index');
});

test('管理 mode deletes the marked lines', async () => {
  const { shirt, charger } = await fillCart();
  const page = await harness.renderPage('pages/cart/index');
  await tap(page, '#cart-manage');
  await tap(page, `#cart-check-${shirt.lineId}`);
  await tap(page, '#cart-remove');
  expect(harness.cloudCalls.at(-1)!.data).toEqual({ action: 'cart.remove', lineIds: [shirt.lineId] });
  expect(page.querySelector(`#cart-line-${shirt.lineId}`)).toBeFalsy();
  expect(page.querySelector(`#cart-line-${charger.lineId}`)).toBeTruthy();
});

test('去结算 opens checkout from the cart', async () => {
  await fillCart();
  const page = await harness.renderPage('pages/cart/index');
  await tap(page, '#cart-checkout');
  expect(harness.navigations.at(-1)).toBe('/package-order/checkout/index?from=cart');
});

test('an empty cart invites the buyer to shop and removes the badge', async () => {
  const page = await harness.renderPage('pages/cart/index');
  expect(textOf(page)).toContain('购物车还是空的');
  expect(page.querySelector('#cart-bar')).toBeFalsy();
  expect(harness.tabBadge()).toBeUndefined();
});

test('猜你喜欢 at the bottom is read once the lines are shown, without a product', async () => {
  await fillCart();
  const before = harness.cloudCalls.length;
  const page = await harness.renderPage('pages/cart/index');
  const sent = harness.cloudCalls.slice(before).map((call) => call.data);
  expect(sent[0]).toEqual({ action: 'cart.list' });
  expect(sent.filter((data) => data.action === 'catalog.recommend')).toEqual([
    { action: 'catalog.recommend' },
  ]);
  expect(page.querySelectorAll('#recommend-grid .product-card').length).toBeGreaterThan(0);
});

test('猜你喜欢 marks a card 已售罄 when its product sold out since the worker last computed the lists', async () => {
  await fillCart();
  const { items } = await cloud.ok(buyer(), 'catalog.recommend', {});
  const sold = items[0]._id;
  // The kept flag as the shop leaves it when the last piece sells; the worker's copies still say buyable.
  await cloud.setFields('products', sold, { soldOut: true });
  try {
    const page = await harness.renderPage('pages/cart/index');
    await waitFor(() => page.querySelectorAll('#recommend-grid .product-card').length > 0, '猜你喜欢');
    const card = page.querySelector(`#recommend-grid #product-${sold}`)!;
    expect(card.dom!.className).toContain('product-card--sold-out');
    expect(textOf(page.querySelector(`#recommend-grid #sold-out-${sold}`)!)).toBe('已售罄');
    expect(page.querySelectorAll('#recommend-grid .product-card--sold-out')).toHaveLength(1);
  } finally {
    await cloud.setFields('products', sold, { soldOut: false });
  }
});
