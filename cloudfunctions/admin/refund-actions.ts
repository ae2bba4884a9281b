/**
 * The merchant's refund actions about stock and trouble: the refunds that need the merchant, and the goods
 * of a refunded shipped order (came back → their stock returns; will not come back → no stock). Audited.
 */
import { z } from 'zod';
import type { ActionTable } from '../common/runtime/action-router';
import {
  confirmGoodsReturned,
  recordGoodsNotReturned,
  refundsNeedingMerchant,
} from '../common/services/after-sales-service';
import { recordChange, type Actor } from '../common/services/audit-service';
import { idSchema, textSchema } from '../common/validation/fields';

type RefundActionTable = Pick<
  ActionTable<'admin'>,
  'refunds.attention' | 'refunds.goodsReturned' | 'refunds.goodsNotReturned'
>;

const orderId = z.object({ orderId: idSchema });
const ORDER_CODES = { orderId: 'ORDER_NOT_FOUND' } as const;
const none = z.object({}) as unknown as z.ZodType<Record<string, never>>;

export function refundActions(actor: () => Actor): RefundActionTable {
  return {
    'refunds.attention': { schema: none, run: () => refundsNeedingMerchant() },
    'refunds.goodsReturned': {
      schema: orderId,
      fieldCodes: ORDER_CODES,
      run: ({ orderId: id }, { now }) =>
        recordChange(actor(), 'refunds.goodsReturned', 'order', id, () => confirmGoodsReturned(id, now), now),
    },
    'refunds.goodsNotReturned': {
      schema: orderId.extend({ note: textSchema(1, 100) }),
      fieldCodes: ORDER_CODES,
      run: ({ orderId: id, note }, { now }) =>
        recordChange(
          actor(),
          'refunds.goodsNotReturned',
          'order',
          id,
          () => recordGoodsNotReturned(id, note, now),
          now,
        ),
    },
  };
}
