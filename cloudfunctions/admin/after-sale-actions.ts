/**
 * The merchant's after-sales queue after receipt: list and read requests (every role), approve, reject with
 * a reason, confirm returned goods (owners and operators). Every decision is audited.
 */
import { z } from 'zod';
import { AFTER_SALE_STATES, type MerchantAfterSaleActions } from '../../types/after-sales';
import type { ActionTable } from '../common/runtime/action-router';
import {
  approveAfterSale,
  merchantAfterSale,
  merchantAfterSales,
  receiveReturnedGoods,
  rejectAfterSale,
} from '../common/services/after-sale-request-service';
import { recordChange, type Actor } from '../common/services/audit-service';
import { idSchema, textSchema } from '../common/validation/fields';

const afterSaleId = z.object({ afterSaleId: idSchema });
const REQUEST_CODES = { afterSaleId: 'AFTER_SALE_NOT_FOUND' } as const;

export function afterSaleActions(
  actor: () => Actor,
): Pick<ActionTable<'admin'>, keyof MerchantAfterSaleActions> {
  return {
    'afterSales.list': {
      schema: z.object({
        state: z.enum(AFTER_SALE_STATES).optional(),
        page: z.number().int().min(1).max(500).optional(),
      }),
      run: ({ state, page }) => merchantAfterSales(state, page ?? 1),
    },
    'afterSales.detail': {
      schema: afterSaleId,
      fieldCodes: REQUEST_CODES,
      run: ({ afterSaleId: id }) => merchantAfterSale(id),
    },
    'afterSales.approve': {
      schema: afterSaleId,
      fieldCodes: REQUEST_CODES,
      run: ({ afterSaleId: id }, { now }) =>
        recordChange(actor(), 'afterSales.approve', 'afterSale', id, () => approveAfterSale(id, now), now),
    },
    'afterSales.reject': {
      schema: afterSaleId.extend({ reason: textSchema(1, 100) }),
      fieldCodes: REQUEST_CODES,
      run: ({ afterSaleId: id, reason }, { now }) =>
        recordChange(
          actor(),
          'afterSales.reject',
          'afterSale',
          id,
          () => rejectAfterSale(id, reason, now),
          now,
        ),
    },
    'afterSales.goodsReceived': {
      schema: afterSaleId,
      fieldCodes: REQUEST_CODES,
      run: ({ afterSaleId: id }, { now }) =>
        recordChange(
          actor(),
          'afterSales.goodsReceived',
          'afterSale',
          id,
          () => receiveReturnedGoods(id, now),
          now,
        ),
    },
  };
}
