/** The compiled tab pages render in WeChat's component model, and a tap changes what is shown. */
import { createWeappHarness, settle, textOf, type WeappHarness } from './harness';

let harness: WeappHarness;

beforeAll(() => {
  harness = createWeappHarness();
});

test.each([
  ['pages/index/index', '搜索商品'],
  ['pages/category/index', '分类'],
  ['pages/cart/index', '购物车'],
  ['pages/me/index', '我的订单'],
])('%s renders', async (route, expected) => {
  const page = await harness.renderPage(route);
  expect(textOf(page)).toContain(expected);
});

test('tapping 管理 in the cart switches to 完成', async () => {
  const page = await harness.renderPage('pages/cart/index');
  const manage = page.querySelector('#cart-manage');
  expect(manage).toBeTruthy();
  expect(textOf(manage!)).toBe('管理');
  manage!.dispatchEvent('tap');
  await settle();
  expect(textOf(page.querySelector('#cart-manage')!)).toBe('完成');
});
