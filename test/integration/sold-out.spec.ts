/**
 * 已售罄 on the home feed from the products' kept flag (`products.soldOut`, sold-out-service): it turns on when
 * orders take the last piece — 20 buyers racing for 3 pieces included — and off when stock comes back from a
 * cancel or the merchant's adjustment, and on again when the merchant takes the stock away; the feed stays at
 * 2 database requests.
 */
import type { ProductCard } from '../../types';
import { placeOrder, readSeed, startShopCloud, type ShopCloud } from './shop-cloud';

const MERCHANT = 'sold-out-merchant';
let shop: ShopCloud;
const seed = readSeed();

beforeAll(async () => {
  shop = await startShopCloud({ functionEnv: { SHOP_ADMIN_OPENIDS: MERCHANT } });
});
afterAll(() => shop.close());

async function feedCard(productId: string): Promise<ProductCard> {
  const home = await shop.buyer('sold-out-reader').ok('catalog.home', {});
  const card = home.feed.items.find((item) => item._id === productId);
  if (!card) throw new Error(`${productId} is not on the home feed`);
  return card;
}

async function flagOf(productId: string): Promise<boolean | undefined> {
  const answer = await shop.db.collection('products').doc(productId).get();
  return (answer.data as unknown as { soldOut?: boolean }).soldOut;
}

/** A product of the first feed page with one SKU left on sale holding `stock`; the others emptied. */
async function productWithOneSku(stock: number): Promise<{ productId: string; skuId: string }> {
  const home = await shop.buyer('sold-out-reader').ok('catalog.home', {});
  const taken = new Set(['p001', 'p002', 'p003']);
  const card = home.feed.items.find(
    (item) => !item.soldOut && !taken.has(item._id) && seed.skus.some((s) => s.productId === item._id),
  )!;
  const skus = seed.skus.filter((sku) => sku.productId === card._id);
  for (const sku of skus)
    await shop.db
      .collection('skus')
      .doc(sku._id)
      .update({ data: { stock: 0 } });
  await shop.db
    .collection('skus')
    .doc(skus[0]._id)
    .update({ data: { stock, onSale: true } });
  return { productId: card._id, skuId: skus[0]._id };
}

test('the seed’s sold-out product carries the flag; buyable ones do not', async () => {
  const mango = seed.products.find((p) => p.title.includes('芒果'))!;
  expect(await flagOf(mango._id)).toBe(true);
  const home = await shop.buyer('sold-out-reader').ok('catalog.home', {});
  expect(home.feed.items.filter((card) => card.soldOut).map((card) => card._id)).toEqual(
    home.feed.items.filter((card) => card._id === mango._id).map((card) => card._id),
  );
});

test('20 buyers racing for the last 3 pieces: 3 orders, and the feed says 已售罄; cancelling one clears it', async () => {
  const item = await productWithOneSku(3);
  expect((await feedCard(item.productId)).soldOut).toBeUndefined();
  const results = await Promise.allSettled(
    Array.from({ length: 20 }, (_, i) =>
      placeOrder(shop, `sold-out-racer-${i}`, item, `sold-out-race-${String(i).padStart(4, '0')}`),
    ),
  );
  const placed = results.flatMap((result) => (result.status === 'fulfilled' ? [result.value] : []));
  expect(placed).toHaveLength(3);
  expect((await feedCard(item.productId)).soldOut).toBe(true);

  // Two cancel at once, each once more: the piece is back, the flag off.
  await Promise.all(
    placed
      .slice(0, 2)
      .flatMap(({ buyer, order }) => [
        buyer.call('order.cancel', { orderId: order._id }),
        buyer.call('order.cancel', { orderId: order._id }),
      ]),
  );
  expect(await flagOf(item.productId)).toBe(false);
  expect((await feedCard(item.productId)).soldOut).toBeUndefined();
});

test('the merchant’s adjustments: taking the last pieces marks it, adding stock clears it', async () => {
  const item = await productWithOneSku(2);
  const adjust = (delta: number) =>
    shop.admin(MERCHANT, 'products.adjustStock', { skuId: item.skuId, delta, reason: '盘点' });
  expect(await adjust(-2)).toMatchObject({ ok: true });
  expect((await feedCard(item.productId)).soldOut).toBe(true);
  expect(await adjust(5)).toMatchObject({ ok: true });
  expect((await feedCard(item.productId)).soldOut).toBeUndefined();
});

test('the home feed reads the flag within its 2 database requests', async () => {
  const item = await productWithOneSku(1);
  await placeOrder(shop, 'sold-out-counter', item, 'sold-out-count-0001');
  await shop.buyer('sold-out-reader').ok('catalog.home', {}); // a warm instance
  await shop.stats(true);
  const home = await shop.buyer('sold-out-reader').ok('catalog.home', {});
  expect(home.feed.items.find((card) => card._id === item.productId)?.soldOut).toBe(true);
  expect((await shop.stats()).functions.shop.dbRequests).toBeLessThanOrEqual(2);
});
