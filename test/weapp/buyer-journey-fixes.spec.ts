/**
 * Rough edges found walking the shop as a buyer, each shown fixed on the compiled pages: a paid order leaves
 * 待付款, an emptied search keyword goes back to the recent keywords, sold-out products say 已售罄, the spec
 * sheet's picture follows the colour, 去使用 opens the coupon's category, an address added at checkout is the
 * one chosen, and Back closes an open spec sheet before leaving the product.
 */
import { propertyOf, settle, textOf, tap, typeInto } from './harness';
import { ADDRESS_INPUT, callsOf } from './orders-on-cloud';
import { pickRegion } from './region-picking';
import { shopWithBuyerPerTest } from './shop-per-file';

// Each test is a buyer of its own.
const { cloud, harness, buyer, shop } = shopWithBuyerPerTest('weapp-journey-buyer');

test('paying from the 待付款 tab takes the paid order off that tab', async () => {
  const paying = await shop.inState('TO_PAY');
  const other = await shop.inState('TO_PAY');
  const page = await harness.renderPage('package-order/list/index', { tab: 'TO_PAY' });
  expect(page.querySelector(`#order-card-${paying._id}`)).toBeTruthy();

  await tap(page, `#order-pay-${paying._id}`);
  expect(harness.toasts).toContain('支付成功');
  expect(page.querySelector(`#order-card-${paying._id}`)).toBeFalsy();
  expect(page.querySelector(`#order-card-${other._id}`)).toBeTruthy();
});

test('paying the last order of 待付款 leaves the tab empty; under 全部 the order stays, as 待发货', async () => {
  const order = await shop.inState('TO_PAY');
  const toPay = await harness.renderPage('package-order/list/index', { tab: 'TO_PAY' });
  await tap(toPay, `#order-pay-${order._id}`);
  expect(textOf(toPay)).toContain('没有待付款的订单');

  const again = await shop.inState('TO_PAY');
  const all = await harness.renderPage('package-order/list/index', { tab: 'ALL' });
  await tap(all, `#order-pay-${again._id}`);
  expect(textOf(all.querySelector(`#order-card-${again._id}`)!)).toContain('待发货');
});

test('searching with an emptied keyword goes back to the recent keywords instead of keeping old results', async () => {
  const page = await harness.renderPage('package-goods/search/index');
  await typeInto(page, '#search-input', '衬衫');
  await tap(page, '#search-submit');
  expect(page.querySelectorAll('#search-results .product-card').length).toBeGreaterThan(0);

  await typeInto(page, '#search-input', '   ');
  await tap(page, '#search-submit');
  expect(page.querySelector('#search-results')).toBeFalsy();
  expect(textOf(page.querySelector('#search-history')!)).toContain('衬衫');
  // Only the one real search reached the server.
  expect(callsOf(harness.cloudCalls, 'catalog.products')).toHaveLength(1);
});

test('clearing the search box shows the recent keywords again', async () => {
  const page = await harness.renderPage('package-goods/search/index', { keyword: '衬衫' });
  expect(page.querySelector('#search-results')).toBeTruthy();
  await typeInto(page, '#search-input', '');
  expect(page.querySelector('#search-results')).toBeFalsy();
  expect(page.querySelector('#search-history')).toBeTruthy();
});

test('a sold-out product is marked 已售罄 in lists; one in stock is not', async () => {
  const page = await harness.renderPage('package-goods/search/index', { keyword: '芒果' });
  // p042 (海南金煌芒果) is on sale with every SKU out of stock.
  expect(page.querySelector('#product-p042')).toBeTruthy();
  expect(textOf(page.querySelector('#sold-out-p042')!)).toBe('已售罄');

  const shirts = await harness.renderPage('package-goods/search/index', { keyword: '衬衫' });
  expect(shirts.querySelectorAll('#search-results .product-card').length).toBeGreaterThan(0);
  expect(shirts.querySelectorAll('.product-card__sold-out')).toHaveLength(0);
});

test("the spec sheet's picture follows the chosen colour", async () => {
  const { product } = await cloud.ok(buyer(), 'catalog.product', { productId: 'p002' });
  const colours = product.specs[0];
  expect(colours.images).toHaveLength(colours.values.length);
  const page = await harness.renderPage('package-goods/detail/index', { id: 'p002' });
  await tap(page, '#spec-row');
  const picture = () => String(propertyOf(page, 'sku-image', 'src'));
  expect(picture()).toContain(product.images[0]);

  await tap(page, '#spec-0-1');
  expect(picture()).toContain(colours.images![1]);
  await tap(page, '#spec-0-2');
  expect(picture()).toContain(colours.images![2]);
  expect(colours.images![2]).not.toBe(colours.images![1]);
});

test('Back while the spec sheet is open closes the sheet and stays on the product', async () => {
  const page = await harness.renderPage('package-goods/detail/index', { id: 'p002' });
  const guard = () => page.querySelector('#sku-back-guard');
  expect(propertyOf(page, 'sku-back-guard', 'show')).toBeFalsy();
  await tap(page, '#spec-row');
  expect(page.querySelector('#sku-sheet')).toBeTruthy();
  expect(propertyOf(page, 'sku-back-guard', 'show')).toBe(true);

  // WeChat's page-container takes the Back gesture: it leaves, the page stays.
  guard()!.dispatchEvent('afterleave');
  await settle();
  expect(page.querySelector('#sku-sheet')).toBeFalsy();
  expect(harness.backs).toEqual([]);
  expect(page.querySelector('#detail-title')).toBeTruthy();
});

test('去使用 on a category coupon opens 分类 on that category; a coupon for everything opens 首页', async () => {
  // 美妆9折券 is for 美妆 (c04) only; 满99减10 for everything.
  const beauty = await shop.claim('ct-beauty-90');
  const all = await shop.claim('ct-99-10');
  const coupons = await harness.renderPage('package-user/coupons/index', { tab: 'mine' });
  await tap(coupons, `#coupon-use-${beauty._id}`);
  expect(harness.navigations.at(-1)).toBe('/pages/category/index');
  const category = await harness.renderPage('pages/category/index');
  expect(category.querySelector('#category-top-c04')!.dom!.className).toContain('category__top--active');
  expect(callsOf(harness.cloudCalls, 'catalog.products').at(-1)).toMatchObject({ categoryId: 'c04' });

  await tap(coupons, `#coupon-use-${all._id}`);
  expect(harness.navigations.at(-1)).toBe('/pages/index/index');
});

test('a coupon limited to a second-level category opens 分类 on it, under its top category', async () => {
  // The sample shop has no such coupon: the merchant adds its template, as in the cloud console.
  await cloud.addDocument('coupon_templates', {
    _id: 'ct-men',
    title: '男装券',
    description: '限男装',
    rule: { kind: 'AMOUNT_OFF', threshold: 0, amount: 500 },
    categoryIds: ['c0101'],
    totalLimit: 100,
    issued: 0,
    perUserLimit: 1,
    validity: { kind: 'DAYS_AFTER_CLAIM', days: 7 },
    newcomerOnly: false,
    active: true,
    createdAt: await cloud.now(),
  });
  const men = await shop.claim('ct-men');
  const coupons = await harness.renderPage('package-user/coupons/index', { tab: 'mine' });
  await tap(coupons, `#coupon-use-${men._id}`);
  const category = await harness.renderPage('pages/category/index');
  expect(category.querySelector('#category-top-c01')!.dom!.className).toContain('category__top--active');
  expect(callsOf(harness.cloudCalls, 'catalog.products').at(-1)).toMatchObject({ categoryId: 'c0101' });
});

test('an address added from checkout is the one checkout uses', async () => {
  await shop.addAddress({ ...ADDRESS_INPUT, name: '旧地址', isDefault: true });
  const checkout = await harness.renderPage('package-order/checkout/index', {
    productId: 'p001',
    skuId: 'p001-s01',
    quantity: '1',
  });
  expect(textOf(checkout.querySelector('#address-card')!)).toContain('旧地址');

  await tap(checkout, '#address-card');
  const book = await harness.renderPage('package-user/address/index', { mode: 'choose' });
  await tap(book, '#address-add');
  expect(harness.navigations.at(-1)).toBe('/package-user/address-edit/index?mode=choose');

  const form = await harness.renderPage('package-user/address-edit/index', { mode: 'choose' });
  await typeInto(form, '#address-name', '新收货人');
  await typeInto(form, '#address-mobile', ADDRESS_INPUT.mobile);
  pickRegion(form, '浙江省', '杭州市', '西湖区');
  await typeInto(form, '#address-detail', ADDRESS_INPUT.detail);
  await tap(form, '#address-save');
  const { addresses } = await cloud.ok(buyer(), 'address.list', {});
  const added = addresses.find((a) => a.name === '新收货人');
  expect(added).toBeTruthy();
  // Past the book, straight back to checkout.
  expect(harness.backs.at(-1)).toBe(2);

  (checkout.instance as unknown as { onShow(): void }).onShow();
  await settle();
  expect(callsOf(harness.cloudCalls, 'checkout.quote').at(-1)).toMatchObject({ addressId: added!._id });
  expect(textOf(checkout.querySelector('#address-card')!)).toContain('新收货人');
});
