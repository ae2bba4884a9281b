/**
 * The merchant's banners and notices on the buyer's 首页, on the real functions: the sample shop's own at first;
 * what the owner saves in the workspace (首页装修) shows in the same catalog.home answer, each banner
 * opening its product, its category or nothing, and a notice showing its whole text when tapped; with none,
 * 首页 shows no empty box.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { HomeBanner, HomeNotice } from '../../types';
import { propertyOf, settle, tap, textOf, type RenderedPage } from './harness';
import { MERCHANT as OWNER } from './shop-on-cloud';
import { shopOnCloudForFile } from './shop-per-file';

const BUYER = 'weapp-home-content-buyer';
const SEED_IMAGES = path.join(__dirname, '..', '..', 'emulator', 'seed', 'images');
const { cloud, harness } = shopOnCloudForFile();
beforeEach(() => harness.clearRecords());

const actions = () => harness.cloudCalls.map((call) => call.data.action);

async function buyerHome(): Promise<RenderedPage> {
  harness.useCloud(cloud, BUYER);
  harness.clearRecords();
  return harness.renderPage('pages/index/index');
}

const LONG_NOTICE = '双十一预售开启：11月1日至11日每天20点整点抢券，满199减30，满299减50，部分商品第二件半价';

test('the sample shop opens with its banners and notices: a product, two categories, each picture served', async () => {
  const home = await cloud.ok(BUYER, 'catalog.home', {});
  expect(home.banners.map((banner) => banner.link)).toEqual([
    { kind: 'product', productId: 'p016' },
    { kind: 'category', categoryId: 'c0503' },
    { kind: 'category', categoryId: 'c07' },
  ]);
  for (const banner of home.banners) {
    expect(banner.image).toMatch(/^\/assets\/banners\/[a-z-]+\.svg$/);
    expect(fs.existsSync(path.join(SEED_IMAGES, banner.image.replace('/assets/', '')))).toBe(true);
  }
  expect(home.notices.length).toBeGreaterThan(0);
  const page = await buyerHome();
  expect(page.querySelectorAll('.home-banners__dot')).toHaveLength(3);
  expect(String(propertyOf(page, 'home-banner-0', 'src'))).toContain(home.banners[0].image);
  expect(textOf(page.querySelector('#home-notice-0')!)).toBe(home.notices[0].text);
  await tap(page, '#home-banner-0');
  expect(harness.navigations).toEqual(['/package-goods/detail/index?id=p016']);
});

describe('banners and notices saved in the workspace', () => {
  const banners: HomeBanner[] = [
    { image: '/assets/products/p001-1.svg', title: '新品T恤', link: { kind: 'product', productId: 'p001' } },
    {
      image: '/assets/products/p002-1.svg',
      title: '数码专场',
      link: { kind: 'category', categoryId: 'c02' },
    },
    { image: '/assets/products/p003-1.svg', title: '', link: { kind: 'none' } },
  ];
  const notices: HomeNotice[] = [{ text: '全场满99包邮' }, { text: LONG_NOTICE }];
  let page: RenderedPage;
  let firstScreen: unknown[];

  beforeAll(async () => {
    // The owner saves as 首页装修 does (the page's own spec walks its form).
    harness.useCloud(cloud, OWNER);
    await cloud.admin('home.save', { banners, notices });
    page = await buyerHome();
    firstScreen = actions();
  });

  test('the first screen is still catalog.home and cart.count: the banners come with the home answer', () => {
    expect(firstScreen.slice(0, 2).sort()).toEqual(['cart.count', 'catalog.home']);
    expect(firstScreen.filter((action) => action === 'catalog.home')).toHaveLength(1);
  });

  test('the banners turn by themselves, in the merchant’s order, with a dot per banner', () => {
    expect(page.querySelector('#home-banners')).toBeTruthy();
    banners.forEach((banner, index) =>
      expect(String(propertyOf(page, `home-banner-${index}`, 'src'))).toContain(banner.image),
    );
    expect(page.querySelector('#home-banner-3')).toBeFalsy();
    expect(page.querySelectorAll('.home-banners__dot')).toHaveLength(3);
    expect(page.querySelectorAll('.home-banners__dot--on')).toHaveLength(1);
  });

  test('a product banner opens its product', async () => {
    await tap(page, '#home-banner-0');
    expect(harness.navigations).toEqual(['/package-goods/detail/index?id=p001']);
  });

  test('a category banner opens its category on the 分类 tab', async () => {
    await tap(page, '#home-banner-1');
    expect(harness.navigations).toEqual(['/pages/category/index']);
    harness.clearRecords();
    const category = await harness.renderPage('pages/category/index');
    expect(harness.cloudCalls.map((call) => call.data)).toContainEqual(
      expect.objectContaining({ action: 'catalog.products', categoryId: 'c02' }),
    );
    expect(category.querySelector('#category-top-c02')!.dom!.className).toContain('category__top--active');
  });

  test('a banner without a link opens nothing', async () => {
    await tap(page, '#home-banner-2');
    await settle();
    expect(harness.navigations).toEqual([]);
  });

  test('the notice bar shows every notice; tapping one shows its whole text', async () => {
    expect(textOf(page.querySelector('#home-notices')!)).toContain('公告');
    expect(textOf(page.querySelector('#home-notice-0')!)).toBe('全场满99包邮');
    await tap(page, '#home-notice-1');
    expect(harness.modals).toEqual([{ title: '店铺公告', content: LONG_NOTICE }]);
    expect(harness.navigations).toEqual([]);
  });

  test('when the owner takes them all away, 首页 shows neither (no empty box)', async () => {
    await cloud.admin('home.save', { banners: [], notices: [] });
    const again = await buyerHome();
    expect(again.querySelector('#home-banners')).toBeFalsy();
    expect(again.querySelector('#home-notices')).toBeFalsy();
    expect(again.querySelectorAll('.product-card').length).toBeGreaterThan(0);
  });
});
