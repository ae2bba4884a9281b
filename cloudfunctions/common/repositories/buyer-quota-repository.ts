/**
 * Per-buyer limits on unpaid orders, kept in one small document per buyer: the ids of the buyer's unpaid
 * orders and the units of each SKU they hold. A claim is one conditional write (under both limits and not
 * yet claimed for that order), a release one conditional write (only while the order is listed), so both
 * hold under any number of parallel calls and neither counts twice. The document is bounded by the limits.
 */
import { createHash } from 'node:crypto';
import { command, db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, insertUnlessExists, updatedCount } from './query-helpers';
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

/** Which limit an order would break, judged on a read of the counts (a hint: the claim decides). */
export function quotaExceeded(
  quota: BuyerQuota | undefined,
  orderId: string,
  lines: readonly ReservedLine[],
  limits: QuotaLimits,
): 'UNPAID_ORDER_LIMIT' | 'SKU_PURCHASE_LIMIT' | undefined {
  if (quota?.orders.includes(orderId)) return undefined;
  if ((quota?.unpaid ?? 0) >= limits.maxUnpaidOrders) return 'UNPAID_ORDER_LIMIT';
  for (const [skuId, quantity] of unitsBySku(lines)) {
    if ((quota?.units[skuId] ?? 0) + quantity > limits.maxUnpaidUnitsPerSku) return 'SKU_PURCHASE_LIMIT';
  }
  return undefined;
}

async function readQuota(id: string): Promise<BuyerQuota | undefined> {
  return documentsOf<BuyerQuota>(await quotas().where({ _id: id }).limit(1).get())[0];
}

/** A buyer's first count, written with the document; false when a concurrent call created it first. */
async function createQuotaWith(
  id: string,
  openid: string,
  orderId: string,
  units: ReadonlyMap<string, number>,
): Promise<boolean> {
  const created = await insertUnlessExists(quotas(), {
    _id: id,
    openid,
    unpaid: 1,
    orders: [orderId],
    units: Object.fromEntries(units),
  });
  return created === 'INSERTED';
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
  options: { enforce?: boolean; known?: BuyerQuota | 'NONE' } = {},
): Promise<QuotaClaim> {
  const enforce = options.enforce ?? true;
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
  // The checkout read says whether the document exists, so a buyer's first order costs one write too. A
  // refusal is read back to name its cause; a limit freed meanwhile (or a lost creation race) is tried again.
  let known = options.known;
  for (let round = 0; round < 4; round++) {
    if (known === 'NONE') {
      if (await createQuotaWith(id, openid, orderId, units)) return 'CLAIMED';
    } else {
      const answer = await quotas().where(command.and(conditions)).update({ data });
      if (updatedCount(answer) > 0) return 'CLAIMED';
    }
    const quota = await readQuota(id);
    known = quota ?? 'NONE';
    if (!quota) continue;
    if (quota.orders.includes(orderId)) return 'ALREADY_CLAIMED';
    const over = enforce ? quotaExceeded(quota, orderId, lines, limits) : undefined;
    if (over) return over;
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
