/**
 * After-sales after receipt in the browser: a buyer receives an order of two items, asks 退货退款 for one of
 * them with a photo, and enters the return parcel's tracking number once the merchant agrees; the owner approves
 * and confirms the goods in 售后; the buyer's order then shows the partial refund (that item's paid share) and
 * the pay sandbox holds exactly that refund.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { formatPrice, type Order } from '../../types';
import { TEST_SHOP_OWNER, TEST_USERS } from '../../src/services/test-user';
import type { Scenario } from './scenarios';
import { ROOT } from './shop-server';
import { call, payInSandbox, settleRefunds, shopActionsOf } from './bridge-calls';
import { pageAtRest, toastGone } from './page-waits';

const BUYER = TEST_USERS[1];

const asBuyer = shopActionsOf(BUYER.openid);

/** Taro's H5 modal: waits for it and taps the button named `button`. */
async function confirmModal(page: Page, text: string, button = '确定'): Promise<void> {
  const modal = page.locator('.taro__modal');
  await modal.getByText(text, { exact: false }).waitFor();
  await pageAtRest(page); // the modal has faded in
  await modal.locator('.taro-modal__foot').getByText(button).click();
}

async function asTestUser(page: Page, baseUrl: string, openid: string, route: string): Promise<void> {
  await page.goto(`${baseUrl}/#/pages/me/index`);
  await page.evaluate((chosen) => localStorage.setItem('shop.testUser', chosen), openid);
  await page.goto(`${baseUrl}/#/${route}`);
  await page.reload();
}

/** A paid and shipped order of two different products, placed through the bridge and the pay sandbox. */
async function shippedOrder(baseUrl: string): Promise<Order> {
  const { addresses } = await asBuyer(baseUrl, 'address.list', {});
  const address =
    addresses[0] ??
    (await asBuyer(baseUrl, 'address.add', {
      name: '周售后',
      mobile: '13800005678',
      province: '浙江省',
      city: '杭州市',
      district: '西湖区',
      detail: '文一路 8 号',
      isDefault: true,
    }));
  const items = [];
  for (const productId of ['p001', 'p004']) {
    const { skus } = await asBuyer(baseUrl, 'catalog.product', { productId });
    const sku = skus.find((s) => s.onSale && s.stock >= 5);
    if (!sku) throw new Error(`no SKU of ${productId} with stock`);
    items.push({ productId, skuId: sku._id, quantity: 1 });
  }
  const quote = await asBuyer(baseUrl, 'checkout.quote', { items, addressId: address._id, couponId: null });
  const order = await asBuyer(baseUrl, 'order.create', {
    items,
    addressId: address._id,
    couponId: null,
    requestId: 'after-sales-e2e-0001',
    expectedPayable: quote.payable,
  });
  await payInSandbox(baseUrl, BUYER.openid, order);
  const shipped = await call(
    baseUrl,
    'admin',
    { action: 'orders.ship', orderId: order._id, expressCompany: 'SF', trackingNo: 'SF5550001111' },
    TEST_SHOP_OWNER,
  );
  if (!shipped.ok) throw new Error(`orders.ship answered ${shipped.code}`);
  return asBuyer(baseUrl, 'order.detail', { orderId: order._id });
}

/** The buyer's photo of the problem: any real PNG will do. */
const PHOTO = fs.readFileSync(path.join(ROOT, 'src', 'assets', 'tab', 'category-active.png'));

export const afterSalesReturn: Scenario = {
  name: 'after-sales-return',
  async run({ page, baseUrl, shot }) {
    const order = await shippedOrder(baseUrl);

    // The buyer receives the order on its page.
    await asTestUser(page, baseUrl, BUYER.openid, `package-order/detail/index?id=${order._id}`);
    await page.locator(`#order-receive-${order._id}`).click({ timeout: 30000 });
    await confirmModal(page, '请确认已收到商品', '确认收货');
    await page.locator('#as-apply-0').waitFor({ timeout: 15000 });
    await toastGone(page);
    await shot('1-received');

    // 申请售后 on the first item: 退货退款, a reason, a note and a photo; the amount is the server's.
    await page.locator('#as-apply-0').click();
    await page.locator('#as-submit').waitFor({ timeout: 15000 });
    const quote = await asBuyer(baseUrl, 'afterSale.quote', {
      orderId: order._id,
      lineIndex: 0,
      quantity: 1,
    });
    await page
      .locator('#as-amount')
      .filter({ hasText: formatPrice(quote.amount) })
      .waitFor({ timeout: 15000 });
    await page.locator('#as-type-RETURN_REFUND').click();
    await page.locator('#as-reason-1').click();
    await page.locator('#as-note textarea').fill('袖口有破洞');
    const chooser = page.waitForEvent('filechooser');
    await page.locator('#as-add-photo').click();
    await (await chooser).setFiles({ name: 'hole.png', mimeType: 'image/png', buffer: PHOTO });
    await page.locator('.as-apply__photo').first().waitFor({ timeout: 15000 });
    await page.locator('.as-apply__photo--add').filter({ hasText: '1/5' }).waitFor({ timeout: 15000 });
    await shot('2-request-form');
    await page.locator('#as-submit').click();
    await page.locator('#as-state').filter({ hasText: '待商家处理' }).waitFor({ timeout: 15000 });
    await toastGone(page);
    await shot('3-requested');
    const { items: requests } = await asBuyer(baseUrl, 'afterSale.list', {});
    const request = requests.find((r) => r.orderId === order._id);
    if (!request) throw new Error('the request is not in the buyer list');
    if (request.amount !== quote.amount || !request.photos[0]?.startsWith('cloud://'))
      throw new Error(`the request reads ${JSON.stringify(request)}`);

    // The owner agrees in 售后.
    await asTestUser(page, baseUrl, TEST_SHOP_OWNER, 'package-merchant/refunds/index');
    const approve = page.locator(`#ws-as-approve-${request._id}`);
    await approve.waitFor({ timeout: 30000 });
    await shot('4-merchant-queue');
    await approve.click();
    await confirmModal(page, '退货地址');
    await page
      .locator(`#ws-as-state-${request._id}`)
      .filter({ hasText: '待买家退货' })
      .waitFor({ timeout: 15000 });

    // The buyer sees the return address and enters the parcel's express company and number.
    await asTestUser(page, baseUrl, BUYER.openid, `package-user/after-sale/index?id=${request._id}`);
    await page
      .locator('#as-return-address')
      .filter({ hasText: '云上小店售后部' })
      .waitFor({ timeout: 30000 });
    await page.locator('#as-company-ZTO').click();
    await page.locator('#as-tracking-no input').fill('ZT7778889990');
    await shot('5-return-parcel');
    await page.locator('#as-ship-submit').click();
    await page.locator('#as-state').filter({ hasText: '待商家收货' }).waitFor({ timeout: 15000 });
    await page.locator('#as-return-shipment').filter({ hasText: 'ZT7778889990' }).waitFor();

    // The owner sees the tracking number and confirms the goods: the refund goes to WeChat Pay.
    await asTestUser(page, baseUrl, TEST_SHOP_OWNER, 'package-merchant/refunds/index');
    await page
      .locator(`#ws-as-tracking-${request._id}`)
      .filter({ hasText: 'ZT7778889990' })
      .waitFor({ timeout: 30000 });
    await page.locator(`#ws-as-receive-${request._id}`).click();
    await confirmModal(page, '确认后库存退回');
    await page
      .locator(`#ws-as-state-${request._id}`)
      .filter({ hasText: /退款中|退款成功/ })
      .waitFor({ timeout: 15000 });
    await toastGone(page);
    await shot('6-merchant-refunding');
    // WeChat Pay settles the refund a moment later by the cloud's clock (moved, not waited for); the worker's
    // next run follows it.
    await settleRefunds(baseUrl);
    const settled = await asBuyer(baseUrl, 'afterSale.detail', { afterSaleId: request._id });
    if (settled.state !== 'REFUNDED') throw new Error(`the after-sales request reads ${settled.state}`);

    // The buyer's order shows the partial refund; the sandbox holds exactly that refund of the payment.
    await asTestUser(page, baseUrl, BUYER.openid, `package-order/detail/index?id=${order._id}`);
    await page
      .locator('#order-after-sale-refunded')
      .filter({ hasText: formatPrice(quote.amount) })
      .waitFor({ timeout: 30000 });
    await page.locator('#as-entry-0').filter({ hasText: '已退款 1 件' }).waitFor();
    await page.locator('#as-apply-1').waitFor();
    await shot('7-order-partially-refunded');
    const summary = (await (await fetch(`${baseUrl}/_/paysandbox/transactions/${order.orderNo}`)).json()) as {
      refundedFen: number;
      amountFen: number;
    };
    if (summary.refundedFen !== quote.amount || quote.amount >= summary.amountFen)
      throw new Error(
        `the sandbox refunded ${summary.refundedFen} of ${summary.amountFen}, expected ${quote.amount}`,
      );
  },
};

export const afterSalesScenarios: Scenario[] = [afterSalesReturn];
