/** The shop's close of an unpaid order whose countdown ran out on the buyer's page: action → schema → service. */
import type { ActionTable } from '../common/runtime/action-router';
import { closeExpiredOrderSchema } from '../common/validation/order';
import { closeExpiredForBuyer } from '../common/services/order-closing-service';

export function orderClosingActions(): Pick<ActionTable<'shop'>, 'order.closeExpired'> {
  return {
    'order.closeExpired': {
      schema: closeExpiredOrderSchema,
      fieldCodes: { orderId: 'ORDER_NOT_FOUND' },
      run: ({ orderId }, { caller, now }) => closeExpiredForBuyer(caller.openid, orderId, now),
    },
  };
}
