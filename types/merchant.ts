/**
 * The merchant's side of the contract: staff and their roles, invitations, the audit log, and the actions of
 * the `admin` function that manage them. Pages of the workspace and the functions are both typed by it.
 */
import type { EpochMs, Order } from './entities';

/**
 * owner: everything, including staff and the audit log (owners come from SHOP_ADMIN_OPENIDS);
 * operator: orders, after-sales, products; service: reads orders and after-sales, writes remarks.
 */
export const STAFF_ROLES = ['owner', 'operator', 'service'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];
/** Roles an owner can hand out; owners are named by the function's configuration only. */
export const INVITABLE_ROLES = ['operator', 'service'] as const;
export type InvitableRole = (typeof INVITABLE_ROLES)[number];

/** A member of the shop's staff; `_id` is their OPENID in this mini program. */
export interface StaffMember {
  _id: string;
  role: StaffRole;
  /** What the owner calls them (a name or a note), 1..20 characters. */
  name: string;
  joinedAt: EpochMs;
  /** Who invited them; absent for owners named by configuration. */
  invitedBy?: string;
}

/** A one-time invitation: the first WeChat user who enters the code before it expires joins with `role`. */
export interface StaffInvitationView {
  code: string;
  role: InvitableRole;
  name: string;
  createdBy: string;
  createdAt: EpochMs;
  expiresAt: EpochMs;
}

export type AuditTargetKind =
  | 'order'
  | 'staff'
  | 'invitation'
  | 'payment'
  | 'product'
  | 'sku'
  | 'category'
  | 'settings'
  | 'coupon'
  | 'afterSale';

/** One change made by a member of staff: who, when, what, and the target before and after. */
export interface AuditEntry {
  _id: string;
  at: EpochMs;
  actor: string;
  actorRole: StaffRole;
  /** The admin action, e.g. 'orders.ship'. */
  action: string;
  target: { kind: AuditTargetKind; id: string };
  /** The fields of the target the change concerns; null when it did not exist. */
  before: Record<string, unknown> | null;
  after: Record<string, unknown> | null;
}

/** An order as staff see it: the buyer's order plus the merchant's private remark. */
export type MerchantOrder = Order & { merchantRemark?: string };

export interface StaffListResponse {
  staff: StaffMember[];
  /** Invitations not used yet and not expired. */
  invitations: StaffInvitationView[];
}

export interface AuditPage {
  /** Newest first. */
  items: AuditEntry[];
  /** Pass as `before` for the next page; absent on the last page. */
  next?: { at: EpochMs; id: string };
}

/** Actions of the `admin` function about the staff themselves. */
export interface StaffActions {
  /** Who the caller is to the shop: FORBIDDEN for anyone not on the staff (the workspace entry hides). */
  'staff.me': { request: Record<string, never>; response: StaffMember };
  'staff.list': { request: Record<string, never>; response: StaffListResponse };
  'staff.invite': { request: { role: InvitableRole; name: string }; response: StaffInvitationView };
  'staff.revokeInvitation': { request: { code: string }; response: { revoked: boolean } };
  /** The one action open to any WeChat user: entering an invitation's code. */
  'staff.join': { request: { code: string }; response: StaffMember };
  'staff.setRole': { request: { openid: string; role: InvitableRole }; response: StaffMember };
  'staff.remove': { request: { openid: string }; response: { removed: boolean } };
  'audit.list': { request: { before?: { at: EpochMs; id: string } }; response: AuditPage };
}
