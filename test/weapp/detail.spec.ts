/**
 * 商品详情 on the sample shop: the spec picker greys out values that cannot be bought with the other chosen
 * values and ignores taps on them; the chosen SKU's stock and price show; 加入购物车 and 立即购买; 收藏.
 */
import { formatPrice } from '../../types';
import { settle, textOf, type RenderedPage, tap } from './harness';
import { shopOnCloudForFile } from './shop-per-file';

const BUYER = 'weapp-detail-buyer';
const { cloud, harness } = shopOnCloudForFile({ buyer: BUYER });
// 猜你喜欢 reads the lists the worker computes.
beforeAll(() => cloud.runWorker());

/** p003 (夹克): 黑色/M and 藏青/M are sold out, 藏青/L is off sale. */
const JACKET = 'p003';

function chip(page: RenderedPage, dimension: number, value: number) {
  const node = page.querySelector(`#spec-${dimension}-${value}`);
  if (!node) throw new Error(`no chip ${dimension}-${value}`);
  return { text: textOf(node), className: node.dom!.className };
}

async function openJacket(): Promise<RenderedPage> {
  const page = await harness.renderPage('package-goods/detail/index', { id: JACKET });
  await tap(page, '#spec-row');
  return page;
}

test('the first screen reads only the product and the cart count, then records the opening; 猜你喜欢 waits for the bottom', async () => {
  const before = harness.cloudCalls.length;
  const page = await harness.renderPage('package-goods/detail/index', { id: 'p001' });
  const actions = () => harness.cloudCalls.slice(before).map((call) => call.data.action);
  expect([...actions().slice(0, 2)].sort()).toEqual(['cart.count', 'catalog.product']);
  // After the first screen: the opening (浏览记录), which also says whether the product is a favorite.
  expect(actions().slice(2)).toEqual(['history.record']);
  expect(page.querySelector('#recommend-grid')).toBeFalsy();
  expect(textOf(page.querySelector('#recommend-section')!)).toContain('猜你喜欢');

  (page.instance as unknown as { onReachBottom(): void }).onReachBottom();
  await settle();
  expect(harness.cloudCalls.slice(before).map((call) => call.data)).toContainEqual({
    action: 'catalog.recommend',
    productId: 'p001',
  });
  expect(page.querySelectorAll('#recommend-grid .product-card').length).toBeGreaterThan(0);
  expect(page.querySelector('#recommend-grid #product-p001')).toBeFalsy();

  // Scrolling to the bottom again reads nothing more.
  (page.instance as unknown as { onReachBottom(): void }).onReachBottom();
  await settle();
  expect(actions().filter((action) => action === 'catalog.recommend')).toHaveLength(1);
});

test('shows the product: title, the price range of its SKUs and sales', async () => {
  const page = await harness.renderPage('package-goods/detail/index', { id: JACKET });
  const { product } = await cloud.ok(BUYER, 'catalog.product', { productId: JACKET });
  const text = textOf(page);
  expect(text).toContain(product.title);
  expect(textOf(page.querySelector('#detail-price')!)).toContain(formatPrice(product.minPrice).slice(1));
  expect(text).toContain('已售');
  expect(textOf(page.querySelector('#spec-row')!)).toMatch(/^选择\s*颜色 尺码/);
});

test('values that cannot be bought with the chosen ones are disabled; an off-sale one ignores taps, a sold-out one offers 到货提醒', async () => {
  const page = await openJacket();
  expect(textOf(page.querySelector('#sku-stock')!)).toBe('请选择 颜色 尺码');
  // Nothing chosen yet: every colour and size has some buyable SKU.
  expect(page.querySelectorAll('.sku-chip--disabled')).toHaveLength(0);

  await tap(page, '#spec-0-2'); // 藏青
  expect(chip(page, 0, 2)).toMatchObject({ text: '藏青' });
  expect(chip(page, 0, 2).className).toContain('sku-chip--selected');
  expect(chip(page, 1, 0)).toMatchObject({ text: 'M' });
  expect(chip(page, 1, 0).className).toContain('sku-chip--disabled'); // 藏青/M sold out
  expect(chip(page, 1, 1).className).toContain('sku-chip--disabled'); // 藏青/L off sale
  expect(chip(page, 1, 2).className).not.toContain('sku-chip--disabled'); // 藏青/XL

  expect(chip(page, 1, 0).className).toContain('sku-chip--sold-out');
  expect(chip(page, 1, 1).className).not.toContain('sku-chip--sold-out');

  const before = textOf(page.querySelector('#sku-sheet')!);
  await tap(page, '#spec-1-1');
  expect(chip(page, 1, 1).className).not.toContain('sku-chip--selected');
  expect(textOf(page.querySelector('#sku-sheet')!)).toBe(before);
  expect(textOf(page.querySelector('#sku-stock')!)).toBe('请选择 尺码');

  // Sold out, not off sale: it can be chosen (for 到货提醒, which this shop has no template for), never bought.
  await tap(page, '#spec-1-0');
  expect(chip(page, 1, 0).className).toContain('sku-chip--selected');
  expect(textOf(page.querySelector('#sku-stock')!)).toBe('已售罄');
  expect(textOf(page.querySelector('#sku-add-cart')!)).toBe('已售罄');
  expect(page.querySelector('#sku-restock')).toBeFalsy();
  await tap(page, '#spec-1-0');
  expect(textOf(page.querySelector('#sku-stock')!)).toBe('请选择 尺码');

  await tap(page, '#spec-1-2');
  expect(chip(page, 1, 2).className).toContain('sku-chip--selected');
  expect(textOf(page.querySelector('#sku-stock')!)).toBe('库存 292 件');
  // With XL chosen, 黑色 and 卡其 are buyable in XL too.
  expect(chip(page, 0, 0).className).not.toContain('sku-chip--disabled');
});

test('an off-sale value is disabled before anything is chosen (p012 白色)', async () => {
  const page = await harness.renderPage('package-goods/detail/index', { id: 'p012' });
  await tap(page, '#spec-row');
  expect(chip(page, 0, 0)).toMatchObject({ text: '白色' });
  expect(chip(page, 0, 0).className).toContain('sku-chip--disabled');
  await tap(page, '#spec-0-0');
  expect(chip(page, 0, 0).className).not.toContain('sku-chip--selected');
});

test('the quantity stepper stops at the chosen SKU stock', async () => {
  const page = await openJacket();
  await tap(page, '#spec-0-1'); // 卡其
  await tap(page, '#spec-1-1'); // L: stock 4
  expect(textOf(page.querySelector('#sku-stock')!)).toBe('库存 4 件');
  for (let i = 0; i < 6; i += 1) await tap(page, '#sku-quantity-plus');
  expect(textOf(page.querySelector('#sku-quantity-value')!)).toBe('4');
  expect(harness.toasts.at(-1)).toBe('库存仅剩 4 件');
});

test('加入购物车 adds the chosen SKU, says so and updates the badge', async () => {
  const page = await harness.renderPage('package-goods/detail/index', { id: JACKET });
  await tap(page, '#add-cart');
  await tap(page, '#sku-confirm');
  expect(harness.toasts.at(-1)).toBe('请选择 颜色 尺码');

  await tap(page, '#spec-0-2');
  await tap(page, '#spec-1-2');
  await tap(page, '#sku-quantity-plus');
  await tap(page, '#sku-confirm');
  expect(harness.cloudCalls.at(-1)!.data).toEqual({
    action: 'cart.add',
    productId: JACKET,
    skuId: 'p003-s09',
    quantity: 2,
  });
  expect(harness.toasts.at(-1)).toBe('已加入购物车');
  expect(page.querySelector('#sku-sheet')).toBeFalsy();
  expect(textOf(page.querySelector('#detail-cart-badge')!)).toBe('2');
  expect(harness.tabBadge()).toBe('2');
});

test('a refused add says why in Chinese', async () => {
  const page = await harness.renderPage('package-goods/detail/index', { id: JACKET });
  harness.setCloudResponder((call) =>
    call.data.action === 'cart.add'
      ? { ok: false, code: 'CART_FULL', message: 'full' }
      : cloud.call(call.name, call.data, BUYER),
  );
  await tap(page, '#add-cart');
  await tap(page, '#spec-0-0');
  await tap(page, '#spec-1-1');
  await tap(page, '#sku-confirm');
  expect(harness.toasts.at(-1)).toBe('购物车已满，请先结算或清理');
  harness.useCloud(cloud, BUYER);
});

test('立即购买 goes to checkout with the SKU and quantity', async () => {
  const page = await harness.renderPage('package-goods/detail/index', { id: JACKET });
  await tap(page, '#buy-now');
  await tap(page, '#spec-0-1');
  await tap(page, '#spec-1-2');
  await tap(page, '#sku-confirm');
  expect(harness.navigations.at(-1)).toBe(
    '/package-order/checkout/index?skuId=p003-s06&productId=p003&quantity=1',
  );
});

test('an unknown product says it is gone', async () => {
  const page = await harness.renderPage('package-goods/detail/index', { id: 'nope' });
  expect(textOf(page)).toContain('商品不存在或已下架');
});

test('分享: the chat card and the 朋友圈 entry open this product; the card opens it again from the shared path', async () => {
  const page = await harness.renderPage('package-goods/detail/index', { id: 'p001' });
  const title = textOf(page.querySelector('#detail-title')!);
  expect(page.querySelector('#share-button')).toBeTruthy();
  const instance = page.instance as unknown as {
    onShareAppMessage(options: object): { title: string; path: string; imageUrl?: string };
    onShareTimeline(): { title: string; query: string };
  };
  const card = instance.onShareAppMessage({ from: 'button' });
  expect(card).toMatchObject({ title, path: '/package-goods/detail/index?id=p001' });
  // The seed's pictures are SVG, which WeChat does not draw on cards: the page snapshot is used instead.
  expect(card.imageUrl).toBeUndefined();
  expect(instance.onShareTimeline()).toMatchObject({ title, query: 'id=p001' });

  const [route, query] = card.path.slice(1).split('?');
  const opened = await harness.renderPage(route, Object.fromEntries(new URLSearchParams(query)));
  expect(textOf(opened.querySelector('#detail-title')!)).toBe(title);
});

test('客服 opens WeChat’s customer-service chat with a card of the product', async () => {
  const page = await harness.renderPage('package-goods/detail/index', { id: 'p001' });
  const contact = page.querySelector('#detail-contact');
  expect(contact).toBeTruthy();
  expect(textOf(contact!)).toContain('客服');
  // Built-in components are shells here: their attributes are read from the page's Taro data tree, whose
  // attribute names are aliases, so the node's values are checked.
  const node = taroNode((page.instance as unknown as { data: unknown }).data, 'detail-contact');
  const values = Object.values(node ?? {});
  expect(values).toContain('contact');
  expect(values).toContain(textOf(page.querySelector('#detail-title')!));
  expect(values).toContain('/package-goods/detail/index?id=p001');
});

/** The node of the page's Taro data tree with this id. */
function taroNode(tree: unknown, id: string): Record<string, unknown> | undefined {
  if (typeof tree !== 'object' || tree === null) return undefined;
  const node = tree as Record<string, unknown>;
  if (node.uid === id) return node;
  for (const value of Object.values(node)) {
    const children = Array.isArray(value) ? value : [value];
    for (const child of children) {
      const found = taroNode(child, id);
      if (found) return found;
    }
  }
  return undefined;
}

test('收藏 adds the product to the buyer’s favorites and a second tap removes it; the page opens knowing it', async () => {
  const page = await harness.renderPage('package-goods/detail/index', { id: 'p002' });
  expect(textOf(page.querySelector('#detail-favorite')!)).toContain('收藏');
  await tap(page, '#detail-favorite');
  expect(textOf(page.querySelector('#detail-favorite')!)).toContain('已收藏');
  expect(harness.toasts).toContain('已收藏');
  expect((await cloud.ok(BUYER, 'favorite.list', {})).items.map((item) => item.product._id)).toContain(
    'p002',
  );

  // Opened again, the page reads that it is kept.
  const again = await harness.renderPage('package-goods/detail/index', { id: 'p002' });
  expect(textOf(again.querySelector('#detail-favorite')!)).toContain('已收藏');
  await tap(again, '#detail-favorite');
  expect(textOf(again.querySelector('#detail-favorite')!)).not.toContain('已收藏');
  expect(harness.toasts).toContain('已取消收藏');
  expect((await cloud.ok(BUYER, 'favorite.list', {})).items).toEqual([]);
});
