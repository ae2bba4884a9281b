/**
 * The merchant's coupon templates on the local cloud: a template created in the workspace is claimable at
 * once; its claimed count holds under 20 parallel claims (never above the total); pausing stops claims and
 * resuming restarts them; a coupon spent on a paid order counts as used once; coupons.update edits the safe
 * fields, never takes the total below what was claimed (also while 20 buyers claim), and is audited.
 */
import type { MerchantCouponTemplate } from '../../types';
import { buyableProduct, payInSandbox, placeOrder, startShopCloud, type ShopCloud } from './shop-cloud';

const OWNER = 'coupon-owner';
const {
  product,
  skus: [sku],
} = buyableProduct(1, 50);
let shop: ShopCloud;

beforeAll(async () => {
  shop = await startShopCloud({ functionEnv: { SHOP_ADMIN_OPENIDS: OWNER } });
});
afterAll(() => shop.close());

async function create(totalLimit: number): Promise<MerchantCouponTemplate> {
  const answer = await shop.admin(OWNER, 'coupons.create', {
    title: '店庆立减1元',
    description: '全场通用',
    rule: { kind: 'AMOUNT_OFF', threshold: 0, amount: 100 },
    totalLimit,
    perUserLimit: 1,
    validity: { kind: 'DAYS_AFTER_CLAIM', days: 7 },
    newcomerOnly: false,
  });
  if (!answer.ok) throw new Error(answer.code);
  return answer.data;
}

async function listed(templateId: string): Promise<MerchantCouponTemplate | undefined> {
  const answer = await shop.admin(OWNER, 'coupons.list', {});
  return answer.ok ? answer.data.items.find((t) => t._id === templateId) : undefined;
}

test('20 buyers claim a template of 5 at once: 5 get one, the count says 5', async () => {
  const template = await create(5);
  expect(template).toMatchObject({ active: true, claimed: 0, used: 0 });
  const answers = await Promise.all(
    Array.from({ length: 20 }, (_, i) =>
      shop.buyer(`coupon-rush-${i}`).call('coupon.claim', { templateId: template._id }),
    ),
  );
  expect(answers.filter((a) => a.ok)).toHaveLength(5);
  expect(answers.filter((a) => !a.ok).map((a) => !a.ok && a.code)).toEqual(Array(15).fill('COUPON_SOLD_OUT'));
  expect(await listed(template._id)).toMatchObject({ claimed: 5, used: 0 });
});

test('pausing stops claims, resuming restarts them; a spent coupon counts as used once', async () => {
  const template = await create(100);
  expect(
    await shop.admin(OWNER, 'coupons.setActive', { templateId: template._id, active: false }),
  ).toMatchObject({
    ok: true,
    data: { active: false },
  });
  const buyer = shop.buyer('coupon-spender');
  expect(await buyer.call('coupon.claim', { templateId: template._id })).toMatchObject({
    ok: false,
    code: 'COUPON_NOT_CLAIMABLE',
  });
  await shop.admin(OWNER, 'coupons.setActive', { templateId: template._id, active: true });
  const coupon = await buyer.ok('coupon.claim', { templateId: template._id });
  const { order } = await placeOrder(
    shop,
    buyer.openid,
    { productId: product._id, skuId: sku._id },
    'coupon-spend-1',
    coupon._id,
  );
  expect(order.couponId).toBe(coupon._id);
  await payInSandbox(shop, buyer, order);
  // The worker's repairs run too: the coupon must not count twice.
  await shop.invokeAsSystem('worker');
  expect(await listed(template._id)).toMatchObject({ claimed: 1, used: 1, active: true });
  const claimable = await buyer.ok('coupon.claimable', {});
  expect(Object.keys(claimable.coupons[0].template)).not.toContain('used');
});

test('a template whose amount is not below its threshold is refused and nothing is created', async () => {
  const before = (await shop.admin(OWNER, 'coupons.list', {})) as { ok: true; data: { items: unknown[] } };
  const answer = await shop.admin(OWNER, 'coupons.create', {
    title: '错误的券',
    description: '',
    rule: { kind: 'AMOUNT_OFF', threshold: 1000, amount: 1000 },
    totalLimit: 10,
    perUserLimit: 1,
    validity: { kind: 'FIXED', from: 2, to: 1 },
    newcomerOnly: false,
  });
  expect(answer).toMatchObject({ ok: false, code: 'INVALID_INPUT' });
  expect(await shop.admin(OWNER, 'coupons.list', {})).toEqual(before);
});

test('coupons.update edits title, validity, limits and pause; the claimed coupon keeps its copy', async () => {
  const template = await create(10);
  const buyer = shop.buyer('coupon-edit-early');
  const before = await buyer.ok('coupon.claim', { templateId: template._id });
  const edited = await shop.admin(OWNER, 'coupons.update', {
    templateId: template._id,
    title: '店庆立减1元（延长）',
    validDays: 30,
    totalLimit: 3,
    perUserLimit: 2,
    paused: true,
  });
  expect(edited).toMatchObject({
    ok: true,
    data: {
      title: '店庆立减1元（延长）',
      validity: { kind: 'DAYS_AFTER_CLAIM', days: 30 },
      totalLimit: 3,
      perUserLimit: 2,
      active: false,
      claimed: 1,
    },
  });
  expect(await buyer.call('coupon.claim', { templateId: template._id })).toMatchObject({
    ok: false,
    code: 'COUPON_NOT_CLAIMABLE',
  });
  const wallet = await buyer.ok('coupon.mine', {});
  expect(JSON.stringify(wallet)).toContain(before._id);
  // The audit log says who changed what, before → after.
  const audit = await shop.admin(OWNER, 'audit.list', {});
  if (!audit.ok) throw new Error(audit.code);
  const entry = audit.data.items.find((e) => e.action === 'coupons.update' && e.target.id === template._id);
  expect(entry).toMatchObject({
    before: { title: '店庆立减1元', totalLimit: 10, active: true },
    after: { title: '店庆立减1元（延长）', totalLimit: 3, active: false },
  });
});

test('coupons.update refuses what would break the template, and changes nothing then', async () => {
  const template = await create(5);
  await shop.buyer('coupon-edit-a').ok('coupon.claim', { templateId: template._id });
  await shop.buyer('coupon-edit-b').ok('coupon.claim', { templateId: template._id });
  const refused = [
    [{ totalLimit: 1 }, 'COUPON_LIMIT'],
    [{ validTo: Date.now() + 86_400_000 }, 'INVALID_INPUT'],
    [{ totalLimit: 3, perUserLimit: 4 }, 'INVALID_INPUT'],
    [{ perUserLimit: 0 }, 'INVALID_INPUT'],
    [{}, 'INVALID_INPUT'],
    [{ rule: { kind: 'AMOUNT_OFF', threshold: 0, amount: 5000 } }, 'INVALID_INPUT'],
  ] as const;
  for (const [fields, code] of refused)
    expect(await shop.admin(OWNER, 'coupons.update', { templateId: template._id, ...fields })).toMatchObject({
      ok: false,
      code,
    });
  expect(
    await shop.admin(OWNER, 'coupons.update', { templateId: 'no-such-template', title: '不存在' }),
  ).toMatchObject({ ok: false, code: 'COUPON_NOT_FOUND' });
  expect(await listed(template._id)).toMatchObject({ totalLimit: 5, perUserLimit: 1, claimed: 2 });
});

test('lowering the total while 20 buyers claim never issues more than the new total', async () => {
  const template = await create(20);
  const [claims, edit] = await Promise.all([
    Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        shop.buyer(`coupon-edit-rush-${i}`).call('coupon.claim', { templateId: template._id }),
      ),
    ),
    shop.admin(OWNER, 'coupons.update', { templateId: template._id, totalLimit: 8 }),
  ]);
  const issued = claims.filter((a) => a.ok).length;
  const after = await listed(template._id);
  if (!after) throw new Error('the template is gone');
  // Every answered claim is counted (a claim cut off by the function's time limit may count too).
  expect(after.claimed).toBeGreaterThanOrEqual(issued);
  expect(after.claimed).toBeLessThanOrEqual(after.totalLimit);
  if (edit.ok) {
    // The edit won while at most 8 were out: nobody got a ninth.
    expect(after.totalLimit).toBe(8);
  } else {
    // More than 8 were already out when it landed: refused, the total stays.
    expect(edit.code).toBe('COUPON_LIMIT');
    expect(after.totalLimit).toBe(20);
    expect(after.claimed).toBeGreaterThan(8);
  }
});
