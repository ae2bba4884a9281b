/** The `admin` function: the merchant's actions (ship, refunds, failed payment notices). Admins only. */
import { z } from 'zod';
import type { Failure, Result } from '../../types';
import { EXPRESS_COMPANY_CODES } from '../../types/express-companies';
import { ORDER_STATES } from '../../types/order-states';
import { readShopSettings } from '../common/config/shop-settings';
import { routeActions } from '../common/runtime/action-router';
import { currentCaller } from '../common/runtime/caller';
import { approveRefund, merchantRefund, rejectRefund } from '../common/services/after-sales-service';
import { shipOrder } from '../common/services/fulfilment-service';
import { deadLetters, merchantOrders, retryDeadLetter } from '../common/services/merchant-service';
import { idSchema, textSchema } from '../common/validation/fields';

const orderId = z.object({ orderId: idSchema });
const ORDER_CODES = { orderId: 'ORDER_NOT_FOUND' } as const;

const route = routeActions('admin', {
  'orders.list': {
    schema: z.object({
      state: z.enum(ORDER_STATES).optional(),
      page: z.number().int().min(1).max(500).optional(),
    }),
    run: ({ state, page }) => merchantOrders(state, page ?? 1),
  },
  'orders.ship': {
    schema: orderId.extend({
      expressCompany: z.enum(EXPRESS_COMPANY_CODES),
      trackingNo: z.string().regex(/^[0-9A-Za-z-]{4,40}$/, 'bad tracking number'),
    }),
    fieldCodes: ORDER_CODES,
    run: ({ orderId: id, expressCompany, trackingNo }, { now }) =>
      shipOrder(id, expressCompany, trackingNo, now),
  },
  'orders.refund': {
    schema: orderId.extend({ reason: textSchema(1, 100) }),
    fieldCodes: ORDER_CODES,
    run: ({ orderId: id, reason }, { now }) => merchantRefund(id, reason, now),
  },
  'refunds.approve': {
    schema: orderId,
    fieldCodes: ORDER_CODES,
    run: ({ orderId: id }, { now }) => approveRefund(id, now),
  },
  'refunds.reject': {
    schema: orderId.extend({ reason: textSchema(1, 100) }),
    fieldCodes: ORDER_CODES,
    run: ({ orderId: id, reason }, { now }) => rejectRefund(id, reason, now),
  },
  'payments.deadLetters': {
    schema: z.object({}) as unknown as z.ZodType<Record<string, never>>,
    run: () => deadLetters(),
  },
  'payments.retry': {
    schema: z.object({ transactionId: z.string().regex(/^[0-9A-Za-z_-]{1,64}$/) }),
    run: ({ transactionId }, { now }) => retryDeadLetter(transactionId, now),
  },
});

export async function main(event: unknown): Promise<Result<unknown>> {
  const { openid } = currentCaller();
  if (!openid || !readShopSettings().adminOpenids.includes(openid)) {
    const refused: Failure = {
      ok: false,
      code: 'FORBIDDEN',
      message: 'merchant actions need an admin OPENID (SHOP_ADMIN_OPENIDS)',
    };
    return refused;
  }
  return route(event);
}
