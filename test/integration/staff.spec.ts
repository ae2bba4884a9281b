/**
 * Staff and roles of the `admin` function on the local cloud: the owner named by SHOP_ADMIN_OPENIDS invites
 * an operator and a service member with one-time codes; every action × every caller (three roles, a buyer,
 * no OPENID) is checked against one table; role changes, removal and the audit log.
 */
import type { ActionName, ActionRequest, AuditEntry, StaffMember } from '../../types';
import { ADMIN_ACTION_ACCESS } from '../../cloudfunctions/common/domain/staff-permissions';
import { buyableProduct, placeOrder, startShopCloud, type ShopCloud } from './shop-cloud';

const OWNER = 'owner-openid';
const OPERATOR = 'operator-openid';
const SERVICE = 'service-openid';
const BUYER = 'plain-buyer';
let shop: ShopCloud;

beforeAll(async () => {
  shop = await startShopCloud({ functionEnv: { SHOP_ADMIN_OPENIDS: OWNER } });
});
afterAll(() => shop.close());

async function invite(role: 'operator' | 'service', name: string): Promise<string> {
  const answer = await shop.admin(OWNER, 'staff.invite', { role, name });
  if (!answer.ok) throw new Error(`staff.invite failed: ${answer.code}`);
  return answer.data.code;
}

async function join(openid: string, code: string) {
  return shop.admin(openid, 'staff.join', { code });
}

type Caller = 'owner' | 'operator' | 'service' | 'buyer' | 'none';
const OPENIDS: Record<Caller, string> = {
  owner: OWNER,
  operator: OPERATOR,
  service: SERVICE,
  buyer: BUYER,
  none: '',
};

/**
 * Who may call what, written out here independently of the server's table: o = owner, p = operator,
 * s = service, b = a buyer (any WeChat user). Each action gets a request that changes nothing that matters
 * (unknown ids), so the walk can repeat for every caller.
 */
const ACCESS: { [A in ActionName<'admin'>]: { who: string; request: ActionRequest<'admin', A> } } = {
  'staff.me': { who: 'ops', request: {} },
  'staff.join': { who: 'opsb', request: { code: 'ZZZZZZZZZZ' } },
  'staff.list': { who: 'o', request: {} },
  'staff.invite': { who: 'o', request: { role: 'service', name: '临时' } },
  'staff.revokeInvitation': { who: 'o', request: { code: 'ZZZZZZZZZZ' } },
  'staff.setRole': { who: 'o', request: { openid: 'nobody', role: 'service' } },
  'staff.remove': { who: 'o', request: { openid: 'nobody' } },
  'audit.list': { who: 'o', request: {} },
  'orders.list': { who: 'ops', request: {} },
  'orders.search': { who: 'ops', request: { query: '13900000000' } },
  'orders.detail': { who: 'ops', request: { orderId: 'no-such-order' } },
  'orders.remark': { who: 'ops', request: { orderId: 'no-such-order', remark: '备注' } },
  'orders.ship': {
    who: 'op',
    request: { orderId: 'no-such-order', expressCompany: 'SF', trackingNo: 'SF0000000000' },
  },
  'orders.refund': { who: 'op', request: { orderId: 'no-such-order', reason: '缺货' } },
  'refunds.approve': { who: 'op', request: { orderId: 'no-such-order' } },
  'refunds.reject': { who: 'op', request: { orderId: 'no-such-order', reason: '已发货' } },
  'payments.deadLetters': { who: 'ops', request: {} },
  'payments.retry': { who: 'op', request: { transactionId: 'no-such-notice' } },
  'payments.anomalies': { who: 'ops', request: {} },
  'payments.settle': {
    who: 'op',
    request: { transactionId: 'no-such-notice', how: 'HANDLED', note: '已线下处理' },
  },
  'products.list': { who: 'op', request: {} },
  'products.detail': { who: 'op', request: { productId: 'no-such-product' } },
  'products.create': {
    who: 'op',
    request: {
      title: '无此分类的商品',
      subtitle: '',
      categoryId: 'no-such-category',
      images: ['/assets/products/p001-1.svg'],
      description: '',
      tags: [],
      specs: [],
      skus: [{ specValues: [], price: 100, originalPrice: 100, stock: 1, onSale: true }],
    },
  },
  'products.update': {
    who: 'op',
    request: {
      productId: 'no-such-product',
      title: '无此商品',
      subtitle: '',
      categoryId: 'no-such-category',
      images: ['/assets/products/p001-1.svg'],
      description: '',
      tags: [],
      specs: [],
      skus: [{ specValues: [], price: 100, originalPrice: 100, stock: 1, onSale: true }],
    },
  },
  'products.setOnSale': { who: 'op', request: { productId: 'no-such-product', onSale: true } },
  'products.adjustStock': { who: 'op', request: { skuId: 'no-such-sku', delta: 1, reason: '盘点' } },
  'products.lowStock': { who: 'op', request: { threshold: 0 } },
  'categories.list': { who: 'op', request: {} },
  'categories.create': {
    who: 'op',
    request: { parentId: 'no-such-category', name: '无父分类', icon: '', sort: 1 },
  },
  'categories.update': {
    who: 'op',
    request: { categoryId: 'no-such-category', parentId: null, name: '无此分类', icon: '', sort: 1 },
  },
  'categories.remove': { who: 'op', request: { categoryId: 'no-such-category' } },
  'home.get': { who: 'op', request: {} },
  'home.save': { who: 'op', request: { banners: [], notices: [] } },
  'dashboard.overview': { who: 'op', request: {} },
  'dashboard.product': { who: 'op', request: { productId: 'no-such-product' } },
  'coupons.list': { who: 'op', request: {} },
  'coupons.create': {
    who: 'op',
    request: {
      title: '不可能的券',
      description: '',
      rule: { kind: 'AMOUNT_OFF', threshold: 100, amount: 500 },
      totalLimit: 1,
      perUserLimit: 1,
      validity: { kind: 'DAYS_AFTER_CLAIM', days: 1 },
      newcomerOnly: false,
    },
  },
  'coupons.setActive': { who: 'op', request: { templateId: 'no-such-template', active: false } },
  'coupons.update': { who: 'op', request: { templateId: 'no-such-template', title: '改名的券' } },
  'orders.correctAddress': {
    who: 'op',
    request: {
      orderId: 'no-such-order',
      address: {
        name: '王小明',
        mobile: '13800000000',
        province: '浙江省',
        city: '杭州市',
        district: '西湖区',
        detail: '文三路 1 号',
      },
    },
  },
  'orders.batchShip': {
    who: 'op',
    request: { shipments: [{ orderId: 'no-such-order', expressCompany: 'SF', trackingNo: 'SF0000000000' }] },
  },
  'orders.export': { who: 'op', request: { from: '2026-01-01', to: '2026-01-01' } },
  'refunds.attention': { who: 'ops', request: {} },
  'refunds.goodsReturned': { who: 'op', request: { orderId: 'no-such-order' } },
  'refunds.goodsNotReturned': { who: 'op', request: { orderId: 'no-such-order', note: '买家未寄回' } },
  'afterSales.list': { who: 'ops', request: {} },
  'afterSales.detail': { who: 'ops', request: { afterSaleId: 'no-such-request' } },
  'afterSales.approve': { who: 'op', request: { afterSaleId: 'no-such-request' } },
  'afterSales.reject': { who: 'op', request: { afterSaleId: 'no-such-request', reason: '不符合' } },
  'afterSales.goodsReceived': { who: 'op', request: { afterSaleId: 'no-such-request' } },
};
const LETTER: Record<Caller, string> = { owner: 'o', operator: 'p', service: 's', buyer: 'b', none: '' };

describe('staff', () => {
  test('the owner invites an operator and a service member; each code works once', async () => {
    const operatorCode = await invite('operator', '小王');
    const serviceCode = await invite('service', '小李');
    expect(await join(OPERATOR, operatorCode.toLowerCase())).toMatchObject({
      ok: true,
      data: { _id: OPERATOR, role: 'operator', name: '小王', invitedBy: OWNER },
    });
    expect(await join(SERVICE, ` ${serviceCode} `)).toMatchObject({ ok: true, data: { role: 'service' } });
    expect(await join('latecomer', operatorCode)).toMatchObject({ ok: false, code: 'INVITATION_INVALID' });
    expect(await join(OPERATOR, serviceCode)).toMatchObject({ ok: false, code: 'ALREADY_STAFF' });

    const list = await shop.admin(OWNER, 'staff.list', {});
    expect(list.ok && list.data.staff.map((m: StaffMember) => [m._id, m.role])).toEqual([
      [OWNER, 'owner'],
      [OPERATOR, 'operator'],
      [SERVICE, 'service'],
    ]);
  });

  test.each(Object.keys(OPENIDS) as Caller[])('every admin action as %s', async (caller) => {
    expect(Object.keys(ACCESS).sort()).toEqual(Object.keys(ADMIN_ACTION_ACCESS).sort());
    for (const [action, { who, request }] of Object.entries(ACCESS)) {
      const answer = await shop.admin(OPENIDS[caller], action as ActionName<'admin'>, request as never);
      const allowed = caller !== 'none' && who.includes(LETTER[caller]);
      const seen = answer.ok ? 'ok' : answer.code;
      if (allowed) expect([action, seen]).not.toEqual([action, 'FORBIDDEN']);
      else if (caller === 'none' && who.includes('b'))
        expect([action, seen]).toEqual([action, 'UNAUTHENTICATED']);
      else expect([action, seen]).toEqual([action, 'FORBIDDEN']);
    }
  });

  test('a buyer or no OPENID cannot find out which actions exist', async () => {
    expect(await shop.admin(BUYER, 'no.such' as never, {} as never)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await shop.admin('', 'no.such' as never, {} as never)).toMatchObject({ code: 'FORBIDDEN' });
    expect(await shop.admin(SERVICE, 'no.such' as never, {} as never)).toMatchObject({
      code: 'UNKNOWN_ACTION',
    });
  });

  test('of 20 people entering one code at once, exactly one joins', async () => {
    const code = await invite('service', '抢码');
    const answers = await Promise.all(
      Array.from({ length: 20 }, (_, i) => join(`racer-${String(i).padStart(2, '0')}`, code)),
    );
    const winners = answers.filter((a) => a.ok);
    expect(winners).toHaveLength(1);
    expect(answers.filter((a) => !a.ok && a.code === 'INVITATION_INVALID')).toHaveLength(19);
    const list = await shop.admin(OWNER, 'staff.list', {});
    const racers = list.ok ? list.data.staff.filter((m) => m._id.startsWith('racer-')) : [];
    expect(racers).toHaveLength(1);
  });

  test('an expired or revoked invitation lets nobody in', async () => {
    await shop.db.collection('staff_invitations').add({
      data: {
        _id: 'EXP1RED222',
        role: 'operator',
        name: '过期',
        createdBy: OWNER,
        createdAt: shop.now() - 10_000,
        expiresAt: shop.now() - 1,
        state: 'OPEN',
      },
    });
    expect(await join('too-late', 'EXP1RED222')).toMatchObject({ ok: false, code: 'INVITATION_INVALID' });
    const code = await invite('operator', '撤回');
    const listed = await shop.admin(OWNER, 'staff.list', {});
    expect(listed.ok && listed.data.invitations.map((i) => i.code)).toContain(code);
    expect(await shop.admin(OWNER, 'staff.revokeInvitation', { code })).toEqual({
      ok: true,
      data: { revoked: true },
    });
    expect(await join('too-late', code)).toMatchObject({ ok: false, code: 'INVITATION_INVALID' });
    expect(await shop.admin('too-late', 'staff.me', {})).toMatchObject({ ok: false, code: 'FORBIDDEN' });
  });

  test('a new role applies at the next call; a removed member is refused; owners stay owners', async () => {
    const code = await invite('operator', '调岗');
    await join('moving-member', code);
    expect(await shop.admin('moving-member', 'payments.retry', { transactionId: 'none' })).toMatchObject({
      code: 'NOT_FOUND',
    });
    expect(
      await shop.admin(OWNER, 'staff.setRole', { openid: 'moving-member', role: 'service' }),
    ).toMatchObject({ ok: true, data: { role: 'service' } });
    expect(await shop.admin('moving-member', 'payments.retry', { transactionId: 'none' })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await shop.admin(OWNER, 'staff.remove', { openid: 'moving-member' })).toEqual({
      ok: true,
      data: { removed: true },
    });
    expect(await shop.admin('moving-member', 'staff.me', {})).toMatchObject({ code: 'FORBIDDEN' });
    expect(await shop.admin(OWNER, 'staff.remove', { openid: OWNER })).toMatchObject({
      code: 'STAFF_NOT_FOUND',
    });
    expect(await shop.admin(OWNER, 'staff.setRole', { openid: OWNER, role: 'service' })).toMatchObject({
      code: 'STAFF_NOT_FOUND',
    });
    expect(await shop.admin(OWNER, 'staff.me', {})).toMatchObject({ ok: true, data: { role: 'owner' } });
  });

  test('the remark is for staff only; staff search and open orders; the owner reads who changed what, before and after', async () => {
    const {
      product,
      skus: [sku],
    } = buyableProduct(1, 10);
    const { buyer, order } = await placeOrder(
      shop,
      'remark-buyer',
      { productId: product._id, skuId: sku._id },
      'remark-buyer-0001',
    );
    expect(
      await shop.admin(SERVICE, 'orders.remark', { orderId: order._id, remark: '客户要求周末送达' }),
    ).toMatchObject({ ok: true, data: { _id: order._id, merchantRemark: '客户要求周末送达' } });
    const seenByBuyer = await buyer.ok('order.detail', { orderId: order._id });
    expect(seenByBuyer).not.toHaveProperty('merchantRemark');
    const listed = await shop.admin(OPERATOR, 'orders.list', { state: 'TO_PAY' });
    expect(listed.ok && listed.data.items.find((o) => o._id === order._id)?.merchantRemark).toBe(
      '客户要求周末送达',
    );

    // Staff find it by its number, the receiver's mobile or name; each is one exact, indexed match.
    for (const query of [order.orderNo, '139 1234 5678', '王小明']) {
      const found = await shop.admin(SERVICE, 'orders.search', { query });
      expect([query, found.ok && found.data.items.map((o) => o._id)]).toEqual([
        query,
        expect.arrayContaining([order._id]),
      ]);
    }
    expect(await shop.admin(SERVICE, 'orders.search', { query: '李四' })).toEqual({
      ok: true,
      data: { items: [] },
    });
    expect(await shop.admin(SERVICE, 'orders.detail', { orderId: order._id })).toMatchObject({
      ok: true,
      data: { _id: order._id, merchantRemark: '客户要求周末送达', timeline: [{ state: 'TO_PAY' }] },
    });

    const page = await shop.admin(OWNER, 'audit.list', {});
    if (!page.ok) throw new Error(page.code);
    const remark = page.data.items.find((e: AuditEntry) => e.action === 'orders.remark');
    expect(remark).toMatchObject({
      actor: SERVICE,
      actorRole: 'service',
      target: { kind: 'order', id: order._id },
      before: { state: 'TO_PAY' },
      after: { state: 'TO_PAY', merchantRemark: '客户要求周末送达' },
    });
    expect(remark?.before).not.toHaveProperty('merchantRemark');
    const roleChange = page.data.items.find((e: AuditEntry) => e.action === 'staff.setRole');
    expect(roleChange).toMatchObject({
      actor: OWNER,
      target: { kind: 'staff', id: 'moving-member' },
      before: { role: 'operator' },
      after: { role: 'service' },
    });
    const removal = page.data.items.find((e: AuditEntry) => e.action === 'staff.remove');
    expect(removal).toMatchObject({ before: { role: 'service' }, after: null });
    const joined = page.data.items.find((e: AuditEntry) => e.action === 'staff.join' && e.actor === OPERATOR);
    expect(joined).toMatchObject({ actorRole: 'operator', before: null, after: { role: 'operator' } });
    // Refused and failed calls change nothing and log nothing.
    expect(page.data.items.filter((e: AuditEntry) => e.target.id === 'no-such-order')).toEqual([]);
    // Newest first, and the next page continues strictly after this one.
    const times = page.data.items.map((e: AuditEntry) => e.at);
    expect([...times].sort((a, b) => b - a)).toEqual(times);
    if (page.data.next) {
      const next = await shop.admin(OWNER, 'audit.list', { before: page.data.next });
      const ids = new Set(page.data.items.map((e: AuditEntry) => e._id));
      expect(next.ok && next.data.items.some((e: AuditEntry) => ids.has(e._id))).toBe(false);
    }
  });
});
