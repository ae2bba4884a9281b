/**
 * The merchant's workspace as compiled for WeChat, on the real functions: 我的 shows 商家工作台 to the owner
 * and to nobody else, and an owner ships a buyer's paid order from its page (express company + tracking
 * number), which the `admin` function records and uploads to WeChat as the order's shipping information;
 * the dashboard's ECharts canvases, batch shipping, the CSV export, address correction, a product's own
 * figures, and joining the staff with a typed code.
 */
import http from 'node:http';
import { formatPrice, type Order } from '../../types';
import { propertyOf, settle, tap, textOf, waitFor, type RenderedPage, text } from './harness';
import { pickRegion } from './region-picking';
import { MERCHANT as OWNER } from './shop-on-cloud';
import { shopOnCloudForFile } from './shop-per-file';

// The cloud names MERCHANT in SHOP_ADMIN_OPENIDS: the shop's owner.
const { cloud, harness } = shopOnCloudForFile();
let buyers = 0;
beforeEach(() => harness.clearRecords());

type Node = NonNullable<ReturnType<RenderedPage['querySelector']>>;
/**
 * The first `selector` node of the page inside `within` (when given) whose text includes `text`. Rows of some
 * lists are found by what they read: miniprogram-simulate's queries from a node, and by id, miss some nodes
 * Taro renders from lists, while the page's class queries find them.
 */
function byText(
  page: RenderedPage,
  within: Node | undefined,
  selector: string,
  text: string,
): Node | undefined {
  return page
    .querySelectorAll(selector)
    .find((node) => (!within || within.dom?.contains(node.dom ?? null)) && textOf(node).includes(text));
}

async function tapNode(node: Node | undefined, what: string): Promise<void> {
  if (!node) throw new Error(`nothing to tap: ${what}`);
  node.dispatchEvent('tap');
  await settle();
}

/** The body of a download link the local cloud handed out (jsdom has no fetch). */
function download(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    http
      .get(url, (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
      })
      .on('error', reject);
  });
}

/** The texts drawn on a canvas of the page so far. */
const drawn = (id: string) => harness.canvasDrawing(id)?.texts ?? [];

/** A new buyer's order of one T-shirt, paid in the cloud's payment sandbox. */
async function paidOrder(): Promise<{ buyer: string; order: Order }> {
  buyers += 1;
  const buyer = `weapp-merchant-buyer-${buyers}`;
  const address = await cloud.ok(buyer, 'address.add', {
    name: '赵发货',
    mobile: '13700001111',
    province: '广东省',
    city: '深圳市',
    district: '南山区',
    detail: '科技园 1 号',
    isDefault: true,
  });
  const items = [{ productId: 'p001', skuId: 'p001-s01', quantity: 1 }];
  const quote = await cloud.ok(buyer, 'checkout.quote', { items, addressId: address._id, couponId: null });
  const order = await cloud.ok(buyer, 'order.create', {
    items,
    addressId: address._id,
    couponId: null,
    requestId: `weapp-merchant-${buyers}-0000`,
    expectedPayable: quote.payable,
  });
  const payment = await cloud.ok(buyer, 'order.pay', { orderId: order._id });
  expect(await cloud.paymentSheet('pay', { ...payment.params }, buyer)).toBe(200);
  // As the page does after WeChat's sheet: ask the payment when its notice has not been applied yet.
  const paid = await cloud.ok(buyer, 'order.syncPayment', { orderId: order._id });
  expect(paid.state).toBe('PAID');
  return { buyer, order: paid };
}

test('我的 shows 商家工作台 to the owner only', async () => {
  harness.useCloud(cloud, 'weapp-plain-buyer');
  const buyerPage = await harness.renderPage('pages/me/index');
  await harness.idle();
  expect(harness.cloudCalls.map((call) => call.data.action)).toContain('staff.me');
  expect(buyerPage.querySelector('#me-workspace')).toBeFalsy();

  harness.useCloud(cloud, OWNER);
  // The answer is kept per WeChat user in storage; a new user in these tests means a fresh check.
  (globalThis as unknown as { wx: { removeStorageSync(key: string): void } }).wx.removeStorageSync(
    'shop.staffRole',
  );
  const ownerPage = await harness.renderPage('pages/me/index');
  await waitFor(() => ownerPage.querySelector('#me-workspace') !== null, 'the workspace entry');
  expect(text(ownerPage, '#me-workspace')).toContain('商家工作台');
  expect(text(ownerPage, '#me-workspace')).toContain('店主');
  await tap(ownerPage, '#me-workspace');
  expect(harness.navigations).toContain('/package-merchant/home/index');
});

test('the owner ships a paid order: express company and tracking number, uploaded to WeChat', async () => {
  const { buyer, order } = await paidOrder();
  harness.useCloud(cloud, OWNER);
  const page = await harness.renderPage('package-merchant/order/index', { id: order._id });
  await harness.idle();
  expect(text(page, '#ws-order-state')).toBe('待发货');
  expect(text(page, '#ws-order-payment')).toContain(String(order.payment?.transactionId));

  // Without a company, or with a malformed number, nothing is sent.
  await tap(page, '#ws-ship');
  expect(harness.toasts).toContain('请选择快递公司');
  await tap(page, '#ws-express-ZTO');
  page.querySelector('#ws-tracking-no')!.dispatchEvent('input', { detail: { value: '12' } });
  await tap(page, '#ws-ship');
  expect(harness.toasts).toContain('请填写正确的快递单号');
  expect(harness.cloudCalls.filter((call) => call.data.action === 'orders.ship')).toHaveLength(0);

  page.querySelector('#ws-tracking-no')!.dispatchEvent('input', { detail: { value: 'ZT7788990011' } });
  await tap(page, '#ws-ship');
  await waitFor(() => text(page, '#ws-order-state') === '已发货', 'the order to read 已发货');
  expect(harness.cloudCalls.filter((call) => call.data.action === 'orders.ship')).toEqual([
    {
      name: 'admin',
      data: { action: 'orders.ship', orderId: order._id, expressCompany: 'ZTO', trackingNo: 'ZT7788990011' },
    },
  ]);
  expect(text(page, '#ws-order-tracking')).toBe('ZT7788990011');
  expect(page.querySelector('#ws-ship-form')).toBeFalsy();

  const seen = await cloud.ok(buyer, 'order.detail', { orderId: order._id });
  expect(seen.state).toBe('SHIPPED');
  expect(seen.logistics).toMatchObject({ expressCompany: 'ZTO', trackingNo: 'ZT7788990011' });
  const uploads = await cloud.cloudCalls('wxaSecOrder.uploadShippingInfo');
  expect(uploads.filter((call) => JSON.stringify(call.args).includes('ZT7788990011'))).toHaveLength(1);
});

test('a buyer opening a workspace page is refused by the server', async () => {
  const { order } = await paidOrder();
  harness.useCloud(cloud, 'weapp-curious-buyer');
  const page = await harness.renderPage('package-merchant/order/index', { id: order._id });
  await harness.idle();
  expect(textOf(page.querySelector('.ws-empty')!)).toContain('没有权限');
  expect(page.querySelector('#ws-ship-form')).toBeFalsy();
});

test('工作台 shows today’s figures from the worker’s aggregates, the trend chart and the funnel', async () => {
  await paidOrder();
  // The worker keeps the daily figures the dashboard reads.
  await cloud.runWorker();
  harness.useCloud(cloud, OWNER);
  const page = await harness.renderPage('package-merchant/home/index');
  await waitFor(() => page.querySelector('#ws-dashboard') !== null, 'the dashboard');
  expect(harness.cloudCalls.filter((call) => call.data.action === 'dashboard.overview')).toHaveLength(1);
  const overview = (await cloud.call('admin', { action: 'dashboard.overview' }, OWNER)) as {
    data: {
      periods: {
        today: { sales: { paidOrders: number; paidAmount: number }; funnel: { paidOrders: number } };
      };
      waitingToShip: number;
      trend: { day: string }[];
    };
  };
  const today = overview.data.periods.today.sales;
  expect(today.paidOrders).toBeGreaterThanOrEqual(1);
  expect(text(page, '#ws-figure-paid-orders')).toBe(String(today.paidOrders));
  expect(text(page, '#ws-figure-paid-amount')).toBe(formatPrice(today.paidAmount));
  expect(text(page, '#ws-waiting-to-ship')).toBe(String(overview.data.waitingToShip));
  // 今日 draws the last 7 days with ECharts on the page's canvas; the chart reads out the latest day, today.
  expect(text(page, '#ws-trend-value')).toBe(formatPrice(today.paidAmount));
  const lastWeek = overview.data.trend.slice(-7).map((day) => day.day.slice(5));
  await waitFor(() => drawn('ws-trend-canvas').includes(lastWeek[6]), 'the trend chart drawn');
  expect(drawn('ws-trend-canvas')).toEqual(expect.arrayContaining(lastWeek));
  expect(harness.canvasDrawing('ws-trend-canvas')!.fills).toBeGreaterThan(0);
  // The funnel is a chart of its own, each step labelled with its count.
  const funnel = overview.data.periods.today.funnel;
  await waitFor(() => drawn('ws-funnel-canvas').length > 0, 'the funnel drawn');
  expect(drawn('ws-funnel-canvas')).toContain(`支付成功 ${funnel.paidOrders}`);
  expect(text(page, '#ws-funnel')).toContain('支付成功');
  // The owner's entries include 店员 and 操作日志.
  expect(page.querySelector('#ws-entry-staff')).toBeTruthy();
  expect(page.querySelector('#ws-entry-audit')).toBeTruthy();

  // 近30天 redraws the same canvas with 30 days: the first of them is now on the axis.
  await tap(page, '#ws-period-30d');
  const first = overview.data.trend[0].day.slice(5);
  await waitFor(() => drawn('ws-trend-canvas').includes(first), 'the 30-day trend drawn');
});

test('批量发货 ships the picked orders with their own tracking numbers and keeps a refused one with its reason', async () => {
  const first = (await paidOrder()).order;
  const second = (await paidOrder()).order;
  const third = (await paidOrder()).order;
  harness.useCloud(cloud, OWNER);
  const page = await harness.renderPage('package-merchant/ship-batch/index');
  await waitFor(() => page.querySelector(`#ws-batch-pick-${third._id}`) !== null, 'the paid orders');

  // Nothing picked, then no company, then a number missing: nothing is sent.
  await tap(page, '#ws-batch-send');
  expect(harness.toasts).toContain('请选择要发货的订单');
  for (const order of [first, second, third]) await tap(page, `#ws-batch-pick-${order._id}`);
  await tap(page, '#ws-batch-send');
  expect(harness.toasts).toContain('请选择快递公司');
  await tap(page, '#ws-batch-express-YTO');
  const number = (order: Order, value: string) =>
    page.querySelector(`#ws-batch-tracking-${order._id}`)!.dispatchEvent('input', { detail: { value } });
  number(first, 'YT5550000001');
  await settle();
  await tap(page, '#ws-batch-send');
  expect(harness.toasts.some((toast) => toast.startsWith('请填写正确的快递单号'))).toBe(true);
  expect(harness.cloudCalls.filter((call) => call.data.action === 'orders.batchShip')).toHaveLength(0);

  number(second, 'YT5550000002');
  number(third, 'YT5550000003');
  await settle();
  // Someone else ships the third order meanwhile: the batch refuses it alone.
  await cloud.admin('orders.ship', { orderId: third._id, expressCompany: 'SF', trackingNo: 'SF0000000003' });
  await tap(page, '#ws-batch-send');
  await waitFor(() => page.querySelector('#ws-batch-shipped') !== null, 'the batch answered');
  expect(harness.cloudCalls.filter((call) => call.data.action === 'orders.batchShip')).toEqual([
    {
      name: 'admin',
      data: {
        action: 'orders.batchShip',
        shipments: [first, second, third].map((order, index) => ({
          orderId: order._id,
          expressCompany: 'YTO',
          trackingNo: `YT555000000${index + 1}`,
        })),
      },
    },
  ]);
  expect(text(page, '#ws-batch-shipped')).toContain('本次已发货 2 单');
  expect(page.querySelector(`#ws-batch-order-${first._id}`)).toBeFalsy();
  expect(page.querySelector(`#ws-batch-order-${second._id}`)).toBeFalsy();
  expect(text(page, `#ws-batch-refused-${third._id}`)).toContain('未发货');
  for (const [order, trackingNo] of [
    [first, 'YT5550000001'],
    [second, 'YT5550000002'],
    [third, 'SF0000000003'],
  ] as const) {
    const seen = (await cloud.admin('orders.detail', { orderId: order._id })) as Order;
    expect(seen.state).toBe('SHIPPED');
    expect(seen.logistics?.trackingNo).toBe(trackingNo);
  }
});

test('导出订单 writes the range’s orders to a CSV in cloud storage and shows its download link', async () => {
  const { order } = await paidOrder();
  harness.useCloud(cloud, OWNER);
  const page = await harness.renderPage('package-merchant/export/index');
  await tap(page, '#ws-export-run');
  await waitFor(() => page.querySelector('#ws-export-done') !== null, 'the export');
  const call = harness.cloudCalls.find((c) => c.data.action === 'orders.export')!;
  // The last 7 China days, today included.
  expect(call.data).toMatchObject({ from: expect.stringMatching(/^\d{4}-\d{2}-\d{2}$/) });
  const url = text(page, '#ws-export-url');
  const csv = await download(url);
  expect(csv).toContain(order.orderNo);
  const rows = csv.trim().split('\r\n').length - 1;
  expect(text(page, '#ws-export-rows')).toBe(`${rows} 笔订单`);
});

test('修改地址 corrects the receiver and the region (picked from China’s divisions) of a paid order before shipping', async () => {
  const { buyer, order } = await paidOrder();
  harness.useCloud(cloud, OWNER);
  const page = await harness.renderPage('package-merchant/order/index', { id: order._id });
  await harness.idle();
  await tap(page, '#ws-address-edit');
  const type = (id: string, value: string) =>
    page.querySelector(id)!.dispatchEvent('input', { detail: { value } });
  type('#ws-address-mobile', '1370000');
  await settle();
  await tap(page, '#ws-address-save');
  expect(harness.toasts).toContain('请填写正确的 11 位手机号');
  expect(harness.cloudCalls.filter((call) => call.data.action === 'orders.correctAddress')).toHaveLength(0);

  type('#ws-address-mobile', '13700002222');
  type('#ws-address-name', '钱改址');
  type('#ws-address-detail', '文三路 2 号 3 楼');
  // The region picker opens on the order's region and offers only China's real divisions.
  expect(text(page, '#address-region-picker')).toContain('广东省 深圳市 南山区');
  pickRegion(page, '浙江省', '杭州市', '西湖区');
  await settle();
  expect(text(page, '#address-region-picker')).toContain('浙江省 杭州市 西湖区');
  await tap(page, '#ws-address-save');
  await waitFor(() => text(page, '#ws-order-receiver') === '钱改址 13700002222', 'the corrected receiver');
  expect(text(page, '#ws-order-address-text')).toBe('浙江省 杭州市 西湖区 文三路 2 号 3 楼');
  expect(page.querySelector('#ws-address-form')).toBeFalsy();
  expect(harness.cloudCalls.filter((call) => call.data.action === 'orders.correctAddress')).toEqual([
    {
      name: 'admin',
      data: {
        action: 'orders.correctAddress',
        orderId: order._id,
        address: {
          name: '钱改址',
          mobile: '13700002222',
          province: '浙江省',
          city: '杭州市',
          district: '西湖区',
          detail: '文三路 2 号 3 楼',
        },
      },
    },
  ]);
  const seen = await cloud.ok(buyer, 'order.detail', { orderId: order._id });
  expect(seen.address).toMatchObject({
    name: '钱改址',
    mobile: '13700002222',
    province: '浙江省',
    city: '杭州市',
    district: '西湖区',
    detail: '文三路 2 号 3 楼',
  });
  // The change is in the owner's audit log, region included.
  const audit = await cloud.admin('audit.list', {});
  expect(audit.items.find((entry) => entry.action === 'orders.correctAddress')).toMatchObject({
    before: { address: { province: '广东省', city: '深圳市', district: '南山区' } },
    after: { address: { province: '浙江省', city: '杭州市', district: '西湖区' } },
  });

  // Once shipped, the address is what the parcel carries: no more correcting.
  await cloud.admin('orders.ship', { orderId: order._id, expressCompany: 'SF', trackingNo: 'SF0000000099' });
  const shipped = await harness.renderPage('package-merchant/order/index', { id: order._id });
  await harness.idle();
  expect(shipped.querySelector('#ws-address-edit')).toBeFalsy();
});

test('商品数据 draws one product’s daily sales and its own funnel from dashboard.product', async () => {
  await paidOrder();
  await cloud.runWorker();
  harness.useCloud(cloud, OWNER);
  const trend = (await cloud.call('admin', { action: 'dashboard.product', productId: 'p001' }, OWNER)) as {
    data: { title: string; days: { day: string; paidQuantity: number; funnel: { paidOrders: number } }[] };
  };
  const page = await harness.renderPage('package-merchant/product-stats/index', { id: 'p001' });
  await waitFor(() => page.querySelector('#ws-product-stats') !== null, 'the product figures');
  expect(text(page, '#ws-stats-title')).toBe(trend.data.title);
  const week = trend.data.days.slice(-7);
  expect(text(page, '#ws-stats-quantity')).toBe(String(week.reduce((sum, day) => sum + day.paidQuantity, 0)));
  const paid = week.reduce((sum, day) => sum + day.funnel.paidOrders, 0);
  expect(paid).toBeGreaterThanOrEqual(1);
  await waitFor(() => drawn('ws-stats-funnel-canvas').length > 0, 'the product funnel drawn');
  expect(drawn('ws-stats-funnel-canvas')).toContain(`支付成功 ${paid}`);
  await waitFor(() => drawn('ws-stats-trend-canvas').includes(week[6].day.slice(5)), 'the daily sales drawn');
});

test('someone with an invitation code finds 输入邀请码 in 我的 and joins with the role the owner chose', async () => {
  const invitee = 'weapp-invited-by-code';
  const invitation = await cloud.admin('staff.invite', { role: 'service', name: '客服小周' });
  harness.useCloud(cloud, invitee);
  (globalThis as unknown as { wx: { removeStorageSync(key: string): void } }).wx.removeStorageSync(
    'shop.staffRole',
  );
  const me = await harness.renderPage('pages/me/index');
  await harness.idle();
  expect(me.querySelector('#me-workspace')).toBeFalsy();
  await tap(me, '#me-join-shop');
  expect(harness.navigations).toContain('/package-merchant/join/index');

  const join = await harness.renderPage('package-merchant/join/index');
  join.querySelector('#ws-join-code')!.dispatchEvent('input', { detail: { value: invitation.code } });
  await settle();
  await tap(join, '#ws-join-submit');
  await waitFor(() => harness.navigations.includes('/package-merchant/home/index'), 'the workspace opened');
  const answer = (await cloud.call('admin', { action: 'staff.me' }, invitee)) as {
    ok: boolean;
    data: { role: string };
  };
  expect(answer).toMatchObject({ ok: true, data: { role: 'service' } });
});

test('编辑 a coupon template sends only what changed and shows the saved template', async () => {
  harness.useCloud(cloud, OWNER);
  const template = await cloud.admin('coupons.create', {
    title: '满59减5',
    description: '全场通用',
    rule: { kind: 'AMOUNT_OFF', amount: 500, threshold: 5900 },
    totalLimit: 50,
    perUserLimit: 1,
    validity: { kind: 'DAYS_AFTER_CLAIM', days: 7 },
    newcomerOnly: false,
  });
  const page = await harness.renderPage('package-merchant/coupons/index');
  const card = () => byText(page, undefined, '.ws-coupon', '满59减5');
  await waitFor(() => card() !== undefined, 'the templates');
  await tapNode(byText(page, card(), '.ws-button', '编辑'), '编辑');
  const type = (id: string, value: string) =>
    page.querySelector(id)!.dispatchEvent('input', { detail: { value } });
  type('#ws-coupon-edit-per-user', '0');
  await settle();
  await tap(page, '#ws-coupon-edit-save');
  expect(harness.toasts).toContain('每人限领需为 1-100');
  expect(harness.cloudCalls.filter((call) => call.data.action === 'coupons.update')).toHaveLength(0);

  type('#ws-coupon-edit-per-user', '1');
  type('#ws-coupon-edit-total', '200');
  type('#ws-coupon-edit-days', '30');
  await settle();
  await tap(page, '#ws-coupon-edit-save');
  await waitFor(() => harness.toasts.length > 1, 'the save answered');
  expect(harness.toasts.slice(1)).toEqual(['已保存']);
  expect(harness.cloudCalls.filter((call) => call.data.action === 'coupons.update')).toEqual([
    {
      name: 'admin',
      data: { action: 'coupons.update', templateId: template._id, totalLimit: 200, validDays: 30 },
    },
  ]);
  expect(textOf(card()!)).toContain('已领 0/200');
  expect(textOf(card()!)).toContain('领取后 30 天内有效');
});

test('分类管理 adds a subcategory, refuses to remove one still in use, and removes an empty one', async () => {
  harness.useCloud(cloud, OWNER);
  const page = await harness.renderPage('package-merchant/categories/index');
  const row = (name: string) =>
    page.querySelectorAll('.ws-cat__row').find((node) => textOf(node).startsWith(name));
  await waitFor(() => row('服饰') !== undefined, 'the categories');
  await tapNode(byText(page, row('服饰'), '.ws-cat__link', '添加子类'), '添加子类');
  page.querySelector('#ws-cat-name')!.dispatchEvent('input', { detail: { value: '配饰' } });
  await settle();
  await tap(page, '#ws-cat-save');
  const created = harness.cloudCalls.filter((call) => call.data.action === 'categories.create');
  expect(created).toHaveLength(1);
  expect(created[0].data).toMatchObject({ parentId: 'c01', name: '配饰', icon: '' });
  const { categories } = await cloud.admin('categories.list', {});
  expect(categories.find((category) => category.name === '配饰')?.parentId).toBe('c01');
  await waitFor(() => row('配饰') !== undefined, 'the new subcategory listed');

  // 服饰 holds subcategories and products: the server refuses, the page says why.
  await tapNode(byText(page, row('服饰'), '.ws-cat__link', '删除'), '删除 服饰');
  await waitFor(() => harness.toasts.includes('该分类下还有子分类或商品，不能删除'), 'the refusal');
  await tapNode(byText(page, row('配饰'), '.ws-cat__link', '删除'), '删除 配饰');
  await waitFor(() => row('配饰') === undefined, 'the empty subcategory removed');
  expect(row('服饰')).toBeTruthy();
});

test('首页装修 picks each banner’s product by search and category from a list, and saves them with the notices', async () => {
  harness.useCloud(cloud, OWNER);
  await cloud.admin('home.save', {
    banners: [
      { image: '/assets/products/p001-1.svg', title: '上新', link: { kind: 'none' } },
      { image: '/assets/products/p004-1.svg', title: '', link: { kind: 'category', categoryId: 'c0101' } },
    ],
    notices: [],
  });
  const page = await harness.renderPage('package-merchant/home-content/index');
  await waitFor(() => page.querySelector('#ws-banner-1') !== null, 'the saved banners');
  // A saved link reads as its target's name, not its number.
  await waitFor(() => text(page, '#ws-banner-target-1').includes('服饰 / 男装'), 'the category named');

  // Choosing 商品 opens the picker; closed without a choice, the form refuses to save.
  await tap(page, '#ws-banner-0-link-product');
  expect(page.querySelector('#ws-link-picker')).toBeTruthy();
  await tap(page, '#ws-link-cancel');
  expect(page.querySelector('#ws-link-picker')).toBeFalsy();
  await tap(page, '#ws-home-save');
  expect(harness.toasts).toContain('请选择第 1 张横幅跳转的商品');
  expect(harness.cloudCalls.filter((call) => call.data.action === 'home.save')).toHaveLength(0);

  // The picker searches as the 商品 list does and lists what it finds.
  await tap(page, '#ws-banner-target-0');
  await waitFor(() => page.querySelectorAll('.ws-picker__product').length > 0, 'the products listed');
  page.querySelector('#ws-link-keyword')!.dispatchEvent('input', { detail: { value: '纯棉圆领' } });
  await settle();
  await tap(page, '#ws-link-search');
  await waitFor(
    () =>
      harness.cloudCalls.some(
        (call) => call.data.action === 'products.list' && call.data.keyword === '纯棉圆领',
      ),
    'the search sent',
  );
  await harness.idle();
  const found = page.querySelectorAll('.ws-picker__product').map((node) => textOf(node));
  expect(found.some((row) => row.includes('男士纯棉圆领短袖T恤'))).toBe(true);
  expect(found.some((row) => row.includes('法式碎花雪纺连衣裙'))).toBe(false);
  await tap(page, '#ws-link-product-p001');
  expect(page.querySelector('#ws-link-picker')).toBeFalsy();
  expect(text(page, '#ws-banner-target-0')).toContain('男士纯棉圆领短袖T恤');

  // The second banner's category is changed from the list of both levels.
  await tap(page, '#ws-banner-target-1');
  await waitFor(() => page.querySelector('#ws-link-category-c0102') !== null, 'the categories listed');
  await tap(page, '#ws-link-category-c0102');
  expect(text(page, '#ws-banner-target-1')).toContain('服饰 / 女装');

  await tap(page, '#ws-notice-add');
  page.querySelector('#ws-notice-0')!.dispatchEvent('input', { detail: { value: '全场满99包邮' } });
  await settle();
  await tap(page, '#ws-home-save');
  await waitFor(() => harness.toasts.includes('首页已更新'), 'the home content saved');
  expect(harness.cloudCalls.filter((call) => call.data.action === 'home.save')).toEqual([
    {
      name: 'admin',
      data: {
        action: 'home.save',
        banners: [
          {
            image: '/assets/products/p001-1.svg',
            title: '上新',
            link: { kind: 'product', productId: 'p001' },
          },
          {
            image: '/assets/products/p004-1.svg',
            title: '',
            link: { kind: 'category', categoryId: 'c0102' },
          },
        ],
        notices: [{ text: '全场满99包邮' }],
      },
    },
  ]);
  const saved = await cloud.admin('home.get', {});
  expect(saved.notices).toEqual([{ text: '全场满99包邮' }]);
  expect(saved.banners.map((banner) => banner.link)).toEqual([
    { kind: 'product', productId: 'p001' },
    { kind: 'category', categoryId: 'c0102' },
  ]);
  // The buyer's 首页 shows what was saved, and the first banner opens its product.
  harness.useCloud(cloud, 'weapp-home-after-decorating');
  harness.clearRecords();
  const home = await harness.renderPage('pages/index/index');
  expect(String(propertyOf(home, 'home-banner-1', 'src'))).toContain('/assets/products/p004-1.svg');
  expect(textOf(home.querySelector('#home-notices')!)).toContain('全场满99包邮');
  await tap(home, '#home-banner-0');
  expect(harness.navigations).toEqual(['/package-goods/detail/index?id=p001']);
});

test('the workspace order page shows why the buyer cancelled', async () => {
  const buyer = 'weapp-merchant-canceller';
  const address = await cloud.ok(buyer, 'address.add', {
    name: '钱取消',
    mobile: '13700002222',
    province: '广东省',
    city: '深圳市',
    district: '南山区',
    detail: '科技园 2 号',
    isDefault: true,
  });
  const items = [{ productId: 'p001', skuId: 'p001-s01', quantity: 1 }];
  const quote = await cloud.ok(buyer, 'checkout.quote', { items, addressId: address._id, couponId: null });
  const order = await cloud.ok(buyer, 'order.create', {
    items,
    addressId: address._id,
    couponId: null,
    requestId: 'weapp-merchant-cancel-0000',
    expectedPayable: quote.payable,
  });
  await cloud.ok(buyer, 'order.cancel', { orderId: order._id, reason: '重复下单' });
  harness.useCloud(cloud, OWNER);
  const page = await harness.renderPage('package-merchant/order/index', { id: order._id });
  await harness.idle();
  expect(text(page, '#ws-order-state')).toBe('已取消');
  expect(text(page, '#ws-order-cancel-reason')).toBe('重复下单');
});
