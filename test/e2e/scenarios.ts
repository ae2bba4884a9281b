/** The buyer journeys checked in the browser, each a named scenario. */
import type { Page } from 'playwright-core';

export interface ScenarioContext {
  page: Page;
  baseUrl: string;
  shot(name: string): Promise<void>;
}

export interface Scenario {
  name: string;
  run(context: ScenarioContext): Promise<void>;
}

const TAB_PAGES = [
  { route: 'pages/index/index', tab: '首页', expect: '搜索商品' },
  { route: 'pages/category/index', tab: '分类', expect: '分类' },
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
      await page.waitForTimeout(300);
      await shot(tab.route.split('/')[1]);
    }
  },
};

export const scenarios: Scenario[] = [tabPages];
