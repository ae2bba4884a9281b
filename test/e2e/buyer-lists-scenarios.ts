/**
 * 收藏 and 浏览记录 in the browser: a product favorited on its detail page is found in 我的 → 我的收藏, opens from
 * there and is removed there; two opened products show in 浏览记录 newest first, and 清空 empties it.
 */
import type { Page, Response } from 'playwright-core';
import { TEST_USERS } from '../../src/services/test-user';
import { shopActionsOf } from './bridge-calls';
import { pageAtRest, toastGone } from './page-waits';
import type { Scenario } from './scenarios';

/** The H5 shop's default buyer, as the order scenarios use it. */
const BUYER = TEST_USERS[0];
const asBuyer = shopActionsOf(BUYER.openid);
/** 北欧哑光陶瓷马克杯: favorited, opened from 我的收藏, removed. */
const FAVORITE = 'p018';
/** Kept already (through the bridge), so 我的收藏 lists more than the one row the scenario adds. */
const KEPT_BEFORE = 'p013';
/** 长绒棉贡缎四件套: the second product opened. */
const OPENED_LATER = 'p021';

/** Resolves with the answer of the next call of `action` to the shop function. */
function shopAnswer(page: Page, action: string): Promise<Response> {
  return page.waitForResponse(
    (response) =>
      response.url().endsWith('/functions/shop') &&
      (response.request().postData() ?? '').includes(`"action":"${action}"`),
    { timeout: 15000 },
  );
}

/**
 * Opens a product's page and waits until its opening is recorded (history.record, which also says whether it
 * is a favorite): a 收藏 tap before that answer would be overwritten by it.
 */
async function openProduct(page: Page, baseUrl: string, productId: string): Promise<void> {
  const recorded = shopAnswer(page, 'history.record');
  await page.goto(`${baseUrl}/#/package-goods/detail/index?id=${productId}`);
  await page.locator('#detail-title').waitFor({ timeout: 15000 });
  await recorded;
}

/** The product ids of the rows of 我的收藏 or 浏览记录, top to bottom. */
async function rowIds(page: Page): Promise<string[]> {
  const ids = await page.locator('.kept-row').evaluateAll((rows) => rows.map((row) => row.id));
  return ids.map((id) => id.replace(/^kept-/, ''));
}

async function openFromMe(page: Page, baseUrl: string, entry: '#me-favorites' | '#me-history') {
  await page.goto(`${baseUrl}/#/pages/me/index`);
  await page.locator(entry).click();
}

export const favoritesAndHistory: Scenario = {
  name: 'favorites-and-history',
  async run({ page, baseUrl, shot }) {
    await asBuyer(baseUrl, 'favorite.add', { productId: KEPT_BEFORE });
    await asBuyer(baseUrl, 'favorite.remove', { productId: FAVORITE });

    // 收藏 on the detail page.
    await openProduct(page, baseUrl, FAVORITE);
    await page
      .locator('#detail-favorite')
      .filter({ hasText: /^☆\s*收藏$/ })
      .waitFor();
    const added = shopAnswer(page, 'favorite.add');
    await page.locator('#detail-favorite').click();
    await added;
    await page.locator('#detail-favorite').filter({ hasText: '已收藏' }).waitFor();
    await toastGone(page);
    await shot('1-favorited');

    // 我的 → 我的收藏: the newest first.
    await openFromMe(page, baseUrl, '#me-favorites');
    await page.locator(`#kept-${FAVORITE}`).waitFor({ timeout: 15000 });
    const kept = await rowIds(page);
    if (kept[0] !== FAVORITE || !kept.includes(KEPT_BEFORE))
      throw new Error(`我的收藏 lists ${JSON.stringify(kept)}`);
    await shot('2-favorites');

    // A row opens its product, which knows it is a favorite; back in the list, 取消收藏 takes it off.
    await page.locator(`#kept-${FAVORITE} .kept-row__main`).click();
    await page.waitForURL(new RegExp(`detail/index\\?id=${FAVORITE}`), { timeout: 15000 });
    await page.locator('#detail-favorite').filter({ hasText: '已收藏' }).waitFor({ timeout: 15000 });
    await page.goBack();
    await page.locator(`#unfavorite-${FAVORITE}`).click();
    await page.locator(`#kept-${FAVORITE}`).waitFor({ state: 'detached', timeout: 15000 });
    await page.getByText('已取消收藏').first().waitFor();
    const left = await asBuyer(baseUrl, 'favorite.list', {});
    if (left.items.some((item) => item.product._id === FAVORITE))
      throw new Error('the removed product is still a favorite');
    await asBuyer(baseUrl, 'favorite.remove', { productId: KEPT_BEFORE });

    // 浏览记录: the product opened last on top, then the favorite opened before it.
    await openProduct(page, baseUrl, OPENED_LATER);
    await openFromMe(page, baseUrl, '#me-history');
    await page.locator(`#kept-${OPENED_LATER}`).waitFor({ timeout: 15000 });
    const history = await rowIds(page);
    if (history[0] !== OPENED_LATER || history[1] !== FAVORITE)
      throw new Error(`浏览记录 lists ${JSON.stringify(history)}`);
    await shot('3-history');

    await page.locator('#history-clear').click();
    const modal = page.locator('.taro__modal');
    await modal.getByText('清空全部浏览记录？').waitFor();
    await pageAtRest(page); // the modal has faded in
    await modal.locator('.taro-modal__foot').getByText('清空').click();
    await page.getByText('暂无浏览记录').waitFor({ timeout: 15000 });
    const cleared = await asBuyer(baseUrl, 'history.list', {});
    if (cleared.items.length !== 0) throw new Error(`浏览记录 still holds ${cleared.items.length} products`);
    await shot('4-history-cleared');
  },
};

export const buyerListScenarios: Scenario[] = [favoritesAndHistory];
