/** Schemas of the order actions of a buyer. */
import { z } from 'zod';
import type { OrderTabKey } from '../../../types/order-states';
import { idSchema } from './fields';

const TABS = [
  'ALL',
  'TO_PAY',
  'TO_SHIP',
  'TO_RECEIVE',
  'DONE',
  'AFTER_SALE',
] as const satisfies readonly OrderTabKey[];

export const orderListSchema = z
  .object({ tab: z.enum(TABS).optional(), page: z.number().int().min(1).max(100).optional() })
  .strict();

export const orderIdSchema = z.object({ orderId: idSchema });

/** order.closeExpired: the buyer's own order whose time to pay ran out on the page. */
export const closeExpiredOrderSchema = z.object({ orderId: idSchema }).strict();
