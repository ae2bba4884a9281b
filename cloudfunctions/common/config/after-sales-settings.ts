/**
 * The shop's after-sales settings, from the function's environment (`SHOP_AFTER_SALES`, JSON): how long after
 * completion a buyer may still ask, where returns go, and whether a fully refunded order gives its coupon back.
 */
import type { ReturnAddress } from '../../../types/after-sales';

export interface AfterSalesSettings {
  /** After-sales stay open this long after an order completes (a received order is always open). */
  windowMs: number;
  /** Shown to the buyer once a return is approved; absent: the buyer is asked to contact the shop. */
  returnAddress?: ReturnAddress;
  /** A fully refunded order's coupon goes back to the buyer, once. Off unless the shop says so. */
  returnCouponOnFullRefund: boolean;
}

const DAY_MS = 24 * 60 * 60 * 1000;
export const DEFAULT_AFTER_SALES_WINDOW_DAYS = 7;

interface AfterSalesSettingsInput {
  windowDays?: number;
  returnAddress?: ReturnAddress;
  returnCouponOnFullRefund?: boolean;
}

function isReturnAddress(value: unknown): value is ReturnAddress {
  const v = value as Record<string, unknown> | null;
  return (
    typeof v === 'object' &&
    v !== null &&
    typeof v.name === 'string' &&
    typeof v.mobile === 'string' &&
    typeof v.address === 'string'
  );
}

export function readAfterSalesSettings(env: NodeJS.ProcessEnv = process.env): AfterSalesSettings {
  const raw = env.SHOP_AFTER_SALES?.trim();
  const input = (raw ? JSON.parse(raw) : {}) as AfterSalesSettingsInput;
  const days = input.windowDays ?? DEFAULT_AFTER_SALES_WINDOW_DAYS;
  if (!Number.isFinite(days) || days < 0) throw new Error(`SHOP_AFTER_SALES.windowDays: bad ${days}`);
  if (input.returnAddress !== undefined && !isReturnAddress(input.returnAddress))
    throw new Error('SHOP_AFTER_SALES.returnAddress needs name, mobile and address');
  return {
    windowMs: days * DAY_MS,
    ...(input.returnAddress && { returnAddress: input.returnAddress }),
    returnCouponOnFullRefund: input.returnCouponOnFullRefund === true,
  };
}
