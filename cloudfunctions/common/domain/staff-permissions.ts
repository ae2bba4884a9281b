/**
 * Which staff role may call which action of the `admin` function, and who counts as staff. Pure rules: the
 * function reads the caller's staff document and asks these before anything else runs.
 */
import type { ActionName } from '../../../types/api';
import type { StaffMember, StaffRole } from '../../../types/merchant';

export type AdminAction = ActionName<'admin'>;

/** 'anyone' = any WeChat user (joining with an invitation); otherwise the roles allowed. */
export type ActionAccess = 'anyone' | readonly StaffRole[];

const EVERY_ROLE = ['owner', 'operator', 'service'] as const;
const OWNER = ['owner'] as const;
const OPERATORS = ['owner', 'operator'] as const;

/**
 * One line per action, so a new action does not compile until someone decides who may call it.
 * operator: orders, after-sales, products; service: reads orders and after-sales, writes remarks.
 */
export const ADMIN_ACTION_ACCESS: Record<AdminAction, ActionAccess> = {
  'staff.me': EVERY_ROLE,
  'staff.join': 'anyone',
  'staff.list': OWNER,
  'staff.invite': OWNER,
  'staff.revokeInvitation': OWNER,
  'staff.setRole': OWNER,
  'staff.remove': OWNER,
  'audit.list': OWNER,
  'orders.list': EVERY_ROLE,
  'orders.search': EVERY_ROLE,
  'orders.detail': EVERY_ROLE,
  'orders.remark': EVERY_ROLE,
  'orders.ship': OPERATORS,
  'orders.refund': OPERATORS,
  'refunds.approve': OPERATORS,
  'refunds.reject': OPERATORS,
  'payments.deadLetters': EVERY_ROLE,
  'payments.retry': OPERATORS,
  // payment anomalies: everyone reads them, owners and operators settle them
  'payments.anomalies': EVERY_ROLE,
  'payments.settle': OPERATORS,
  // The catalog (products, stock, categories, the home page): operators run it.
  'products.list': OPERATORS,
  'products.detail': OPERATORS,
  'products.create': OPERATORS,
  'products.update': OPERATORS,
  'products.setOnSale': OPERATORS,
  'products.adjustStock': OPERATORS,
  'products.lowStock': OPERATORS,
  'categories.list': OPERATORS,
  'categories.create': OPERATORS,
  'categories.update': OPERATORS,
  'categories.remove': OPERATORS,
  'home.get': OPERATORS,
  'home.save': OPERATORS,
  // Sales figures: owners and operators, who run the shop.
  'dashboard.overview': OPERATORS,
  'dashboard.product': OPERATORS,
  // Coupons cost the shop money: owners and operators.
  'coupons.list': OPERATORS,
  'coupons.create': OPERATORS,
  'coupons.setActive': OPERATORS,
  'coupons.update': OPERATORS,
  // Orders in bulk; the export holds buyers' addresses, so it is not for service staff either.
  'orders.correctAddress': OPERATORS,
  'orders.batchShip': OPERATORS,
  'orders.export': OPERATORS,
  // Refunds and stock: anyone may see what needs doing; only operators decide about goods.
  'refunds.attention': EVERY_ROLE,
  'refunds.goodsReturned': OPERATORS,
  'refunds.goodsNotReturned': OPERATORS,
  // After-sales requests after receipt: service staff read them, owners and operators decide.
  'afterSales.list': EVERY_ROLE,
  'afterSales.detail': EVERY_ROLE,
  'afterSales.approve': OPERATORS,
  'afterSales.reject': OPERATORS,
  'afterSales.goodsReceived': OPERATORS,
};

export function isAdminAction(action: string): action is AdminAction {
  return Object.prototype.hasOwnProperty.call(ADMIN_ACTION_ACCESS, action);
}

/** Whether a caller with `role` (undefined = not staff) may call `action`. */
export function mayCall(role: StaffRole | undefined, action: AdminAction): boolean {
  const access = ADMIN_ACTION_ACCESS[action];
  if (access === 'anyone') return true;
  return role !== undefined && access.includes(role);
}

/**
 * The caller's role: owners are exactly the OPENIDs of SHOP_ADMIN_OPENIDS (taking one out of the setting
 * takes the role away); everyone else has the role of their staff document, if any.
 */
export function effectiveRole(
  openid: string,
  member: StaffMember | undefined,
  ownerOpenids: readonly string[],
): StaffRole | undefined {
  if (openid === '') return undefined;
  if (ownerOpenids.includes(openid)) return 'owner';
  if (!member || member.role === 'owner') return undefined;
  return member.role;
}

/** Invitation codes: 10 characters without look-alikes (0/O, 1/I/L), about 49 bits of chance. */
export const INVITATION_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
export const INVITATION_CODE_LENGTH = 10;
/** An invitation is good for three days: long enough to pass on in a chat, short enough to go stale. */
export const INVITATION_TTL_MS = 3 * 24 * 60 * 60 * 1000;

export function invitationCode(randomBytes: Uint8Array): string {
  if (randomBytes.length < INVITATION_CODE_LENGTH) throw new Error('not enough random bytes');
  let code = '';
  for (let i = 0; i < INVITATION_CODE_LENGTH; i += 1) {
    // 256 is not a multiple of 31, so a few letters come up slightly more often: immaterial for 49 bits.
    code += INVITATION_ALPHABET[randomBytes[i] % INVITATION_ALPHABET.length];
  }
  return code;
}

/** Codes are typed by people: spaces and lower case are forgiven. */
export function normaliseInvitationCode(text: string): string {
  return text.replace(/\s+/g, '').toUpperCase();
}
