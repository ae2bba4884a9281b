/**
 * Settings of the shop the functions read at run time: from the function's environment variables (set in
 * the cloud console or by deployment), with the defaults a new shop starts with.
 */
import { DEFAULT_SHIPPING_RULE, type ShippingRule } from '../domain/shipping';
import { ORDER_DEADLINES } from '../domain/order-transitions';

export interface ShopSettings {
  /** How long an unpaid order waits before it closes. */
  orderExpiryMs: number;
  shippingRule: ShippingRule;
  /** OPENIDs allowed to call merchant actions (ship, refund, inspect dead letters). */
  adminOpenids: string[];
  /** At most this many unpaid orders per buyer at once. */
  maxUnpaidOrders: number;
  /** At most this many units of one SKU per buyer across their unpaid orders. */
  maxUnpaidUnitsPerSku: number;
}

export const DEFAULT_MAX_UNPAID_ORDERS = 10;
export const DEFAULT_MAX_UNPAID_UNITS_PER_SKU = 30;

function positiveInteger(value: string | undefined, fallback: number): number {
  if (value === undefined || value.trim() === '') return fallback;
  const parsed = Number(value);
  if (!Number.isInteger(parsed) || parsed <= 0)
    throw new Error(`expected a positive integer, got ${JSON.stringify(value)}`);
  return parsed;
}

export function readShopSettings(env: NodeJS.ProcessEnv = process.env): ShopSettings {
  const expiryMinutes = positiveInteger(env.SHOP_ORDER_EXPIRY_MINUTES, ORDER_DEADLINES.payWithin / 60000);
  const shippingRule = env.SHOP_SHIPPING_RULE
    ? { ...DEFAULT_SHIPPING_RULE, ...(JSON.parse(env.SHOP_SHIPPING_RULE) as Partial<ShippingRule>) }
    : DEFAULT_SHIPPING_RULE;
  const adminOpenids = (env.SHOP_ADMIN_OPENIDS ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  return {
    orderExpiryMs: expiryMinutes * 60000,
    shippingRule,
    adminOpenids,
    maxUnpaidOrders: positiveInteger(env.SHOP_MAX_UNPAID_ORDERS, DEFAULT_MAX_UNPAID_ORDERS),
    maxUnpaidUnitsPerSku: positiveInteger(
      env.SHOP_MAX_UNPAID_UNITS_PER_SKU,
      DEFAULT_MAX_UNPAID_UNITS_PER_SKU,
    ),
  };
}
