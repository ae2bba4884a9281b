/**
 * The shipping fee: a pure function of the shop's rule (configuration), the destination province and the
 * items subtotal.
 */
import type { Fen, FreeShippingRule } from '../../../types/entities';
import { assertFen } from './money';
import { allow, refuse, type RuleResult } from './rule-result';

export interface ShippingRule extends FreeShippingRule {
  /** Fee of an order below `freeFrom`. */
  baseFee: Fen;
  /** Items subtotal from which the base fee is waived (≥, so exactly 99.00 ships free at 9900). */
  freeFrom: Fen;
  /**
   * Surcharge by province, keyed by the full name the WeChat address picker gives ('新疆维吾尔自治区').
   * Charged even when the base fee is waived: free shipping covers the usual cost, not remote regions.
   */
  regionExtra: Readonly<Record<string, Fen>>;
  /** Provinces the shop does not ship to. */
  noDelivery: readonly string[];
}

export const DEFAULT_SHIPPING_RULE: ShippingRule = {
  baseFee: 1000,
  freeFrom: 9900,
  regionExtra: {
    新疆维吾尔自治区: 1500,
    西藏自治区: 1500,
    青海省: 1000,
    内蒙古自治区: 800,
    宁夏回族自治区: 800,
    甘肃省: 500,
  },
  noDelivery: ['台湾省', '香港特别行政区', '澳门特别行政区'],
};

/** The part of the rule the buyer's pages are given (cart and checkout answers). */
export function freeShippingRuleOf(rule: ShippingRule): FreeShippingRule {
  return { baseFee: rule.baseFee, freeFrom: rule.freeFrom };
}

/**
 * How much more of the items subtotal (before coupons) waives the base fee: 0 once it is waived, or when the
 * shop charges none. The fee below and the pages' 再买 ¥X 包邮 both read it, so they cannot disagree.
 */
export function freeShippingShortfall(rule: FreeShippingRule, itemsSubtotal: Fen): Fen {
  assertFen(itemsSubtotal, 'items subtotal');
  if (rule.baseFee <= 0) return 0;
  return Math.max(0, rule.freeFrom - itemsSubtotal);
}

/**
 * The fee for shipping `itemsSubtotal` (before coupon discounts) to `province`. Without a province yet
 * (no address chosen) the quote shows the base part only. Nothing to ship costs nothing.
 */
export function shippingFee(
  rule: ShippingRule,
  province: string | undefined,
  itemsSubtotal: Fen,
): RuleResult<Fen, 'SHIPPING_UNAVAILABLE'> {
  assertFen(itemsSubtotal, 'items subtotal');
  const where = province?.trim();
  if (where && rule.noDelivery.includes(where)) return refuse('SHIPPING_UNAVAILABLE', { province: where });
  if (itemsSubtotal <= 0) return allow(0);
  const base = freeShippingShortfall(rule, itemsSubtotal) > 0 ? rule.baseFee : 0;
  // Own keys only: a province named 'constructor' or '__proto__' must not read an inherited member.
  const extra =
    where && Object.prototype.hasOwnProperty.call(rule.regionExtra, where) ? rule.regionExtra[where] : 0;
  return allow(assertFen(base + extra, 'shipping fee'));
}
