/**
 * The merchant's coupon templates: creating, pausing and resuming, and their counters. `issued` moves in the
 * claim's own conditional write and `used` after a coupon's conditional LOCKED → USED write, so the counts
 * cost no scan of claims however many there are.
 */
import { randomBytes } from 'node:crypto';
import type { CouponTemplate, EpochMs } from '../../../types/entities';
import type { CouponTemplateInput, MerchantCouponTemplate } from '../../../types/merchant-coupons';
import {
  findTemplate,
  findTemplatesNewestFirst,
  insertTemplate,
  setTemplateActive,
} from '../repositories/coupon-repository';
import { fail } from '../runtime/domain-error';

export const COUPON_LIST_LIMIT = 100;

type StoredTemplate = CouponTemplate & { used?: number };

export function merchantTemplate(template: StoredTemplate): MerchantCouponTemplate {
  const { _id, title, description, rule, categoryIds, totalLimit, issued, perUserLimit, validity } = template;
  const view: MerchantCouponTemplate = {
    _id,
    title,
    description,
    rule,
    totalLimit,
    issued,
    perUserLimit,
    validity,
    newcomerOnly: template.newcomerOnly,
    active: template.active,
    createdAt: template.createdAt,
    claimed: issued,
    used: template.used ?? 0,
  };
  if (categoryIds) view.categoryIds = categoryIds;
  return view;
}

/** Why a template cannot be created, or undefined: rules zod cannot see across fields. */
export function couponInputProblem(input: CouponTemplateInput): string | undefined {
  const { rule, validity } = input;
  if (rule.kind === 'AMOUNT_OFF' && rule.threshold > 0 && rule.amount >= rule.threshold)
    return 'rule: the amount off must be below the threshold';
  if (validity.kind === 'FIXED' && validity.from >= validity.to) return 'validity: from must be before to';
  if (input.perUserLimit > input.totalLimit) return 'perUserLimit: more than the total';
  return undefined;
}

export async function couponTemplates(): Promise<{ items: MerchantCouponTemplate[] }> {
  return { items: (await findTemplatesNewestFirst(COUPON_LIST_LIMIT)).map(merchantTemplate) };
}

export async function createCouponTemplate(
  input: CouponTemplateInput,
  now: EpochMs,
): Promise<MerchantCouponTemplate> {
  const problem = couponInputProblem(input);
  if (problem) fail('INVALID_INPUT', problem);
  const template: CouponTemplate & { used: number } = {
    _id: `ct${now.toString(36)}${randomBytes(5).toString('hex')}`,
    title: input.title,
    description: input.description,
    rule: input.rule,
    totalLimit: input.totalLimit,
    issued: 0,
    perUserLimit: input.perUserLimit,
    validity: input.validity,
    newcomerOnly: input.newcomerOnly,
    active: true,
    createdAt: now,
    used: 0,
  };
  if (input.categoryIds && input.categoryIds.length > 0) template.categoryIds = input.categoryIds;
  await insertTemplate(template);
  return merchantTemplate(template);
}

/** Pausing stops new claims (claims are conditional on `active`); coupons already claimed stay usable. */
export async function setCouponActive(templateId: string, active: boolean): Promise<MerchantCouponTemplate> {
  await setTemplateActive(templateId, active);
  const template = await findTemplate(templateId);
  if (!template) fail('COUPON_NOT_FOUND', `coupon template ${templateId} does not exist`);
  return merchantTemplate(template);
}
