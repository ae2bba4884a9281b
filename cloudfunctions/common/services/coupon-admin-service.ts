/**
 * The merchant's coupon templates: creating, pausing and resuming, and their counters. `issued` moves in the
 * claim's own conditional write and `used` after a coupon's conditional LOCKED → USED write, so the counts
 * cost no scan of claims however many there are.
 */
import { randomBytes } from 'node:crypto';
import type { CouponTemplate, EpochMs } from '../../../types/entities';
import type {
  CouponTemplateInput,
  CouponTemplateUpdate,
  MerchantCouponTemplate,
} from '../../../types/merchant-coupons';
import {
  editTemplate,
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

/**
 * Edits a template's safe fields in one conditional write; when it is refused, the template as it stands says
 * why. Coupons already claimed keep their copy of the template (title, validity), as with pausing.
 */
export async function updateCouponTemplate(update: CouponTemplateUpdate): Promise<MerchantCouponTemplate> {
  const { templateId, paused, ...fields } = update;
  if (
    fields.totalLimit !== undefined &&
    fields.perUserLimit !== undefined &&
    fields.perUserLimit > fields.totalLimit
  )
    fail('INVALID_INPUT', 'perUserLimit: more than the total');
  const edit = paused === undefined ? fields : { ...fields, active: !paused };
  if (!(await editTemplate(templateId, edit))) {
    const template = await findTemplate(templateId);
    if (!template) fail('COUPON_NOT_FOUND', `coupon template ${templateId} does not exist`);
    fail(...refusal(template, update));
  }
  const template = await findTemplate(templateId);
  if (!template) fail('COUPON_NOT_FOUND', `coupon template ${templateId} does not exist`);
  return merchantTemplate(template);
}

/** Why a conditional edit did not apply to the template as it now stands. */
function refusal(
  template: CouponTemplate,
  update: CouponTemplateUpdate,
): ['COUPON_LIMIT' | 'INVALID_INPUT', string] {
  const { validity } = template;
  if (update.totalLimit !== undefined && update.totalLimit < template.issued)
    return ['COUPON_LIMIT', `totalLimit: ${template.issued} already claimed`];
  if (
    update.totalLimit !== undefined &&
    update.perUserLimit === undefined &&
    template.perUserLimit > update.totalLimit
  )
    return ['COUPON_LIMIT', `totalLimit: below the per-buyer limit ${template.perUserLimit}`];
  if (
    update.perUserLimit !== undefined &&
    update.totalLimit === undefined &&
    update.perUserLimit > template.totalLimit
  )
    return ['INVALID_INPUT', 'perUserLimit: more than the total'];
  if (update.validTo !== undefined && validity.kind !== 'FIXED')
    return ['INVALID_INPUT', 'validTo: the template is valid for days after claiming'];
  if (update.validTo !== undefined && validity.kind === 'FIXED' && update.validTo <= validity.from)
    return ['INVALID_INPUT', 'validTo: not after the validity start'];
  if (update.validDays !== undefined && validity.kind !== 'DAYS_AFTER_CLAIM')
    return ['INVALID_INPUT', 'validDays: the template has fixed dates'];
  // The template moved between the write and this read (a claim): the caller may simply try again.
  return ['COUPON_LIMIT', 'the template changed meanwhile; try again'];
}
