/** 我的 and the pages it opens: order shortcuts by tab key, the address form and book, and 领券中心. */
import { settle, textOf, tap, typeInto } from './harness';
import { MAX_ADDRESSES } from '../../cloudfunctions/common/domain/address-rules';
import { ADDRESS_INPUT, callsOf, ordersOf } from './orders-on-cloud';
import { pickRegion } from './region-picking';
import { shopWithBuyerPerTest } from './shop-per-file';

// Each test is a buyer of its own: an empty address book, no coupon.
const { cloud, harness, buyer, shop } = shopWithBuyerPerTest('weapp-me-buyer');

test('我的 opens the order list on each status tab, with the keys the order list knows', async () => {
  const page = await harness.renderPage('pages/me/index');
  for (const key of ['TO_PAY', 'TO_SHIP', 'TO_RECEIVE', 'DONE', 'AFTER_SALE']) {
    await tap(page, `#me-orders-${key}`);
  }
  await tap(page, '#me-all-orders');
  await tap(page, '#me-claim-coupons');
  await tap(page, '#me-coupons');
  expect(harness.navigations).toEqual([
    '/package-order/list/index?tab=TO_PAY',
    '/package-order/list/index?tab=TO_SHIP',
    '/package-order/list/index?tab=TO_RECEIVE',
    '/package-order/list/index?tab=DONE',
    '/package-user/after-sales/index',
    '/package-order/list/index',
    '/package-user/coupons/index?tab=claim',
    '/package-user/coupons/index?tab=mine',
  ]);
  expect(textOf(page)).toContain('微信用户');
});

test('the address form checks the mobile before sending, then sends address.add', async () => {
  const page = await harness.renderPage('package-user/address-edit/index');
  await typeInto(page, '#address-name', ADDRESS_INPUT.name);
  await typeInto(page, '#address-mobile', '1391234567');
  await typeInto(page, '#address-detail', ADDRESS_INPUT.detail);
  await tap(page, '#address-save');
  expect(textOf(page)).toContain('请填写正确的 11 位手机号');
  expect(textOf(page)).toContain('请选择所在地区');
  expect(callsOf(harness.cloudCalls, 'address.add')).toHaveLength(0);

  await typeInto(page, '#address-mobile', ADDRESS_INPUT.mobile);
  pickRegion(page, '浙江省', '杭州市', '西湖区');
  await settle();
  await tap(page, '#address-default');
  await tap(page, '#address-save');
  expect(callsOf(harness.cloudCalls, 'address.add')).toEqual([{ action: 'address.add', ...ADDRESS_INPUT }]);
  expect(textOf(page)).not.toContain('请填写正确的 11 位手机号');
  const { addresses } = await cloud.ok(buyer(), 'address.list', {});
  expect(addresses).toEqual([expect.objectContaining({ ...ADDRESS_INPUT })]);
});

test('导入微信地址 fills the form from WeChat’s address book, its region mapped onto the divisions the server checks', async () => {
  const page = await harness.renderPage('package-user/address-edit/index');
  harness.setWechatAddress({
    userName: '陈小春',
    telNumber: '+86 139-1234-5678',
    provinceName: '广东省',
    cityName: '广州市',
    countyName: '海珠区',
    detailInfo: '新港中路 397 号',
    postalCode: '510000',
    nationalCode: '440105',
  });
  await tap(page, '#address-import');
  expect(harness.toasts.at(-1)).toBe('已导入微信地址，请核对后保存');
  expect(textOf(page)).toContain('广东省 广州市 海珠区');
  await tap(page, '#address-save');
  const { addresses } = await cloud.ok(buyer(), 'address.list', {});
  expect(addresses).toEqual([
    expect.objectContaining({
      name: '陈小春',
      mobile: '13912345678',
      province: '广东省',
      city: '广州市',
      district: '海珠区',
      detail: '新港中路 397 号',
    }),
  ]);
});

test('a WeChat address whose region maps onto nothing says which name, and leaves the region to be picked', async () => {
  const page = await harness.renderPage('package-user/address-edit/index');
  harness.setWechatAddress({
    userName: '王五',
    telNumber: '13912345678',
    provinceName: '浙江省',
    cityName: '杭州市',
    countyName: '未来科技城',
    detailInfo: '文一西路 1 号',
  });
  await tap(page, '#address-import');
  expect(harness.toasts.at(-1)).toBe('无法识别微信地址中的「未来科技城」，请手动选择所在地区');
  expect(textOf(page)).toContain('选择省 / 市 / 区');
  // The buyer picks it in the picker, fed by the same divisions, and saves.
  pickRegion(page, '浙江省', '杭州市', '余杭区');
  await settle();
  await tap(page, '#address-save');
  const { addresses } = await cloud.ok(buyer(), 'address.list', {});
  expect(addresses).toEqual([expect.objectContaining({ name: '王五', district: '余杭区' })]);
  // Cancelling WeChat's address book changes nothing.
  harness.setWechatAddress('cancel');
  const toasts = harness.toasts.length;
  await tap(page, '#address-import');
  expect(harness.toasts).toHaveLength(toasts);
});

test('a refusal of the server is shown in Chinese', async () => {
  // A full address book: the server refuses the next address with ADDRESS_LIMIT.
  for (let i = 0; i < MAX_ADDRESSES; i += 1)
    await shop.addAddress({ ...ADDRESS_INPUT, name: `收货人${i}`, isDefault: false });
  const page = await harness.renderPage('package-user/address-edit/index');
  await typeInto(page, '#address-name', ADDRESS_INPUT.name);
  await typeInto(page, '#address-mobile', ADDRESS_INPUT.mobile);
  pickRegion(page, '浙江省', '杭州市', '西湖区');
  await typeInto(page, '#address-detail', ADDRESS_INPUT.detail);
  await tap(page, '#address-save');
  expect(harness.toasts).toContain('收货地址数量已达上限');
  expect((await cloud.ok(buyer(), 'address.list', {})).addresses).toHaveLength(MAX_ADDRESSES);
});

test('the address book in choose mode marks the current address and sets another as default', async () => {
  const home = await shop.addAddress();
  const office = await shop.addAddress({
    ...ADDRESS_INPUT,
    name: '李华',
    detail: '学院路 1 号',
    isDefault: false,
  });
  const page = await harness.renderPage('package-user/address/index', {
    mode: 'choose',
    selectedId: home._id,
  });
  expect(page.querySelector(`#address-${home._id}`)!.dom!.className).toContain('address-item--selected');
  expect(textOf(page.querySelector(`#address-${office._id}`)!)).toContain('139****5678');

  await tap(page, `#address-default-${office._id}`);
  expect(callsOf(harness.cloudCalls, 'address.setDefault')).toEqual([
    { action: 'address.setDefault', addressId: office._id },
  ]);
  expect(textOf(page.querySelector(`#address-${office._id}`)!)).toContain('默认地址');

  await tap(page, `#address-remove-${home._id}`);
  expect(callsOf(harness.cloudCalls, 'address.remove')).toEqual([
    { action: 'address.remove', addressId: home._id },
  ]);
  expect(page.querySelector(`#address-${home._id}`)).toBeFalsy();
});

test('领券中心 claims a coupon and shows which ones cannot be claimed', async () => {
  // A coupon of one piece that another buyer took first.
  await cloud.addDocument('coupon_templates', {
    _id: 'ct-gone',
    title: '限量券',
    description: '仅此一张',
    rule: { kind: 'AMOUNT_OFF', threshold: 0, amount: 1000 },
    totalLimit: 1,
    issued: 0,
    perUserLimit: 1,
    validity: { kind: 'DAYS_AFTER_CLAIM', days: 7 },
    newcomerOnly: false,
    active: true,
    createdAt: await cloud.now(),
  });
  await ordersOf(cloud, `${buyer()}-quicker`).claim('ct-gone');
  const page = await harness.renderPage('package-user/coupons/index', { tab: 'claim' });
  expect(textOf(page.querySelector('#coupon-template-ct-newcomer')!)).toContain('¥5');
  expect(textOf(page.querySelector('#coupon-template-ct-newcomer')!)).toContain('领取后 7 天内有效');
  expect(textOf(page.querySelector('#coupon-claim-ct-gone')!)).toBe('已抢光');

  await tap(page, '#coupon-claim-ct-newcomer');
  expect(callsOf(harness.cloudCalls, 'coupon.claim')).toEqual([
    { action: 'coupon.claim', templateId: 'ct-newcomer' },
  ]);
  expect(textOf(page.querySelector('#coupon-claim-ct-newcomer')!)).toBe('已领取');

  // Tapping a coupon that cannot be claimed sends nothing.
  await tap(page, '#coupon-claim-ct-gone');
  expect(callsOf(harness.cloudCalls, 'coupon.claim')).toHaveLength(1);
  const { coupons } = await cloud.ok(buyer(), 'coupon.mine', {});
  expect(coupons.map((coupon) => coupon.templateId)).toEqual(['ct-newcomer']);
});
