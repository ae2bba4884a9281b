/** The compiled tab pages render on the real functions, and a tap changes what is shown. */
import { settle, textOf } from './harness';
import { shopOnCloudForFile } from './shop-per-file';

const BUYER = 'weapp-tabs-buyer';
const { cloud, harness } = shopOnCloudForFile({ buyer: BUYER });
beforeAll(() => cloud.ok(BUYER, 'cart.add', { productId: 'p001', skuId: 'p001-s01', quantity: 1 }));

test.each([
  ['pages/index/index', '为你推荐'],
  ['pages/category/index', '服饰'],
  ['pages/cart/index', '合计'],
  ['pages/me/index', '我的订单'],
])('%s renders', async (route, expected) => {
  const page = await harness.renderPage(route);
  expect(textOf(page)).toContain(expected);
});

test('tapping 管理 in the cart switches to 完成 and the bar to 删除', async () => {
  const page = await harness.renderPage('pages/cart/index');
  const manage = page.querySelector('#cart-manage');
  expect(manage).toBeTruthy();
  expect(textOf(manage!)).toBe('管理');
  manage!.dispatchEvent('tap');
  await settle();
  expect(textOf(page.querySelector('#cart-manage')!)).toBe('完成');
  expect(page.querySelector('#cart-remove')).toBeTruthy();
  expect(page.querySelector('#cart-checkout')).toBeFalsy();
});

test('a failed first load says why and 重试 loads again', async () => {
  harness.setCloudResponder(() => ({ ok: false, code: 'INTERNAL', message: 'down' }));
  const page = await harness.renderPage('pages/cart/index');
  expect(textOf(page)).toContain('服务开小差了，请稍后重试');
  harness.useCloud(cloud, BUYER);
  page.querySelector('.empty-state__action')!.dispatchEvent('tap');
  await settle();
  expect(textOf(page)).toContain('合计');
});
