/**
 * Coupon offers on the local cloud: 新人券 for a buyer who has never paid (claimed together, once, even when
 * 20 taps arrive at once; refused after a paid order), and 去领券 at checkout (claimable templates that would
 * apply to the order, best first; a claimed one then applies in the quote).
 */
import { placeOrder, startShopCloud, type ShopCloud } from './shop-cloud';

let shop: ShopCloud;

beforeAll(async () => {
  shop = await startShopCloud();
});
afterAll(() => shop.close());

/** p001 (c01): 79.00 a piece; three make 237.00, over every threshold of the sample coupons. */
const ITEMS = [{ productId: 'p001', skuId: 'p001-s02', quantity: 3 }];

async function issued(templateId: string): Promise<number> {
  const answer = await shop.db.collection('coupon_templates').doc(templateId).get();
  return (answer.data as unknown as { issued: number }).issued;
}

test('a newcomer sees the newcomer coupons; 20 claims at once give each one coupon, once', async () => {
  const buyer = shop.buyer('offers-newcomer');
  const offer = await buyer.ok('coupon.newcomer', {});
  expect(offer.coupons.map((template) => template._id)).toEqual(['ct-newcomer']);
  const before = await issued('ct-newcomer');

  const answers = await Promise.all(Array.from({ length: 20 }, () => buyer.call('coupon.claimNewcomer', {})));
  expect(answers.every((answer) => answer.ok)).toBe(true);
  const claimed = answers.flatMap((answer) => (answer.ok ? answer.data.coupons : []));
  expect(claimed.map((coupon) => coupon.templateId)).toEqual(['ct-newcomer']);

  const { coupons } = await buyer.ok('coupon.mine', {});
  expect(coupons.filter((coupon) => coupon.templateId === 'ct-newcomer')).toHaveLength(1);
  expect(await issued('ct-newcomer')).toBe(before + 1);
  expect(await buyer.ok('coupon.newcomer', {})).toEqual({ coupons: [] });
});

test('a buyer who has paid an order is offered no newcomer coupons and cannot claim them', async () => {
  const openid = 'offers-regular';
  const { order } = await placeOrder(
    shop,
    openid,
    { productId: 'p001', skuId: 'p001-s02' },
    'offers-regular-1',
  );
  await shop.db
    .collection('orders')
    .doc(order._id)
    .update({ data: { state: 'PAID', paidAt: shop.now() } });
  const buyer = shop.buyer(openid);
  expect(await buyer.ok('coupon.newcomer', {})).toEqual({ coupons: [] });
  expect(await buyer.call('coupon.claimNewcomer', {})).toMatchObject({
    ok: false,
    code: 'COUPON_NOT_CLAIMABLE',
  });
  const { coupons } = await buyer.ok('coupon.mine', {});
  expect(coupons).toEqual([]);
});

test('去领券 lists the claimable coupons that apply to this order, best first; claimed, one applies to the quote', async () => {
  const buyer = shop.buyer('offers-checkout');
  const offers = await buyer.ok('coupon.forOrder', { items: ITEMS });
  // 美妆9折券 is for another category: not offered for these items.
  expect(offers.coupons.map((offer) => [offer.template._id, offer.discount])).toEqual([
    ['ct-199-30', 3000],
    ['ct-99-10', 1000],
    ['ct-newcomer', 500],
  ]);

  const claimed = await buyer.ok('coupon.claim', { templateId: 'ct-199-30' });
  const quote = await buyer.ok('checkout.quote', { items: ITEMS, couponId: claimed._id });
  expect(quote).toMatchObject({ couponId: claimed._id, discount: 3000 });
  // Held once per buyer: no longer offered; 满99减10 allows three, so it stays.
  const after = await buyer.ok('coupon.forOrder', { items: ITEMS });
  expect(after.coupons.map((offer) => offer.template._id)).toEqual(['ct-99-10', 'ct-newcomer']);

  // One piece (79.00) reaches no threshold but the newcomer coupon's.
  const small = await buyer.ok('coupon.forOrder', { items: [{ ...ITEMS[0], quantity: 1 }] });
  expect(small.coupons.map((offer) => offer.template._id)).toEqual(['ct-newcomer']);
});

test('去领券 refuses bad items with no change', async () => {
  const buyer = shop.buyer('offers-bad');
  expect(await buyer.call('coupon.forOrder', { items: [] })).toMatchObject({
    ok: false,
    code: 'NOTHING_TO_BUY',
  });
  expect(await buyer.call('coupon.forOrder', { items: [{ ...ITEMS[0], quantity: 0 }] })).toMatchObject({
    ok: false,
    code: 'QUANTITY_OUT_OF_RANGE',
  });
  expect(await buyer.raw({ action: 'coupon.claimNewcomer', openid: 'someone-else' })).toMatchObject({
    ok: false,
    code: 'INVALID_INPUT',
  });
});
