/** The workspace's order actions beyond one order: address correction, batch shipping, CSV export. */
import { z } from 'zod';
import { EXPRESS_COMPANY_CODES } from '../../types/express-companies';
import type { MerchantOrderActions } from '../../types/merchant-orders';
import { isShopDay } from '../common/domain/shop-day';
import type { ActionTable } from '../common/runtime/action-router';
import { recordChange, type Actor } from '../common/services/audit-service';
import { shipOrder } from '../common/services/fulfilment-service';
import { correctAddress, exportOrders, shipBatch } from '../common/services/order-admin-service';
import { addressSnapshotSchema } from '../common/validation/address';
import { idSchema } from '../common/validation/fields';

const shopDay = z.string().refine(isShopDay, 'a day is YYYY-MM-DD');
const shipment = z.object({
  orderId: idSchema,
  expressCompany: z.enum(EXPRESS_COMPANY_CODES),
  trackingNo: z.string().regex(/^[0-9A-Za-z-]{4,40}$/, 'bad tracking number'),
});

export function orderActions(actor: () => Actor): Pick<ActionTable<'admin'>, keyof MerchantOrderActions> {
  return {
    'orders.correctAddress': {
      schema: z.object({ orderId: idSchema, address: addressSnapshotSchema }),
      fieldCodes: { orderId: 'ORDER_NOT_FOUND' },
      run: ({ orderId, address }, { now }) =>
        recordChange(
          actor(),
          'orders.correctAddress',
          'order',
          orderId,
          () => correctAddress(orderId, address, now),
          now,
        ),
    },
    'orders.batchShip': {
      schema: z.object({ shipments: z.array(shipment).min(1).max(20) }),
      // Each order is shipped and audited exactly as orders.ship would.
      run: ({ shipments }, { now }) =>
        shipBatch(shipments, ({ orderId, expressCompany, trackingNo }) =>
          recordChange(
            actor(),
            'orders.ship',
            'order',
            orderId,
            () => shipOrder(orderId, expressCompany, trackingNo, now),
            now,
          ),
        ),
    },
    'orders.export': {
      schema: z.object({ from: shopDay, to: shopDay }),
      run: (request, { now }) => exportOrders(request, now),
    },
  };
}
