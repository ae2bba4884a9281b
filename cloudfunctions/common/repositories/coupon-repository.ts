/** Coupon templates (the merchant's) and the coupons buyers hold, filtered by OPENID. */
import { createHash } from 'node:crypto';
import type { CouponTemplate, UserCoupon } from '../../../types/entities';
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, insertUnlessExists, updatedCount } from './query-helpers';

const templates = () => db.collection(COLLECTIONS.couponTemplates);
const userCoupons = () => db.collection(COLLECTIONS.userCoupons);

/**
 * The id of a buyer's n-th coupon of a template: two concurrent claims of one buyer compute the same id and the
 * second insert fails, so the per-buyer limit holds without a transaction.
 */
export function buyerCouponId(openid: string, templateId: string, ordinal: number): string {
  return `uc${createHash('sha256').update(`${openid}\u0000${templateId}\u0000${ordinal}`).digest('hex').slice(0, 30)}`;
}

export async function findActiveTemplates(): Promise<CouponTemplate[]> {
  // `used` is the merchant's counter, not part of what buyers are shown.
  const answer = await templates().where({ active: true }).field({ used: false }).limit(100).get();
  return documentsOf<CouponTemplate>(answer);
}

export async function findTemplate(templateId: string): Promise<CouponTemplate | undefined> {
  return documentsOf<CouponTemplate>(await templates().where({ _id: templateId }).limit(1).get())[0];
}

export async function findBuyerCoupons(openid: string): Promise<UserCoupon[]> {
  const answer = await userCoupons().where({ openid }).orderBy('claimedAt', 'desc').limit(200).get();
  return documentsOf<UserCoupon>(answer);
}

export async function findBuyerCoupon(openid: string, couponId: string): Promise<UserCoupon | undefined> {
  return documentsOf<UserCoupon>(await userCoupons().where({ openid, _id: couponId }).limit(1).get())[0];
}

/** Takes one coupon from the template's stock; false when it ran out (a concurrent claim took the last). */
export async function takeFromTemplate(template: CouponTemplate): Promise<boolean> {
  const answer = await templates()
    // The limit read is part of the condition: a claim racing the merchant lowering it fails, never overshoots.
    .where({
      _id: template._id,
      active: true,
      totalLimit: template.totalLimit,
      issued: command.lt(template.totalLimit),
    })
    .update({ data: { issued: command.inc(1) } });
  return updatedCount(answer) > 0;
}

export async function returnToTemplate(templateId: string): Promise<void> {
  await templates()
    .where({ _id: templateId })
    .update({ data: { issued: command.inc(-1) } });
}

/** 'EXISTS' when the buyer already holds a coupon with this _id. */
export async function insertBuyerCoupon(coupon: UserCoupon): Promise<'INSERTED' | 'EXISTS'> {
  return insertUnlessExists(userCoupons(), { ...coupon });
}

/**
 * UNUSED → LOCKED for an order being created, or kept LOCKED when this order already holds it (a retry of
 * the same request, after an attempt that died or runs beside it); false when the coupon is another order's
 * or spent.
 */
export async function lockCoupon(
  openid: string,
  couponId: string,
  orderId: string,
  now: number,
): Promise<boolean> {
  const answer = await userCoupons()
    .where(
      command.and([
        { _id: couponId, openid },
        command.or([{ state: 'UNUSED' }, { state: 'LOCKED', orderId }]),
      ]),
    )
    .update({ data: { state: 'LOCKED', orderId, lockedAt: now } });
  return updatedCount(answer) > 0;
}

/** LOCKED → UNUSED, only while the given order holds it. */
export async function unlockCoupon(couponId: string, orderId: string): Promise<boolean> {
  const answer = await userCoupons()
    .where({ _id: couponId, state: 'LOCKED', orderId })
    .update({ data: { state: 'UNUSED', orderId: command.remove(), lockedAt: command.remove() } });
  return updatedCount(answer) > 0;
}

/**
 * LOCKED → USED once the order holding it is paid. The template's `used` counter moves only when this
 * conditional write changed the coupon, so a payment applied twice counts once.
 */
export async function spendCoupon(couponId: string, orderId: string, now: number): Promise<boolean> {
  const answer = await userCoupons()
    .where({ _id: couponId, state: 'LOCKED', orderId })
    .update({ data: { state: 'USED', usedAt: now } });
  if (updatedCount(answer) === 0) return false;
  const spent = documentsOf<Pick<UserCoupon, 'templateId'>>(
    await userCoupons().where({ _id: couponId }).field({ templateId: true }).limit(1).get(),
  )[0];
  if (spent)
    await templates()
      .where({ _id: spent.templateId })
      .update({ data: { used: command.inc(1) } });
  return true;
}

// ---------------------------------------------------------------- the merchant's side

export async function findTemplatesNewestFirst(limit: number): Promise<CouponTemplate[]> {
  return documentsOf<CouponTemplate>(await templates().orderBy('createdAt', 'desc').limit(limit).get());
}

export async function insertTemplate(template: CouponTemplate & { used: number }): Promise<void> {
  await templates().add({ data: { ...template } });
}

export async function setTemplateActive(templateId: string, active: boolean): Promise<boolean> {
  const answer = await templates().where({ _id: templateId }).update({ data: { active } });
  return updatedCount(answer) > 0;
}

/** What `coupons.update` writes, and the conditions that keep the template consistent while it does. */
export interface TemplateEdit {
  title?: string;
  validTo?: number;
  validDays?: number;
  totalLimit?: number;
  perUserLimit?: number;
  active?: boolean;
}

/**
 * One conditional write: the total never below what was issued (claims move `issued` in their own conditional
 * writes, so the two cannot cross), the per-buyer limit never above the total, the validity's end only on a
 * FIXED template and after its start. False when the template is missing or a condition does not hold.
 */
export async function editTemplate(templateId: string, edit: TemplateEdit): Promise<boolean> {
  const where: Record<string, unknown> = { _id: templateId };
  const data: Record<string, unknown> = {};
  if (edit.title !== undefined) data.title = edit.title;
  if (edit.active !== undefined) data.active = edit.active;
  if (edit.totalLimit !== undefined) {
    data.totalLimit = edit.totalLimit;
    where.issued = command.lte(edit.totalLimit);
    if (edit.perUserLimit === undefined) where.perUserLimit = command.lte(edit.totalLimit);
  }
  if (edit.perUserLimit !== undefined) {
    data.perUserLimit = edit.perUserLimit;
    if (edit.totalLimit === undefined) where.totalLimit = command.gte(edit.perUserLimit);
  }
  if (edit.validTo !== undefined) {
    data['validity.to'] = edit.validTo;
    where['validity.kind'] = 'FIXED';
    where['validity.from'] = command.lt(edit.validTo);
  }
  if (edit.validDays !== undefined) {
    data['validity.days'] = edit.validDays;
    where['validity.kind'] = 'DAYS_AFTER_CLAIM';
  }
  return updatedCount(await templates().where(where).update({ data })) > 0;
}

/** Coupons locked longer than `before` ago: candidates for repair when their order was never written. */
export async function findStaleLocks(before: number, limit: number): Promise<UserCoupon[]> {
  const answer = await userCoupons()
    .where({ state: 'LOCKED', lockedAt: command.lt(before) })
    .limit(limit)
    .get();
  return documentsOf<UserCoupon>(answer);
}

/**
 * USED → UNUSED for a coupon spent on an order that was refunded in full (when the shop's setting says so):
 * conditional on the coupon still being that order's spent coupon, so it goes back once.
 */
export async function giveBackSpentCoupon(couponId: string, orderId: string): Promise<boolean> {
  const answer = await userCoupons()
    .where({ _id: couponId, state: 'USED', orderId })
    .update({ data: { state: 'UNUSED', orderId: command.remove(), usedAt: command.remove() } });
  return updatedCount(answer) > 0;
}
