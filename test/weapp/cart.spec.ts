/**
 * 购物车 on the sample shop: the total follows the stepper and the check boxes, 失效商品 sit apart and never
 * count, and the tab badge follows the cart.
 */
import { formatPrice } from '../../types';
import { createWeappHarness, settle, textOf, type RenderedPage, type WeappHarness, tap } from './harness';
import { SeedShopBackend } from './seed-shop';

let harness: WeappHarness;
let backend: SeedShopBackend;

beforeAll(() => {
  harness = createWeappHarness();
});

beforeEach(() => {
  backend = new SeedShopBackend();
  harness.setCloudResponder(backend.answer);
});

const total = (page: RenderedPage) => textOf(page.querySelector('#cart-total')!);

/** A T-shirt (¥79.00) ×1 and a charger ×2, a line of an off-sale product and one short of stock. */
function fillCart() {
  const shirt = backend.addLine('p001', 'p001-s01', 1);
  const charger = backend.addLine('p011', backend.skusOf('p011')[0]._id, 2);
  const offSale = backend.addLine('p009', backend.skusOf('p009')[0]._id, 1);
  const short = backend.addLine('p002', 'p002-s03', 8); // stock 5
  return { shirt, charger, offSale, short };
}

test('shows the valid lines, the 失效商品 apart with their reasons, and the total of the valid ones', async () => {
  const { offSale } = fillCart();
  const page = await harness.renderPage('pages/cart/index');
  const view = backend.cartView();

  const valid = textOf(page.querySelector('#cart-lines')!);
  expect(valid).toContain(backend.product('p001').title);
  expect(valid).toContain('颜色:白色 尺码:S');
  expect(page.querySelector(`#cart-line-${offSale._id}`)).toBeTruthy();
  const invalid = textOf(page.querySelector('#cart-invalid')!);
  expect(invalid).toContain('失效商品 2 种');
  expect(invalid).toContain('已下架');
  expect(invalid).toContain('库存不足 仅剩 5 件');
  expect(page.querySelector(`#cart-check-${offSale._id}`)).toBeFalsy();

  const shirtPrice = backend.skusOf('p001')[0].price;
  const chargerPrice = backend.skusOf('p011')[0].price;
  expect(view.selectedTotal).toBe(shirtPrice + chargerPrice * 2);
  expect(total(page)).toBe(formatPrice(view.selectedTotal));
  expect(textOf(page.querySelector('#cart-checkout')!)).toBe('去结算(3)');
  expect(harness.tabBadge()).toBe(String(1 + 2 + 1 + 8));
});

test('tapping + on a line sends cart.setQuantity and the total follows the answer', async () => {
  const { shirt } = fillCart();
  const page = await harness.renderPage('pages/cart/index');
  const before = backend.cartView().selectedTotal;
  const shirtPrice = backend.skusOf('p001')[0].price;

  await tap(page, `#cart-stepper-${shirt._id}-plus`);
  expect(harness.cloudCalls.at(-1)!.data).toEqual({
    action: 'cart.setQuantity',
    lineId: shirt._id,
    quantity: 2,
  });
  expect(textOf(page.querySelector(`#cart-stepper-${shirt._id}-value`)!)).toBe('2');
  expect(total(page)).toBe(formatPrice(before + shirtPrice));

  await tap(page, `#cart-stepper-${shirt._id}-minus`);
  expect(total(page)).toBe(formatPrice(before));
  expect(harness.tabBadge()).toBe(String(backend.cartView().badgeCount));
});

test('rapid taps show at once and merge into one call for the latest quantity', async () => {
  const { shirt } = fillCart();
  // cart.setQuantity answers wait until the test lets them go, so the taps land while a call is on its way.
  const held: Array<() => void> = [];
  harness.setCloudResponder((call) =>
    call.data.action === 'cart.setQuantity'
      ? new Promise((resolve) => held.push(() => resolve(backend.answer(call))))
      : backend.answer(call),
  );
  const page = await harness.renderPage('pages/cart/index');
  const callsBefore = harness.cloudCalls.length;
  const value = () => textOf(page.querySelector(`#cart-stepper-${shirt._id}-value`)!);
  const sent = () => harness.cloudCalls.slice(callsBefore).map((c) => c.data.quantity);

  for (const expected of ['2', '3', '4']) {
    await tap(page, `#cart-stepper-${shirt._id}-plus`);
    expect(value()).toBe(expected);
  }
  expect(sent()).toEqual([2]);

  held.shift()!();
  await settle();
  expect(sent()).toEqual([2, 4]);
  expect(value()).toBe('4');
  held.shift()!();
  await settle();
  expect(held).toHaveLength(0);
  expect(value()).toBe('4');
  expect(backend.lines.find((l) => l._id === shirt._id)!.quantity).toBe(4);
  expect(total(page)).toBe(formatPrice(backend.cartView().selectedTotal));
});

test('the stepper stops at the stock and says so', async () => {
  const line = backend.addLine('p003', 'p003-s05', 3); // 卡其/L, stock 4
  const page = await harness.renderPage('pages/cart/index');
  const callsBefore = harness.cloudCalls.length;
  await tap(page, `#cart-stepper-${line._id}-plus`);
  await tap(page, `#cart-stepper-${line._id}-plus`);
  expect(textOf(page.querySelector(`#cart-stepper-${line._id}-value`)!)).toBe('4');
  expect(harness.cloudCalls.slice(callsBefore).map((c) => c.data)).toEqual([
    { action: 'cart.setQuantity', lineId: line._id, quantity: 4 },
  ]);
  expect(harness.toasts.at(-1)).toBe('库存仅剩 4 件');
  expect(total(page)).toBe(formatPrice(4 * backend.skusOf('p003')[4].price));
});

test('unticking a line takes it out of the total; 全选 puts every valid line back', async () => {
  const { shirt } = fillCart();
  const page = await harness.renderPage('pages/cart/index');
  const all = backend.cartView().selectedTotal;
  const shirtPrice = backend.skusOf('p001')[0].price;

  await tap(page, `#cart-check-${shirt._id}`);
  expect(harness.cloudCalls.at(-1)!.data).toEqual({
    action: 'cart.select',
    lineIds: [shirt._id],
    selected: false,
  });
  expect(total(page)).toBe(formatPrice(all - shirtPrice));

  await tap(page, '#cart-select-all');
  expect(harness.cloudCalls.at(-1)!.data).toEqual({ action: 'cart.selectAll', selected: true });
  expect(total(page)).toBe(formatPrice(all));
});

test('管理 mode deletes the marked lines', async () => {
  const { shirt, charger } = fillCart();
  const page = await harness.renderPage('pages/cart/index');
  await tap(page, '#cart-manage');
  await tap(page, `#cart-check-${shirt._id}`);
  await tap(page, '#cart-remove');
  expect(harness.cloudCalls.at(-1)!.data).toEqual({ action: 'cart.remove', lineIds: [shirt._id] });
  expect(page.querySelector(`#cart-line-${shirt._id}`)).toBeFalsy();
  expect(page.querySelector(`#cart-line-${charger._id}`)).toBeTruthy();
});

test('去结算 opens checkout from the cart', async () => {
  fillCart();
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
  fillCart();
  const before = harness.cloudCalls.length;
  const page = await harness.renderPage('pages/cart/index');
  const sent = harness.cloudCalls.slice(before).map((call) => call.data);
  expect(sent[0]).toEqual({ action: 'cart.list' });
  expect(sent.filter((data) => data.action === 'catalog.recommend')).toEqual([
    { action: 'catalog.recommend' },
  ]);
  expect(page.querySelectorAll('#recommend-grid .product-card').length).toBeGreaterThan(0);
});
