/** The buyer journeys checked in the browser, each a named scenario. */
import type { Page } from 'playwright-core';
import { formatPrice } from '../../types/money';

export interface ScenarioContext {
  page: Page;
  baseUrl: string;
  /** Saves a screenshot of `target` (the scenario's page unless another is given). */
  shot(name: string, target?: Page): Promise<void>;
}

export interface Scenario {
  name: string;
  run(context: ScenarioContext): Promise<void>;
}

const TAB_PAGES = [
  { route: 'pages/index/index', tab: '首页', expect: '为你推荐' },
  { route: 'pages/category/index', tab: '分类', expect: '服饰' },
  { route: 'pages/cart/index', tab: '购物车', expect: '购物车' },
  { route: 'pages/me/index', tab: '我的', expect: '我的订单' },
];

export const tabPages: Scenario = {
  name: 'tab-pages',
  async run({ page, baseUrl, shot }) {
    for (const tab of TAB_PAGES) {
      await page.goto(`${baseUrl}/#/${tab.route}`);
      await page.getByText(tab.expect).first().waitFor({ timeout: 15000 });
      await page.locator('.taro-tabbar__tabbar').getByText(tab.tab, { exact: true }).waitFor();
      await shot(tab.route.split('/')[1]);
    }
  },
};

/** '¥159.00' → 15900: prices on screen are read back as fen so the check uses the shop's own formatter. */
function parseFen(text: string): number {
  const match = /(\d+)\.(\d{2})/.exec(text);
  if (!match) throw new Error(`no price in ${JSON.stringify(text)}`);
  return Number(match[1]) * 100 + Number(match[2]);
}

/** The first slice of the shop: 首页 → search → product → choose a SKU → 加入购物车 → 购物车 → change the quantity. */
export const shopAndCart: Scenario = {
  name: 'shop-and-cart',
  async run({ page, baseUrl, shot }) {
    await page.goto(`${baseUrl}/#/pages/index/index`);
    await page.locator('#home-feed .product-card').first().waitFor({ timeout: 15000 });
    await shot('1-home');

    await page.locator('#home-search').click();
    const input = page.locator('#search-input input');
    await input.waitFor();
    await input.fill('衬衫');
    await input.press('Enter');
    const firstResult = page.locator('#search-results .product-card').first();
    await firstResult.waitFor({ timeout: 15000 });
    await shot('2-search');

    const title = (await firstResult.locator('.product-card__title').innerText()).trim();
    await firstResult.click();
    await page.locator('#detail-title').filter({ hasText: title }).waitFor({ timeout: 15000 });
    await shot('3-product');

    // Choose the first value that can be bought in each dimension, in order: the picker keeps them consistent.
    await page.locator('#add-cart').click();
    const sheet = page.locator('#sku-sheet');
    await sheet.waitFor();
    const dimensions = await sheet.locator('.sku-sheet__chips').count();
    for (let d = 0; d < dimensions; d += 1) {
      await sheet
        .locator('.sku-sheet__chips')
        .nth(d)
        .locator('.sku-chip:not(.sku-chip--disabled)')
        .first()
        .click();
    }
    await sheet
      .locator('#sku-stock')
      .filter({ hasText: /库存 \d+ 件/ })
      .waitFor();
    const chosenPrice = parseFen(await sheet.locator('.sku-sheet__summary .price-tag').first().innerText());
    await shot('4-sku');
    await page.locator('#sku-confirm').click();
    await page.getByText('已加入购物车').first().waitFor({ timeout: 10000 });
    await sheet.waitFor({ state: 'detached' });
    await page.locator('#detail-cart-badge').filter({ hasText: '1' }).waitFor();
    await shot('5-added');

    await page.locator('#detail-cart').click();
    const line = page.locator('#cart-lines .cart-line').first();
    await line.filter({ hasText: title }).waitFor({ timeout: 15000 });
    await page
      .locator('#cart-total')
      .filter({ hasText: formatPrice(chosenPrice) })
      .waitFor();
    await shot('6-cart');

    await line.locator('.stepper__button--plus').click();
    await line.locator('.stepper__value').filter({ hasText: /^2$/ }).waitFor();
    const expected = formatPrice(chosenPrice * 2);
    await page.locator('#cart-total').filter({ hasText: expected }).waitFor({ timeout: 10000 });
    const total = parseFen(await page.locator('#cart-total').innerText());
    if (total !== chosenPrice * 2) throw new Error(`total ${total} is not ${chosenPrice} × 2`);
    await page.locator('#cart-checkout').filter({ hasText: '去结算(2)' }).waitFor();
    await shot('7-cart-quantity');
  },
};

/** 搜索 as a buyer types: suggestions, a two-word keyword, filters, and 猜你喜欢 when nothing is found. */
export const searchScenario: Scenario = {
  name: 'search',
  async run({ page, baseUrl, shot }) {
    await page.goto(`${baseUrl}/#/package-goods/search/index`);
    await page.locator('#search-hot').getByText('纸尿裤').waitFor({ timeout: 15000 });
    await shot('1-hot');

    const input = page.locator('#search-input input');
    await input.fill('纸尿');
    await page.locator('#search-suggestions').getByText('超薄透气婴儿纸尿裤').waitFor({ timeout: 15000 });
    await shot('2-suggestions');

    // Two words, neither of them the title's beginning: the product that has both is found.
    await input.fill('纸尿裤 婴儿');
    await input.press('Enter');
    const results = page.locator('#search-results .product-card');
    await results.first().waitFor({ timeout: 15000 });
    const titles = await page.locator('#search-results .product-card__title').allInnerTexts();
    if (titles.length !== 1 || titles[0].trim() !== '超薄透气婴儿纸尿裤') {
      throw new Error(`纸尿裤 婴儿 found ${JSON.stringify(titles)}`);
    }
    await shot('3-two-words');

    // A category's name finds its products; the price band narrows them.
    await input.fill('运动');
    await input.press('Enter');
    await page.locator('#search-results .product-card').nth(3).waitFor({ timeout: 15000 });
    const all = await page.locator('#search-results .product-card').count();
    await page.locator('#price-band-low').click();
    await page.locator('#price-band-low.search-filters__chip--on').waitFor();
    await page.waitForFunction(
      (before) => document.querySelectorAll('#search-results .product-card').length < before,
      all,
      { timeout: 15000 },
    );
    await shot('4-filtered');

    await input.fill('不存在的商品');
    await input.press('Enter');
    await page.locator('#search-nothing').getByText('没有找到相关商品').waitFor({ timeout: 15000 });
    await page.locator('#search-nothing #recommend-grid .product-card').first().waitFor({ timeout: 15000 });
    await shot('5-nothing-found');
  },
};

/**
 * 分享 in H5: the detail page's share sheet shows the product's link; opened afresh (a new tab, as a friend
 * would), it shows that product.
 */
export const sharedLinkScenario: Scenario = {
  name: 'shared-link',
  async run({ page, baseUrl, shot }) {
    await page.goto(`${baseUrl}/#/pages/index/index`);
    const card = page.locator('#home-feed .product-card').nth(2);
    await card.waitFor({ timeout: 15000 });
    const title = (await card.locator('.product-card__title').innerText()).trim();
    await card.click();
    await page.locator('#detail-title').filter({ hasText: title }).waitFor({ timeout: 15000 });
    await shot('1-product');

    await page.locator('#share-button').click();
    const link = (await page.locator('#share-link').innerText()).trim();
    if (!link.startsWith(baseUrl) || !link.includes('/package-goods/detail/index?id=')) {
      throw new Error(`the share sheet shows ${JSON.stringify(link)}`);
    }
    await shot('2-share-sheet');

    const friend = await page.context().newPage();
    try {
      await friend.goto(link);
      await friend.locator('#detail-title').filter({ hasText: title }).waitFor({ timeout: 15000 });
      await shot('3-opened-from-link', friend);
    } finally {
      await friend.close();
    }
  },
};

/**
 * A tab tapped while offline in H5: the tab's page code cannot load, and the buyer is told so instead of the
 * tap doing nothing. Run in a page of its own, whose failed loads are the point and not console errors.
 */
export const offlineTabsScenario: Scenario = {
  name: 'offline-tabs',
  async run({ page, baseUrl, shot }) {
    const offline = await page.context().newPage();
    await offline.goto(`${baseUrl}/#/pages/index/index`);
    await offline
      .locator('.taro-tabbar__tabbar')
      .getByText('首页', { exact: true })
      .waitFor({ timeout: 15000 });
    await offline.context().setOffline(true);
    try {
      await offline.locator('.taro-tabbar__tabbar').getByText('我的', { exact: true }).click();
      await offline.getByText('网络不可用，请检查网络后重试').waitFor({ timeout: 10000 });
      await shot('toast', offline);
    } finally {
      await offline.context().setOffline(false);
      await offline.close();
    }
  },
};

export const scenarios: Scenario[] = [
  tabPages,
  shopAndCart,
  searchScenario,
  sharedLinkScenario,
  offlineTabsScenario,
];
