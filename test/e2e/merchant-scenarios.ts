/**
 * The merchant's workspace in the browser, as the owner `npm start` names (测试店主): 我的 → 商家工作台 with
 * today's figures and the ECharts trend and funnel (their canvases painted); a buyer's paid order shipped from
 * its page (the shipping information's upload then listed by the local cloud at GET /_/cloudcalls), two more
 * shipped at once with 批量发货, the orders exported as CSV; a refund approved in 售后 that reaches the buyer's
 * order; a banner (opening the new product, picked by search) and a notice set in 首页装修 that the buyer's
 * 首页 shows; and, as a buyer, no workspace entry and FORBIDDEN from every merchant action.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { Order } from '../../types';
import { ADMIN_ACTION_ACCESS } from '../../cloudfunctions/common/domain/staff-permissions';
import { TEST_SHOP_OWNER, TEST_USERS } from '../../src/services/test-user';
import type { Scenario } from './scenarios';
import { ROOT } from './shop-server';
import { call, payInSandbox, runWorker, settleRefunds, shopActionsOf } from './bridge-calls';
import { pageAtRest, toastGone } from './page-waits';

/** A buyer the other scenarios leave alone, so their orders do not mix with these. */
const BUYER = TEST_USERS[2];
const PRODUCT_ID = 'p002';

const asBuyer = shopActionsOf(BUYER.openid);

async function paidOrder(baseUrl: string, requestId: string): Promise<Order> {
  const { addresses } = await asBuyer(baseUrl, 'address.list', {});
  const address =
    addresses[0] ??
    (await asBuyer(baseUrl, 'address.add', {
      name: '李商测',
      mobile: '13800001234',
      province: '上海市',
      city: '上海市',
      district: '浦东新区',
      detail: '世纪大道 100 号',
      isDefault: true,
    }));
  const { skus } = await asBuyer(baseUrl, 'catalog.product', { productId: PRODUCT_ID });
  const sku = skus.find((s) => s.onSale && s.stock >= 5);
  if (!sku) throw new Error(`no SKU of ${PRODUCT_ID} with stock`);
  const items = [{ productId: PRODUCT_ID, skuId: sku._id, quantity: 1 }];
  const quote = await asBuyer(baseUrl, 'checkout.quote', { items, addressId: address._id, couponId: null });
  const order = await asBuyer(baseUrl, 'order.create', {
    items,
    addressId: address._id,
    couponId: null,
    requestId,
    expectedPayable: quote.payable,
  });
  await payInSandbox(baseUrl, BUYER.openid, order);
  return asBuyer(baseUrl, 'order.detail', { orderId: order._id });
}

/** Reloads 我的 as another test user and waits for its staff.me answer (the first call may start the function). */
async function switchTestUser(page: Page, baseUrl: string, openid: string): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/me/index`);
  await page.evaluate((chosen) => localStorage.setItem('shop.testUser', chosen), openid);
  const staffMe = page.waitForResponse(
    (response) =>
      response.url().endsWith('/functions/admin') && response.request().headers()['x-wx-openid'] === openid,
    { timeout: 60000 },
  );
  await page.reload();
  await staffMe;
}

/** Taro's H5 modal: waits for it and taps its confirm button. */
async function confirmModal(page: Page, text: string): Promise<void> {
  const modal = page.locator('.taro__modal');
  await modal.getByText(text, { exact: false }).waitFor();
  await pageAtRest(page); // the modal has faded in
  await modal.locator('.taro-modal__foot').getByText('确定').click();
}

/**
 * How much of a chart's canvas is painted: pixels not transparent nor white, and pixels of the strong blue
 * (#2f6fed) the trend gives the chosen day. Waits for the canvas first.
 */
async function canvasPaint(page: Page, selector: string): Promise<{ painted: number; chosenBlue: number }> {
  const canvas = page.locator(selector).first();
  await canvas.waitFor({ timeout: 15000 });
  return canvas.evaluate((element) => {
    const node = element as HTMLCanvasElement;
    const { data } = node.getContext('2d')!.getImageData(0, 0, node.width, node.height);
    let painted = 0;
    let chosenBlue = 0;
    for (let i = 0; i < data.length; i += 4) {
      const [r, g, b, a] = [data[i], data[i + 1], data[i + 2], data[i + 3]];
      if (a > 0 && !(r > 245 && g > 245 && b > 245)) painted += 1;
      if (a > 200 && Math.abs(r - 47) < 8 && Math.abs(g - 111) < 8 && Math.abs(b - 237) < 8) chosenBlue += 1;
    }
    return { painted, chosenBlue };
  });
}

/** What the merchant picks as the new product's picture: any real PNG will do. */
const PICTURE = fs.readFileSync(path.join(ROOT, 'src', 'assets', 'tab', 'category-active.png'));
const NEW_TITLE = '珊瑚绒云朵毛毯';

const NOTICE = '双十二预售：12月1日至12日每晚20点抢券，满199减30，满299减50，部分商品第二件半价';

/** A banner as a merchant's designer would make one: drawn in the browser and taken as a PNG. */
async function bannerPicture(page: Page): Promise<Buffer> {
  const artboard = await page.context().newPage();
  await artboard.setViewportSize({ width: 375, height: 150 });
  // A mobile context lays a page out 980 px wide unless the page names its viewport.
  await artboard.setContent(`<meta name="viewport" content="width=device-width"><body style="margin:0">
    <div style="width:375px;height:150px;box-sizing:border-box;padding:22px 26px;font-family:'Noto Sans CJK SC',sans-serif;
      background:linear-gradient(120deg,#ff7a45 0%,#e93b3d 60%,#c81d4e 100%);color:#fff;position:relative;overflow:hidden">
      <div style="position:absolute;right:-30px;top:-40px;width:190px;height:190px;border-radius:50%;background:rgba(255,255,255,.14)"></div>
      <div style="position:absolute;right:40px;bottom:-60px;width:130px;height:130px;border-radius:50%;background:rgba(255,220,120,.35)"></div>
      <div style="font-size:13px;letter-spacing:2px;opacity:.9">冬季新品 · 限时特惠</div>
      <div style="font-size:30px;font-weight:800;margin-top:6px">珊瑚绒毛毯 上新</div>
      <div style="display:inline-block;margin-top:12px;padding:4px 14px;border-radius:14px;background:#ffe9a8;color:#c8261c;font-size:13px;font-weight:700">到手价 ¥129 起 &gt;</div>
    </div></body>`);
  const picture = await artboard.screenshot({ clip: { x: 0, y: 0, width: 375, height: 150 } });
  await artboard.close();
  return picture;
}

interface CloudCall {
  name: string;
  args: Record<string, unknown>;
  errcode: number;
}

export const merchantWorkspace: Scenario = {
  name: 'merchant-workspace',
  async run({ page, baseUrl, shot }) {
    const toShip = await paidOrder(baseUrl, 'merchant-e2e-ship-0001');
    const toRefund = await paidOrder(baseUrl, 'merchant-e2e-refund-01');
    const batch = [
      await paidOrder(baseUrl, 'merchant-e2e-batch-0001'),
      await paidOrder(baseUrl, 'merchant-e2e-batch-0002'),
    ];
    await asBuyer(baseUrl, 'order.requestRefund', { orderId: toRefund._id, reason: '不想要了' });
    // The worker keeps the dashboard's daily figures; run it now rather than wait for its timer.
    await runWorker(baseUrl);

    // 我的 → 商家工作台 as the owner.
    await switchTestUser(page, baseUrl, TEST_SHOP_OWNER);
    const entry = page.locator('#me-workspace');
    await entry.filter({ hasText: '店主' }).waitFor({ timeout: 15000 });
    await shot('1-me-owner');
    await entry.click();
    await page.locator('#ws-home').waitFor({ timeout: 15000 });
    await page.locator('#ws-waiting-to-ship').waitFor();
    await shot('2-workspace');

    // 订单 → 待发货 → the order → 顺丰 + tracking number → 确认发货.
    await page.locator('#ws-entry-orders').click();
    await page.locator('#ws-order-tab-PAID').click();
    const row = page.locator(`#ws-order-${toShip._id}`);
    await row.waitFor({ timeout: 15000 });
    await shot('3-orders-to-ship');
    await row.click();
    await page.locator('#ws-ship-form').waitFor({ timeout: 15000 });
    await page.locator('#ws-express-SF').click();
    await page.locator('#ws-tracking-no input').fill('SF1234567890');
    await shot('4-ship-form');
    await page.locator('#ws-ship').click();
    await page.locator('#ws-order-state').filter({ hasText: '已发货' }).waitFor({ timeout: 15000 });
    await page.locator('#ws-order-tracking').filter({ hasText: 'SF1234567890' }).waitFor();
    await toastGone(page);
    await shot('5-shipped');
    const uploads = (await (
      await fetch(`${baseUrl}/_/cloudcalls?name=wxaSecOrder.uploadShippingInfo`)
    ).json()) as { calls: CloudCall[] };
    const upload = uploads.calls.find((c) => JSON.stringify(c.args).includes('SF1234567890'));
    if (!upload) throw new Error(`no shipping upload listed: ${JSON.stringify(uploads.calls)}`);
    if (!JSON.stringify(upload.args).includes(String(toShip.payment?.transactionId)))
      throw new Error(`the upload is not for the order's payment: ${JSON.stringify(upload.args)}`);

    // 订单 → 批量发货: both batch orders picked, 中通 for the batch, a tracking number each.
    await page.goto(`${baseUrl}/#/package-merchant/orders/index`);
    await page.locator('#ws-orders-batch').click();
    for (const order of batch) await page.locator(`#ws-batch-pick-${order._id}`).click({ timeout: 15000 });
    await page.locator('#ws-batch-express-ZTO').click();
    for (const [index, order] of batch.entries())
      await page.locator(`#ws-batch-tracking-${order._id} input`).fill(`ZT90000000${index + 1}`);
    await shot('5b-batch-ship');
    await page.locator('#ws-batch-send').click();
    await page
      .locator('#ws-batch-shipped')
      .filter({ hasText: '本次已发货 2 单' })
      .waitFor({ timeout: 15000 });
    await toastGone(page);
    await shot('5c-batch-shipped');
    for (const [index, order] of batch.entries()) {
      const seen = await asBuyer(baseUrl, 'order.detail', { orderId: order._id });
      if (seen.state !== 'SHIPPED' || seen.logistics?.trackingNo !== `ZT90000000${index + 1}`)
        throw new Error(`batch order ${order.orderNo} reads ${seen.state} ${seen.logistics?.trackingNo}`);
    }

    // 订单 → 导出订单: the last 7 days as CSV, its link downloads the orders just shipped.
    await page.goto(`${baseUrl}/#/package-merchant/orders/index`);
    await page.locator('#ws-orders-export').click();
    await page.locator('#ws-export-run').click();
    const url = page.locator('#ws-export-url');
    await url.waitFor({ timeout: 15000 });
    await shot('5d-export');
    const csv = await (await fetch(await url.innerText())).text();
    for (const order of [toShip, ...batch])
      if (!csv.includes(order.orderNo))
        throw new Error(`the export lacks ${order.orderNo}: ${csv.slice(0, 300)}`);

    // 售后 → 同意退款 → the buyer's order is refunded.
    await page.goto(`${baseUrl}/#/package-merchant/refunds/index`);
    const approve = page.locator(`#ws-refund-approve-${toRefund._id}`);
    await approve.waitFor({ timeout: 15000 });
    await shot('6-refund-queue');
    await approve.click();
    await confirmModal(page, '原路退回');
    await page.locator(`#ws-refund-sent-${toRefund._id}`).waitFor({ timeout: 15000 });
    // Other buyers' requests may still wait in the queue; this one no longer asks for a decision.
    if ((await page.locator(`#ws-refund-approve-${toRefund._id}`).count()) > 0)
      throw new Error('the approved refund still offers 同意退款');
    // The sandbox pays the refund back a moment later by the cloud's clock (moved, not waited for); the
    // worker's next run follows it to the order.
    await settleRefunds(baseUrl);
    const refunded = await asBuyer(baseUrl, 'order.detail', { orderId: toRefund._id });
    if (refunded.state !== 'REFUNDED') throw new Error(`the refunded order reads ${refunded.state}`);
    await toastGone(page);
    await shot('7-refund-approved');

    // 工作台: today's figures (the worker brings them up to date) and the sales trend chart.
    await runWorker(baseUrl);
    await page.goto(`${baseUrl}/#/package-merchant/home/index`);
    await page.locator('#ws-dashboard').waitFor({ timeout: 15000 });
    // The trend and the funnel are ECharts canvases: painted, and today (paid orders, the chosen day) in the
    // strong blue of the chosen bar.
    const trend = await canvasPaint(page, '#ws-trend-canvas canvas');
    if (trend.painted < 2000 || trend.chosenBlue < 50)
      throw new Error(`the trend chart looks blank: ${JSON.stringify(trend)}`);
    const funnel = await canvasPaint(page, '#ws-funnel-canvas canvas');
    if (funnel.painted < 2000) throw new Error(`the funnel looks blank: ${JSON.stringify(funnel)}`);
    const paidOrders = Number(await page.locator('#ws-figure-paid-orders').innerText());
    if (!(paidOrders >= 2)) throw new Error(`today's paid orders read ${paidOrders}, expected at least 2`);
    await shot('7b-dashboard');
    await page.locator('#ws-funnel').scrollIntoViewIfNeeded();
    await shot('7c-dashboard-funnel');

    // 商品 → 新建商品: title, category, an uploaded picture, a 颜色 dimension with two values → two SKUs.
    await page.goto(`${baseUrl}/#/package-merchant/products/index`);
    await page.locator('#ws-product-rows .ws-product').first().waitFor({ timeout: 15000 });
    await shot('8-products');
    await page.locator('#ws-product-new').click();
    await page.locator('#ws-product-form').waitFor({ timeout: 15000 });
    await page.locator('#ws-product-title input').fill(NEW_TITLE);
    await page.locator('#ws-product-subtitle input').fill('亲肤保暖 四季可用');
    await page.locator('#ws-category-c0101').click();
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#ws-product-add-image').click();
    await (await chooser).setFiles({ name: 'blanket.png', mimeType: 'image/png', buffer: PICTURE });
    await page.locator('#ws-product-images .ws-edit__image').first().waitFor({ timeout: 15000 });
    await page.locator('#ws-spec-add').click();
    await page.locator('#ws-spec-name-0 input').fill('颜色');
    await page.locator('#ws-spec-values-0 input').fill('米白 浅灰');
    await page.locator('#ws-sku-1').waitFor();
    for (const index of [0, 1]) {
      await page.locator(`#ws-sku-price-${index} input`).fill('129');
      await page.locator(`#ws-sku-original-${index} input`).fill('199');
      await page.locator(`#ws-sku-stock-${index} input`).fill('20');
    }
    await shot('9-product-form');
    await page.locator('#ws-product-save').click();
    await page.locator('#ws-sku-adjust-0').waitFor({ timeout: 15000 });
    await toastGone(page);
    await shot('10-product-created');

    // 首页装修: the sample shop's banners and notices taken away, then a banner picture uploaded, opening the new
    // product picked by search, and a notice.
    await page.goto(`${baseUrl}/#/package-merchant/home-content/index`);
    await page.locator('#ws-banner-add').waitFor({ timeout: 15000 });
    for (const kind of ['banner', 'notice']) {
      for (let left = await page.locator(`[id^="ws-${kind}-remove-"]`).count(); left > 0; left -= 1) {
        await page.locator(`#ws-${kind}-remove-0`).click();
        await page.locator(`#ws-${kind}-remove-${left - 1}`).waitFor({ state: 'detached' });
      }
    }
    const bannerChooser = page.waitForEvent('filechooser');
    await page.locator('#ws-banner-add').click();
    await (
      await bannerChooser
    ).setFiles({ name: 'banner.png', mimeType: 'image/png', buffer: await bannerPicture(page) });
    await page.locator('#ws-banner-0').waitFor({ timeout: 15000 });
    await page.locator('#ws-banner-title-0 input').fill('毛毯上新');
    await page.locator('#ws-banner-0-link-product').click();
    await page.locator('#ws-link-keyword input').fill(NEW_TITLE);
    await page.locator('#ws-link-search').click();
    const pickRow = page.locator('.ws-picker__product').filter({ hasText: NEW_TITLE });
    await pickRow.waitFor({ timeout: 15000 });
    await pageAtRest(page);
    await shot('10b-banner-link-picker');
    await pickRow.click();
    await page.locator('#ws-banner-target-0').filter({ hasText: NEW_TITLE }).waitFor();
    await page.locator('#ws-notice-add').click();
    await page.locator('#ws-notice-0 input').fill(NOTICE);
    await page.locator('#ws-home-save').click();
    await page.getByText('首页已更新').waitFor({ timeout: 15000 });
    await toastGone(page);
    await shot('10c-home-content');

    // As a buyer: no entry in 我的, and every merchant action answers FORBIDDEN.
    await switchTestUser(page, baseUrl, BUYER.openid);
    await page.locator('#me-test-user').filter({ hasText: BUYER.nickname }).waitFor({ timeout: 15000 });
    await page.locator('#me-all-orders').waitFor();
    // switchTestUser waited for staff.me's answer; the page keeps it in storage, and a buyer gets 加入店铺.
    await page.waitForFunction((key) => localStorage.getItem(key) !== null, `shop.staffRole.${BUYER.openid}`);
    await page.locator('#me-join-shop').waitFor();
    await pageAtRest(page);
    if ((await page.locator('#me-workspace').count()) > 0)
      throw new Error('a buyer sees the workspace entry');
    await shot('11-me-buyer');

    // 首页 shows the banner and the notice; the notice opens in full, the banner opens the new product.
    await page.goto(`${baseUrl}/#/pages/index/index`);
    await page.locator('#home-banners #home-banner-0').waitFor({ timeout: 15000 });
    await page.locator('#home-notices').filter({ hasText: '满199减30' }).waitFor();
    await page.locator('#home-feed .product-card').first().waitFor({ timeout: 15000 });
    await pageAtRest(page);
    await shot('11b-buyer-home');
    await page.locator('#home-notice-0').click();
    await page.locator('.taro__modal').getByText(NOTICE).waitFor({ timeout: 15000 });
    await pageAtRest(page); // the modal has faded in
    await shot('11c-buyer-notice');
    await page.locator('.taro__modal .taro-modal__foot').getByText('知道了').click();
    await page.locator('.taro__modal').waitFor({ state: 'hidden' });
    await page.locator('#home-banner-0').click();
    await page.waitForURL(/package-goods\/detail\/index\?id=/, { timeout: 15000 });
    await page.getByText(NEW_TITLE).first().waitFor({ timeout: 15000 });
    await pageAtRest(page);
    await shot('11d-banner-opened');

    // The buyer's search finds the new product, with its uploaded picture and both SKUs.
    await page.goto(`${baseUrl}/#/package-goods/search/index`);
    const input = page.locator('#search-input input');
    await input.waitFor({ timeout: 15000 });
    await input.fill(NEW_TITLE);
    await input.press('Enter');
    const found = page.locator('#search-results .product-card').filter({ hasText: NEW_TITLE });
    await found.first().waitFor({ timeout: 15000 });
    await shot('12-buyer-search');
    const { items } = await asBuyer(baseUrl, 'catalog.products', { keyword: NEW_TITLE });
    const created = items.find((item) => item.title === NEW_TITLE);
    if (!created) throw new Error(`the buyer's search does not list ${NEW_TITLE}`);
    const detail = await asBuyer(baseUrl, 'catalog.product', { productId: created._id });
    if (detail.skus.length !== 2 || !detail.product.images[0]?.startsWith('cloud://'))
      throw new Error(`the new product reads ${JSON.stringify(detail)}`);
    for (const action of Object.keys(ADMIN_ACTION_ACCESS)) {
      if (ADMIN_ACTION_ACCESS[action as keyof typeof ADMIN_ACTION_ACCESS] === 'anyone') continue;
      const answer = await call(baseUrl, 'admin', { action }, BUYER.openid);
      if (answer.ok || answer.code !== 'FORBIDDEN')
        throw new Error(`${action} answered a buyer ${JSON.stringify(answer)}`);
    }
  },
};

export const merchantScenarios: Scenario[] = [merchantWorkspace];
