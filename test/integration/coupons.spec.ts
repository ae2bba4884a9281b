/**
 * coupon.claimable on the real functions: every active template with whether this buyer may claim it now and,
 * if not, why (already holds the most allowed, sold out, for newcomers only, its window over). Time moves
 * with the cloud's clock.
 */
import { buyableProduct, placeOrder, startShopCloud, type Buyer, type ShopCloud } from './shop-cloud';

let shop: ShopCloud;
const {
  product,
  skus: [sku],
} = buyableProduct(1, 5);

beforeAll(async () => {
  shop = await startShopCloud();
});
afterAll(() => shop.close());

async function claimable(buyer: Buyer): Promise<Record<string, string>> {
  const { coupons } = await buyer.ok('coupon.claimable', {});
  return Object.fromEntries(
    coupons.map((c) => [c.template._id, c.claimable ? 'claimable' : (c.reason ?? 'no reason')]),
  );
}

const ALL_CLAIMABLE = {
  'ct-newcomer': 'claimable',
  'ct-99-10': 'claimable',
  'ct-199-30': 'claimable',
  'ct-beauty-90': 'claimable',
};

test('a new buyer may claim every active template', async () => {
  expect(await claimable(shop.buyer('claimable-new'))).toEqual(ALL_CLAIMABLE);
});

test('claiming up to the per-buyer limit makes a template unclaimable with COUPON_LIMIT, for that buyer only', async () => {
  const buyer = shop.buyer('claimable-limit');
  await buyer.ok('coupon.claim', { templateId: 'ct-199-30' });
  await buyer.ok('coupon.claim', { templateId: 'ct-99-10' });
  await buyer.ok('coupon.claim', { templateId: 'ct-99-10' });
  expect(await claimable(buyer)).toEqual({ ...ALL_CLAIMABLE, 'ct-199-30': 'COUPON_LIMIT' });
  await buyer.ok('coupon.claim', { templateId: 'ct-99-10' });
  expect(await claimable(buyer)).toEqual({
    ...ALL_CLAIMABLE,
    'ct-199-30': 'COUPON_LIMIT',
    'ct-99-10': 'COUPON_LIMIT',
  });
  expect(await claimable(shop.buyer('claimable-other'))).toEqual(ALL_CLAIMABLE);
});

test('a buyer with a paid order is no newcomer; a template sold out or switched off is answered as such', async () => {
  const { buyer, order } = await placeOrder(
    shop,
    'claimable-paid',
    { productId: product._id, skuId: sku._id },
    'claimable-paid-1',
  );
  await shop.db
    .collection('orders')
    .doc(order._id)
    .update({ data: { state: 'PAID', paidAt: shop.now() } });
  expect((await claimable(buyer))['ct-newcomer']).toBe('COUPON_NOT_CLAIMABLE');
  await shop.db
    .collection('coupon_templates')
    .doc('ct-beauty-90')
    .update({ data: { issued: 20000 } });
  await shop.db
    .collection('coupon_templates')
    .doc('ct-99-10')
    .update({ data: { active: false } });
  const answer = await claimable(shop.buyer('claimable-late'));
  expect(answer).toEqual({
    'ct-newcomer': 'claimable',
    'ct-199-30': 'claimable',
    'ct-beauty-90': 'COUPON_SOLD_OUT',
  });
  // What claimable says is what claiming does.
  expect(
    await shop.buyer('claimable-late').call('coupon.claim', { templateId: 'ct-beauty-90' }),
  ).toMatchObject({ ok: false, code: 'COUPON_SOLD_OUT' });
});

test('a template whose fixed window is over is not claimable once the clock passes its end', async () => {
  const buyer = shop.buyer('claimable-expired');
  const template = (await shop.db.collection('coupon_templates').doc('ct-199-30').get()).data as unknown as {
    validity: { kind: 'FIXED'; to: number };
  };
  await shop.advanceClock(template.validity.to - shop.now() - 60_000);
  expect((await claimable(buyer))['ct-199-30']).toBe('claimable');
  await shop.advanceClock(2 * 60_000);
  expect((await claimable(buyer))['ct-199-30']).toBe('COUPON_NOT_CLAIMABLE');
  expect(await buyer.call('coupon.claim', { templateId: 'ct-199-30' })).toMatchObject({
    ok: false,
    code: 'COUPON_NOT_CLAIMABLE',
  });
});
