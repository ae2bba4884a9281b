/**
 * The shipping fee: a pure function of the shop's rule (configuration), the destination province and the
 * items subtotal.
 */
import type { Fen } from '../../../types/entities';
import { assertFen } from './money';
import { allow, refuse, type RuleResult } from './rule-result';

export interface ShippingRule {
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
  const base = itemsSubtotal >= rule.freeFrom ? 0 : rule.baseFee;
  // Own keys only: a province named 'constructor' or '__proto__' must not read an inherited member.
  const extra =
    where && Object.prototype.hasOwnProperty.call(rule.regionExtra, where) ? rule.regionExtra[where] : 0;
  return allow(assertFen(base + extra, 'shipping fee'));
}
