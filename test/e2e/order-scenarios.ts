/**
 * The buyer journeys of checkout and orders in the browser, against the local cloud with the sample shop:
 * address form → 领券 → cart → 确认订单 → 提交订单 (the payment sheet closed) → 待付款 with its countdown →
 * 取消订单, with the stock and the coupon checked through the function bridge before and after; and 提交订单 →
 * the pay sandbox's sheet → 待发货 → 申请退款 → 退款中 → 售后, with the sheet closed instead leaving the order
 * 待付款 for 去支付 on its card.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import type { ActionName, ActionRequest, ActionResponse, Result } from '../../types';
import { formatPrice } from '../../types/money';
import { TEST_USERS } from '../../src/services/test-user';
import type { Scenario } from './scenarios';
import { pageAtRest, toastGone } from './page-waits';
import { advanceClock } from './bridge-calls';
import { ROOT } from './shop-server';

const AVATAR = fs.readFileSync(path.join(ROOT, 'src', 'assets', 'tab', 'me-active.png'));

/** The H5 shop starts as the first test buyer; setup and checks call the bridge as the same buyer. */
const BUYER = TEST_USERS[0];
const PRODUCT_ID = 'p001';
const QUANTITY = 2;

async function callShop<A extends ActionName<'shop'>>(
  baseUrl: string,
  action: A,
  request: ActionRequest<'shop', A>,
): Promise<ActionResponse<'shop', A>> {
  const response = await fetch(`${baseUrl}/functions/shop`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-wx-openid': BUYER.openid },
    body: JSON.stringify({ ...(request as object), action }),
  });
  const answer = (await response.json()) as Result<ActionResponse<'shop', A>>;
  if (!answer.ok) throw new Error(`${action} answered ${answer.code}: ${answer.message}`);
  return answer.data;
}

async function stockOf(baseUrl: string, skuId: string): Promise<number> {
  const { skus } = await callShop(baseUrl, 'catalog.product', { productId: PRODUCT_ID });
  const sku = skus.find((s) => s._id === skuId);
  if (!sku) throw new Error(`no sku ${skuId}`);
  return sku.stock;
}

/** '剩余 29:58 自动关闭' → 1798. */
const COUNTDOWN = /剩余 (\d{2}):(\d{2}) 自动关闭/;

function secondsLeft(text: string): number {
  const match = COUNTDOWN.exec(text);
  if (!match) throw new Error(`no countdown in ${JSON.stringify(text)}`);
  return Number(match[1]) * 60 + Number(match[2]);
}

async function fill(page: Page, id: string, value: string): Promise<void> {
  const input = page.locator(`#${id} input`);
  await input.fill(value);
}

/**
 * 所在地区 in H5: a sheet of steps 省 → 市 → 区县 from the division data; a tab goes back a step. The form shows
 * the three names once a district is chosen.
 */
async function pickRegion(page: Page, shot: (name: string) => Promise<void>) {
  await page.locator('#address-region-picker').click();
  const options = (step: number) => page.locator(`#region-options-${step} .region-steps__option`);
  await options(0).getByText('江苏省', { exact: true }).click();
  await options(1).getByText('南京市', { exact: true }).waitFor();
  await shot('2-region-cities');
  await page.locator('#region-step-0').click();
  await options(0).getByText('浙江省', { exact: true }).click();
  await options(1).getByText('杭州市', { exact: true }).click();
  await options(2).getByText('西湖区', { exact: true }).click();
  await page.locator('#region-sheet').waitFor({ state: 'detached' });
  await page.locator('#address-region-picker').getByText('浙江省 杭州市 西湖区').waitFor();
}

/** 我的 → 收货地址 → 新增收货地址: a wrong mobile is caught on the page, then the address is saved. */
async function addAddressThroughForm(page: Page, baseUrl: string, shot: (name: string) => Promise<void>) {
  await page.goto(`${baseUrl}/#/pages/me/index`);
  await page.locator('#me-test-user').filter({ hasText: BUYER.nickname }).waitFor({ timeout: 15000 });
  await shot('1-me');

  await page.locator('#me-addresses').click();
  await page.getByText('还没有收货地址').waitFor({ timeout: 15000 });
  await page.locator('#address-add').click();
  await page.locator('#address-form').waitFor();
  await fill(page, 'address-name', '王小明');
  await fill(page, 'address-mobile', '1391234567');
  await pickRegion(page, shot);
  await fill(page, 'address-detail', '文三路 100 号 3 幢 501');
  await page.locator('#address-save').click();
  await page.getByText('请填写正确的 11 位手机号').first().waitFor();
  await shot('2-address-invalid');

  await fill(page, 'address-mobile', '13912345678');
  await page.locator('#address-save').click();
  await page.locator('#address-list').getByText('王小明').waitFor({ timeout: 15000 });
  await page.locator('#address-list').getByText('默认').first().waitFor();
  await shot('3-address-book');
  const { addresses } = await callShop(baseUrl, 'address.list', {});
  if (addresses.length !== 1 || addresses[0].mobile !== '13912345678' || !addresses[0].isDefault) {
    throw new Error(`address book is ${JSON.stringify(addresses)}`);
  }
}

async function claimNewcomerCoupon(page: Page, baseUrl: string, shot: (name: string) => Promise<void>) {
  await page.goto(`${baseUrl}/#/package-user/coupons/index?tab=claim`);
  const claim = page.locator('#coupon-claim-ct-newcomer');
  await claim.filter({ hasText: '立即领取' }).waitFor({ timeout: 15000 });
  await claim.click();
  await claim.filter({ hasText: '已领取' }).waitFor({ timeout: 10000 });
  await shot('4-coupons-claimed');
}

export const checkoutAndCancel: Scenario = {
  name: 'order-checkout-cancel',
  async run({ page, baseUrl, shot }) {
    // The page's clock runs as usual but can be moved forward (the countdown below).
    await page.clock.install();
    const { skus } = await callShop(baseUrl, 'catalog.product', { productId: PRODUCT_ID });
    const sku = skus.find((s) => s.onSale && s.stock >= QUANTITY + 5);
    if (!sku) throw new Error(`no SKU of ${PRODUCT_ID} with stock`);

    await addAddressThroughForm(page, baseUrl, shot);
    await claimNewcomerCoupon(page, baseUrl, shot);

    // The cart belongs to another part of the shop: fill it through the bridge, then check out from its page.
    // shop-and-cart leaves its line in this buyer's cart, so start from an empty one.
    const left = await callShop(baseUrl, 'cart.list', {});
    if (left.lines.length > 0) {
      await callShop(baseUrl, 'cart.remove', { lineIds: left.lines.map((line) => line.lineId) });
    }
    await callShop(baseUrl, 'cart.add', { productId: PRODUCT_ID, skuId: sku._id, quantity: QUANTITY });
    await page.goto(`${baseUrl}/#/pages/cart/index`);
    await page.locator('#cart-lines .cart-line').first().waitFor({ timeout: 15000 });
    await page.locator('#cart-checkout').click();

    const payable = page.locator('#checkout-payable');
    await payable.waitFor({ timeout: 15000 });
    const items = [{ productId: PRODUCT_ID, skuId: sku._id, quantity: QUANTITY }];
    const quote = await callShop(baseUrl, 'checkout.quote', { items });
    if (quote.discount !== 500) throw new Error(`the newcomer coupon was not suggested: ${quote.discount}`);
    await payable.filter({ hasText: formatPrice(quote.payable) }).waitFor();
    await page.locator('#address-card').getByText('王小明').waitFor();
    await page.locator('#checkout-coupon').getByText(formatPrice(-quote.discount)).waitFor();
    await shot('5-checkout');

    // The address card opens the book in choose mode; picking the address brings it back to checkout.
    await page.locator('#address-card').click();
    await page.locator('#address-list').getByText('点击地址即可选用').waitFor({ timeout: 15000 });
    await shot('5b-address-choose');
    await page.locator('#address-list .address-item__main').first().click();
    await payable.filter({ hasText: formatPrice(quote.payable) }).waitFor({ timeout: 15000 });

    await page.locator('#checkout-coupon').click();
    await page.locator('#coupon-sheet').waitFor();
    await shot('6-coupon-sheet');
    await page.locator('#coupon-sheet [id^="coupon-choice-"]').first().click();
    await page.locator('#coupon-sheet').waitFor({ state: 'detached' });
    await payable.filter({ hasText: formatPrice(quote.payable) }).waitFor();

    const stockBefore = await stockOf(baseUrl, sku._id);
    await fill(page, 'checkout-remark', '请尽快发货');
    await page.locator('#checkout-submit').click();
    // 提交订单 opens the payment at once; the buyer closes it and finds the order waiting to be paid.
    const paySheet = page.locator('#sandbox-pay-sheet');
    await paySheet.waitFor({ timeout: 15000 });
    await paySheet.locator('[data-action="cancel"]').click();
    await page.locator('#order-state').filter({ hasText: '待付款' }).waitFor({ timeout: 15000 });
    await page
      .locator('#order-countdown')
      .filter({ hasText: /剩余 \d{2}:\d{2} 自动关闭/ })
      .waitFor();
    // The countdown follows the page's clock: a minute later (the browser's clock moved, not waited for) it
    // reads a minute less.
    const firstLeft = secondsLeft(await page.locator('#order-countdown').innerText());
    await page.clock.fastForward(60_000);
    await page.waitForFunction(
      ([first, read]) => {
        const match = new RegExp(read).exec(document.querySelector('#order-countdown')?.textContent ?? '');
        const left = match ? Number(match[1]) * 60 + Number(match[2]) : NaN;
        return left <= first - 60 && left >= first - 62;
      },
      [firstLeft, COUNTDOWN.source] as const,
      { timeout: 5000 },
    );
    await page
      .locator('#order-payable')
      .filter({ hasText: formatPrice(quote.payable) })
      .waitFor();
    await shot('7-order-to-pay');
    const stockHeld = await stockOf(baseUrl, sku._id);
    if (stockHeld !== stockBefore - QUANTITY)
      throw new Error(`stock ${stockBefore} → ${stockHeld} after the order`);
    const cart = await callShop(baseUrl, 'cart.list', {});
    if (cart.lines.length !== 0) throw new Error('the ordered line is still in the cart');

    await page.locator('#order-actions').getByText('取消订单').click();
    // The reason is asked from the shop's list; choosing one cancels.
    const sheet = page.locator('.taro__actionSheet');
    await sheet.getByText('地址填错了', { exact: true }).waitFor();
    await pageAtRest(page); // the sheet slides in
    await shot('8-cancel-reason');
    await sheet.getByText('地址填错了', { exact: true }).click();
    await page.locator('#order-state').filter({ hasText: '已取消' }).waitFor({ timeout: 15000 });
    await page.locator('#order-timeline').getByText('订单已取消').waitFor();
    const [latest] = (await callShop(baseUrl, 'order.list', {})).items;
    if ((await callShop(baseUrl, 'order.detail', { orderId: latest._id })).cancelReason !== '地址填错了')
      throw new Error('the cancel reason was not stored');
    await toastGone(page);
    await shot('9-order-cancelled');

    const stockAfter = await stockOf(baseUrl, sku._id);
    if (stockAfter !== stockBefore) throw new Error(`stock ${stockBefore} → ${stockAfter} after cancelling`);
    const { coupons } = await callShop(baseUrl, 'coupon.mine', {});
    if (coupons.find((c) => c.templateId === 'ct-newcomer')?.state !== 'UNUSED') {
      throw new Error('the coupon did not come back after cancelling');
    }

    await page.goto(`${baseUrl}/#/package-order/list/index`);
    await page.locator('.order-card').first().filter({ hasText: '已取消' }).waitFor({ timeout: 15000 });
    await shot('10-order-list');
    await page.locator('#order-tab-TO_PAY').click();
    await page.getByText('没有待付款的订单').waitFor({ timeout: 15000 });
    await shot('11-order-list-to-pay');

    await page.goto(`${baseUrl}/#/package-user/coupons/index?tab=mine`);
    await page.locator('#coupon-group-usable').filter({ hasText: '可使用(1)' }).waitFor({ timeout: 15000 });
    await shot('12-my-coupons');
    await page.goto(`${baseUrl}/#/package-user/after-sales/index`);
    await page.getByText('暂无售后记录').waitFor({ timeout: 15000 });
    await shot('13-after-sales');

    await closedAtDeadline(page, baseUrl, sku._id, shot);
  },
};

/**
 * An unpaid order whose countdown ends while the buyer looks at it: at zero the page asks for its close
 * (order.closeExpired, once) and shows 已关闭 without 去支付, its stock back. Both clocks move, the cloud's first;
 * moving the cloud's also fires the worker's timer, which may close the order before the page asks (the call
 * then answers it closed): the close without the worker is proven by the weapp and integration tests.
 */
async function closedAtDeadline(
  page: Page,
  baseUrl: string,
  skuId: string,
  shot: (name: string) => Promise<void>,
): Promise<void> {
  const items = [{ productId: PRODUCT_ID, skuId, quantity: 1 }];
  const [address] = (await callShop(baseUrl, 'address.list', {})).addresses;
  const { payable } = await callShop(baseUrl, 'checkout.quote', {
    items,
    addressId: address._id,
    couponId: null,
  });
  const stockBefore = await stockOf(baseUrl, skuId);
  const order = await callShop(baseUrl, 'order.create', {
    items,
    addressId: address._id,
    couponId: null,
    requestId: 'e2e-closed-at-deadline',
    expectedPayable: payable,
  });
  await page.goto(`${baseUrl}/#/package-order/detail/index?id=${order._id}`);
  await page.locator('#order-countdown').filter({ hasText: COUNTDOWN }).waitFor({ timeout: 15000 });
  await page.locator(`#order-pay-${order._id}`).waitFor();
  const closeCalls: string[] = [];
  page.on('request', (request) => {
    if (request.postData()?.includes('"order.closeExpired"')) closeCalls.push(request.postData() ?? '');
  });
  const pastDeadline = order.expiresAt - order.createdAt + 1000;
  await advanceClock(baseUrl, pastDeadline);
  await page.clock.fastForward(pastDeadline);
  await page.locator('#order-state').filter({ hasText: '已关闭' }).waitFor({ timeout: 15000 });
  if ((await page.locator(`#order-pay-${order._id}`).count()) > 0)
    throw new Error('去支付 after the deadline');
  if (closeCalls.length !== 1) throw new Error(`order.closeExpired was called ${closeCalls.length} times`);
  const stockAfter = await stockOf(baseUrl, skuId);
  if (stockAfter !== stockBefore) throw new Error(`stock ${stockBefore} → ${stockAfter} after closing`);
  await shot('14-order-closed-at-deadline');
}

/** H5 only: 我的 switches the test buyer the bridge calls as, and every page then reads as that buyer. */
export const switchTestBuyer: Scenario = {
  name: 'me-switch-test-buyer',
  async run({ page, baseUrl, shot }) {
    const other = TEST_USERS[1];
    await page.goto(`${baseUrl}/#/pages/me/index`);
    await page.locator('#me-test-user').filter({ hasText: BUYER.nickname }).waitFor({ timeout: 15000 });
    await page.locator('#me-test-user').click();
    const cell = page.locator('.taro-actionsheet__cell').filter({ hasText: other.nickname });
    await cell.waitFor();
    await shot('1-sheet');
    await cell.click();
    await page.locator('#me-test-user').filter({ hasText: other.nickname }).waitFor({ timeout: 15000 });
    await shot('2-switched');
    const chosen = await page.evaluate(() => localStorage.getItem('shop.testUser'));
    if (chosen !== other.openid) throw new Error(`the bridge would call as ${chosen}`);
  },
};

/** The buyer's default address, added through the bridge when this scenario runs on its own. */
async function ensureAddress(baseUrl: string): Promise<void> {
  const { addresses } = await callShop(baseUrl, 'address.list', {});
  if (addresses.length > 0) return;
  await callShop(baseUrl, 'address.add', {
    name: '王小明',
    mobile: '13912345678',
    province: '浙江省',
    city: '杭州市',
    district: '西湖区',
    detail: '文三路 100 号 3 幢 501',
    isDefault: true,
  });
}

/** 立即购买 of one piece: 确认订单 as the detail page's button opens it. */
async function openBuyNow(page: Page, baseUrl: string, skuId: string): Promise<void> {
  await page.goto(
    `${baseUrl}/#/package-order/checkout/index?productId=${PRODUCT_ID}&skuId=${skuId}&quantity=1`,
  );
  await page.locator('#checkout-payable').waitFor({ timeout: 15000 });
  await page.locator('#address-card').getByText('王小明').waitFor();
}

/** The order the detail page shows: its id is in the URL. */
function shownOrderId(page: Page): string {
  const id = new URL(page.url().replace('/#/', '/')).searchParams.get('id');
  if (!id) throw new Error(`no order id in ${page.url()}`);
  return id;
}

export const payAndRefund: Scenario = {
  name: 'order-pay-refund',
  async run({ page, baseUrl, shot }) {
    const { skus } = await callShop(baseUrl, 'catalog.product', { productId: PRODUCT_ID });
    const sku = skus.find((s) => s.onSale && s.stock >= 5);
    if (!sku) throw new Error(`no SKU of ${PRODUCT_ID} with stock`);
    await ensureAddress(baseUrl);

    // 提交订单 opens the payment at once; paying in the sheet lands on 支付成功, and 查看订单 on the paid order.
    await openBuyNow(page, baseUrl, sku._id);
    await shot('1-checkout');
    await page.locator('#checkout-submit').click();
    const sheet = page.locator('#sandbox-pay-sheet');
    await sheet.waitFor({ timeout: 15000 });
    await shot('2-pay-sheet');
    await sheet.locator('[data-action="pay"]').click();
    await sheet.waitFor({ state: 'detached', timeout: 15000 });
    await page.locator('#paid-page').getByText('支付成功').waitFor({ timeout: 15000 });
    await page.locator('#paid-amount').waitFor({ timeout: 15000 });
    await page.locator('#recommend-grid .product-card').first().waitFor({ timeout: 15000 });
    await shot('3-paid-page');
    await page.locator('#paid-view-order').click();
    await page.locator('#order-state').filter({ hasText: '待发货' }).waitFor({ timeout: 15000 });
    const orderId = shownOrderId(page);
    const paid = await callShop(baseUrl, 'order.detail', { orderId });
    if (paid.state !== 'PAID' || !paid.paidAt) throw new Error(`the order is ${paid.state} after paying`);
    await page.locator('#order-info').getByText('支付时间').waitFor();
    await toastGone(page);
    await shot('4-order-paid');

    // 申请售后 → the refund sheet → 退款中, with the refund on the order.
    await page.locator(`#order-request-refund-${orderId}`).click();
    const refundSheet = page.locator('#refund-sheet');
    await refundSheet.waitFor();
    await refundSheet
      .locator('#refund-amount')
      .filter({ hasText: formatPrice(paid.amounts.payable) })
      .waitFor();
    await page.locator('#refund-reason-0').click();
    await page.locator('#refund-note textarea').fill('暂时用不上');
    // The note box reads in the page's font, without a resize handle.
    const noteStyle = await page
      .locator('#refund-note textarea')
      .evaluate((box) => ({ font: getComputedStyle(box).fontFamily, resize: getComputedStyle(box).resize }));
    if (/monospace/i.test(noteStyle.font) || noteStyle.resize !== 'none') {
      throw new Error(`the refund note box looks like ${JSON.stringify(noteStyle)}`);
    }
    await shot('5-refund-sheet');
    await page.locator('#refund-submit').click();
    await refundSheet.waitFor({ state: 'detached', timeout: 15000 });
    await page.locator('#order-state').filter({ hasText: '退款中' }).waitFor({ timeout: 15000 });
    await page.locator('#order-refund').getByText('不想要了：暂时用不上').waitFor();
    await page.locator('#order-refund-status').filter({ hasText: '退款中' }).waitFor();
    const refunding = await callShop(baseUrl, 'order.detail', { orderId });
    if (refunding.state !== 'REFUNDING' || refunding.refund?.reason !== '不想要了：暂时用不上') {
      throw new Error(`the order is ${refunding.state} with ${JSON.stringify(refunding.refund)}`);
    }
    await toastGone(page);
    await shot('6-order-refunding');

    await page.goto(`${baseUrl}/#/package-user/after-sales/index`);
    const summary = page.locator(`#refund-summary-${orderId}`);
    await summary.filter({ hasText: '不想要了：暂时用不上' }).waitFor({ timeout: 15000 });
    await summary.filter({ hasText: '退款中' }).waitFor();
    await summary.filter({ hasText: formatPrice(paid.amounts.payable) }).waitFor();
    await shot('7-after-sales');

    // Closing the sheet instead: no alarm, and the order waits 待付款 with its countdown.
    await openBuyNow(page, baseUrl, sku._id);
    await page.locator('#checkout-submit').click();
    await sheet.waitFor({ timeout: 15000 });
    await sheet.locator('[data-action="cancel"]').click();
    await page.locator('#order-state').filter({ hasText: '待付款' }).waitFor({ timeout: 15000 });
    await page
      .locator('#order-countdown')
      .filter({ hasText: /剩余 \d{2}:\d{2} 自动关闭/ })
      .waitFor();
    const unpaidId = shownOrderId(page);
    if (unpaidId === orderId) throw new Error('the second checkout answered the first order');
    if ((await page.getByText('支付失败').count()) > 0)
      throw new Error('closing the sheet reads as a failure');
    await shot('8-sheet-closed-to-pay');
    const unpaid = await callShop(baseUrl, 'order.detail', { orderId: unpaidId });
    if (unpaid.state !== 'TO_PAY') throw new Error(`the order is ${unpaid.state} after closing the sheet`);

    // How the detail looks while a payment is being confirmed (the sheet said paid, the order not yet).
    await page.goto(`${baseUrl}/#/package-order/detail/index?id=${unpaidId}&paying=1`);
    await page.locator('#order-state').filter({ hasText: '支付结果确认中' }).waitFor({ timeout: 15000 });
    await page.locator('#order-refresh-payment').waitFor();
    if ((await page.locator(`#order-pay-${unpaidId}`).count()) > 0)
      throw new Error('去支付 while confirming');
    await shot('8b-confirming-payment');

    // 去支付 on its card in 我的订单 pays it there.
    await page.goto(`${baseUrl}/#/package-order/list/index?tab=TO_PAY`);
    const card = page.locator(`#order-card-${unpaidId}`);
    await card.waitFor({ timeout: 15000 });
    await page.locator(`#order-pay-${unpaidId}`).click();
    await sheet.waitFor({ timeout: 15000 });
    await sheet.locator('[data-action="pay"]').click();
    // Paid, it is no longer an order to pay: it leaves the 待付款 tab (and shows under 待发货).
    await page.locator('.taro__toast').getByText('支付成功').waitFor({ timeout: 15000 });
    await card.waitFor({ state: 'detached', timeout: 15000 });
    const listedPaid = await callShop(baseUrl, 'order.detail', { orderId: unpaidId });
    if (listedPaid.state !== 'PAID')
      throw new Error(`the order is ${listedPaid.state} after paying from the list`);
    await toastGone(page);
    await shot('9-list-paid');
    await page.locator('#order-tab-TO_SHIP').click();
    await page.locator(`#order-card-${unpaidId}`).filter({ hasText: '待发货' }).waitFor({ timeout: 15000 });
  },
};

/** 个人资料 in H5: a picture file as the avatar (stored in the local cloud's storage) and a nickname, shown on 我的. */
export const editProfile: Scenario = {
  name: 'me-profile',
  async run({ page, baseUrl, shot }) {
    await page.goto(`${baseUrl}/#/pages/me/index`);
    await page.locator('#me-test-user').filter({ hasText: BUYER.nickname }).waitFor({ timeout: 15000 });
    await page.locator('#me-nickname').click();
    // 保存 answers once the saved profile is read (profile.get): until then it is greyed and taps do nothing.
    await page.locator('#profile-save:not(.profile__save--busy)').waitFor({ timeout: 15000 });
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#profile-avatar').click();
    await (await chooser).setFiles({ name: 'me.png', mimeType: 'image/png', buffer: AVATAR });
    await page.locator('#profile-avatar-image').waitFor({ timeout: 15000 });
    await page.locator('#profile-nickname input').fill('小鹿爱逛街');
    await pageAtRest(page);
    await shot('1-profile');
    await page.locator('#profile-save').click();
    // Saved, the page goes back to 我的, which reads the profile again.
    await page.locator('#me-nickname').filter({ hasText: '小鹿爱逛街' }).waitFor({ timeout: 15000 });
    await pageAtRest(page);
    const avatarWidth = await page
      .locator('#me-avatar img')
      .evaluate((img) => (img as HTMLImageElement).naturalWidth);
    if (!(avatarWidth > 0)) throw new Error('我的 does not show the uploaded avatar');
    await shot('2-me');
  },
};

export const orderScenarios: Scenario[] = [checkoutAndCancel, switchTestBuyer, payAndRefund, editProfile];
