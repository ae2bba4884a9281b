/**
 * Per-buyer limits on unpaid orders, kept in one small document per buyer: the ids of the buyer's unpaid
 * orders and the units of each SKU they hold. A claim is one conditional write (under both limits and not
 * yet claimed for that order), a release one conditional write (only while the order is listed), so both
 * hold under any number of parallel calls and neither counts twice. The document is bounded by the limits.
 */
import { createHash } from 'node:crypto';
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, isDuplicateKey, updatedCount } from './query-helpers';
import type { ReservedLine } from './stock-reservation-repository';

export interface BuyerQuota {
  _id: string;
  openid: string;
  unpaid: number;
  orders: string[];
  units: Record<string, number>;
}

export interface QuotaLimits {
  maxUnpaidOrders: number;
  maxUnpaidUnitsPerSku: number;
}

export type QuotaClaim = 'CLAIMED' | 'ALREADY_CLAIMED' | 'UNPAID_ORDER_LIMIT' | 'SKU_PURCHASE_LIMIT';

const quotas = () => db.collection(COLLECTIONS.buyerQuotas);

export function buyerQuotaId(openid: string): string {
  return `bq${createHash('sha256').update(openid).digest('hex').slice(0, 30)}`;
}

/** Units per SKU of an order's lines (a SKU may appear once per line). */
export function unitsBySku(lines: readonly ReservedLine[]): Map<string, number> {
  const units = new Map<string, number>();
  for (const line of lines) units.set(line.skuId, (units.get(line.skuId) ?? 0) + line.quantity);
  return units;
}

async function readQuota(id: string): Promise<BuyerQuota | undefined> {
  return documentsOf<BuyerQuota>(await quotas().where({ _id: id }).limit(1).get())[0];
}

async function createQuota(id: string, openid: string): Promise<void> {
  try {
    await quotas().add({ data: { _id: id, openid, unpaid: 0, orders: [], units: {} } });
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
}

/**
 * Counts an unpaid order against the buyer's limits. `enforce: false` records it whatever the limits (the
 * worker restoring the count of an order that exists).
 */
export async function claimQuota(
  openid: string,
  orderId: string,
  lines: readonly ReservedLine[],
  limits: QuotaLimits,
  enforce = true,
): Promise<QuotaClaim> {
  const id = buyerQuotaId(openid);
  const units = unitsBySku(lines);
  if (enforce && [...units.values()].some((q) => q > limits.maxUnpaidUnitsPerSku))
    return 'SKU_PURCHASE_LIMIT';
  const conditions: object[] = [{ _id: id, orders: command.neq(orderId) }];
  if (enforce) {
    conditions.push({ unpaid: command.lt(limits.maxUnpaidOrders) });
    for (const [skuId, quantity] of units) {
      const field = `units.${skuId}`;
      conditions.push(
        command.or([
          { [field]: command.exists(false) },
          { [field]: command.lte(limits.maxUnpaidUnitsPerSku - quantity) },
        ]),
      );
    }
  }
  const data: Record<string, unknown> = { unpaid: command.inc(1), orders: command.push([orderId]) };
  for (const [skuId, quantity] of units) data[`units.${skuId}`] = command.inc(quantity);
  // A refusal is read back to name its cause; a limit freed meanwhile (or a missing document) is tried again.
  for (let round = 0; round < 4; round++) {
    const answer = await quotas().where(command.and(conditions)).update({ data });
    if (updatedCount(answer) > 0) return 'CLAIMED';
    const quota = await readQuota(id);
    if (!quota) {
      await createQuota(id, openid);
      continue;
    }
    if (quota.orders.includes(orderId)) return 'ALREADY_CLAIMED';
    if (!enforce) continue;
    if (quota.unpaid >= limits.maxUnpaidOrders) return 'UNPAID_ORDER_LIMIT';
    const over = [...units].some(
      ([skuId, quantity]) => (quota.units[skuId] ?? 0) + quantity > limits.maxUnpaidUnitsPerSku,
    );
    if (over) return 'SKU_PURCHASE_LIMIT';
  }
  throw new Error(`buyer quota of order ${orderId} could not be claimed`);
}

/** The order no longer counts (paid, cancelled, closed or never written); at most once per order. */
export async function releaseQuota(
  openid: string,
  orderId: string,
  lines: readonly ReservedLine[],
): Promise<boolean> {
  const id = buyerQuotaId(openid);
  const data: Record<string, unknown> = { unpaid: command.inc(-1), orders: command.pull(orderId) };
  for (const [skuId, quantity] of unitsBySku(lines)) data[`units.${skuId}`] = command.inc(-quantity);
  const released = updatedCount(await quotas().where({ _id: id, orders: orderId }).update({ data })) > 0;
  // With no unpaid order left every count is zero: drop the SKU keys so the document does not collect them.
  if (released)
    await quotas()
      .where({ _id: id, unpaid: 0 })
      .update({ data: { units: command.set({}) } });
  return released;
}
