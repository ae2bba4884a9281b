/**
 * Every change a member of staff makes goes through recordChange: the target is read before and after,
 * and one audit entry says who, when, what, and the fields that matter before → after.
 */
import { randomBytes } from 'node:crypto';
import type { EpochMs } from '../../../types/entities';
import type { AuditEntry, AuditPage, AuditTargetKind, StaffRole } from '../../../types/merchant';
import { findAuditEntries, insertAuditEntry } from '../repositories/audit-repository';
import { findProduct, findSkusOfProduct } from '../repositories/catalog-repository';
import { readHomeContent } from '../repositories/home-content-repository';
import { findCategory, findSkuDocument } from '../repositories/merchant-catalog-repository';
import { findTemplate } from '../repositories/coupon-repository';
import { findOrder } from '../repositories/order-repository';
import { findAfterSale } from '../repositories/after-sale-repository';
import { findInboxItem } from '../repositories/payment-inbox-repository';
import { findInvitation, findStaffMember } from '../repositories/staff-repository';

type Snapshot = Record<string, unknown> | null;

function pick(doc: object | undefined, fields: readonly string[]): Snapshot {
  if (!doc) return null;
  const record = doc as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const field of fields) if (record[field] !== undefined) picked[field] = record[field];
  return picked;
}

/** What of each target the log keeps: the fields merchant actions change, not whole documents. */
const SNAPSHOTS: Record<AuditTargetKind, (id: string) => Promise<Snapshot>> = {
  order: async (id) =>
    pick(await findOrder(id), ['state', 'merchantRemark', 'address', 'logistics', 'refund']),
  staff: async (id) => pick(await findStaffMember(id), ['role', 'name']),
  invitation: async (id) => pick(await findInvitation(id), ['state', 'role', 'name', 'expiresAt', 'usedBy']),
  payment: async (id) =>
    pick(await findInboxItem(id), ['state', 'attempts', 'lastError', 'anomaly', 'settlement']),
  product: async (id) => {
    const [product, skus] = await Promise.all([findProduct(id), findSkusOfProduct(id)]);
    const fields = ['title', 'subtitle', 'categoryId', 'images', 'description', 'tags', 'specs', 'onSale'];
    const snapshot = pick(product, fields);
    if (!snapshot) return null;
    const skuFields = ['specValues', 'price', 'originalPrice', 'onSale'];
    return { ...snapshot, skus: skus.map((sku) => ({ _id: sku._id, ...pick(sku, skuFields) })) };
  },
  sku: async (id) =>
    pick(await findSkuDocument(id), ['productId', 'stock', 'price', 'onSale', 'lastAdjustment']),
  category: async (id) => pick(await findCategory(id), ['parentId', 'name', 'icon', 'sort']),
  settings: async (id) => (id === 'home' ? pick(await readHomeContent(), ['banners', 'notices']) : null),
  afterSale: async (id) =>
    pick(await findAfterSale(id), ['state', 'rejectReason', 'returnShipment', 'goodsReceivedAt', 'refund']),
  coupon: async (id) =>
    pick(await findTemplate(id), ['title', 'rule', 'totalLimit', 'perUserLimit', 'validity', 'active']),
};

export interface Actor {
  openid: string;
  role: StaffRole;
}

/**
 * Runs `change` and logs it. `targetId` is a function of the answer when the change creates its target
 * (before is then null); `actor` too when the change gives the caller their role (joining the staff).
 * A failed change is not logged; a log write that fails is reported, not undone. `changed`, when given, says
 * from the answer whether this call made the change (of concurrent calls, the one whose conditional write
 * won); a call that changed nothing is not logged.
 */
export async function recordChange<T>(
  actor: Actor | ((result: T) => Actor),
  action: string,
  kind: AuditTargetKind,
  targetId: string | ((result: T) => string),
  change: () => Promise<T>,
  now: EpochMs,
  changed?: (result: T) => boolean,
): Promise<T> {
  const read = SNAPSHOTS[kind];
  const before = typeof targetId === 'string' ? await read(targetId) : null;
  const result = await change();
  if (changed && !changed(result)) return result;
  const id = typeof targetId === 'string' ? targetId : targetId(result);
  const who = typeof actor === 'function' ? actor(result) : actor;
  const entry: AuditEntry = {
    _id: `a${now.toString(36)}${randomBytes(6).toString('hex')}`,
    at: now,
    actor: who.openid,
    actorRole: who.role,
    action,
    target: { kind, id },
    before,
    after: await read(id),
  };
  try {
    await insertAuditEntry(entry);
  } catch (error) {
    console.error(`[audit] could not log ${action} on ${kind} ${id}`, error);
  }
  return result;
}

const AUDIT_PAGE = 20;

export async function auditPage(before: { at: EpochMs; id: string } | undefined): Promise<AuditPage> {
  const rows = await findAuditEntries(before, AUDIT_PAGE + 1);
  const items = rows.slice(0, AUDIT_PAGE);
  const last = items[items.length - 1];
  return rows.length > AUDIT_PAGE && last ? { items, next: { at: last.at, id: last._id } } : { items };
}
