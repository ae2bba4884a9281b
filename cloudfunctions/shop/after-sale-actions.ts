/** The buyer's after-sales actions after receipt: quote, request, read, send the goods back, withdraw. */
import { z } from 'zod';
import {
  AFTER_SALE_MAX_PHOTOS,
  AFTER_SALE_REASONS,
  AFTER_SALE_TYPES,
  type ShopAfterSaleActions,
} from '../../types/after-sales';
import { EXPRESS_COMPANY_CODES } from '../../types/express-companies';
import type { ActionTable } from '../common/runtime/action-router';
import {
  buyerAfterSale,
  buyerAfterSales,
  createAfterSale,
  quoteAfterSale,
  shipBackAfterSale,
  withdrawAfterSale,
} from '../common/services/after-sale-request-service';
import { idSchema, textSchema } from '../common/validation/fields';
import { imageSchema } from '../common/validation/merchant-catalog';

const line = {
  orderId: idSchema,
  lineIndex: z.number().int().min(0).max(99),
  quantity: z.number().int().min(1).max(999),
};
const afterSaleId = z.object({ afterSaleId: idSchema });
const ORDER_CODES = { orderId: 'ORDER_NOT_FOUND' } as const;
const REQUEST_CODES = { afterSaleId: 'AFTER_SALE_NOT_FOUND' } as const;

export function afterSaleActions(): Pick<ActionTable<'shop'>, keyof ShopAfterSaleActions> {
  return {
    'afterSale.quote': {
      schema: z.object(line).strict(),
      fieldCodes: ORDER_CODES,
      run: ({ orderId, lineIndex, quantity }, { caller, now }) =>
        quoteAfterSale(caller.openid, orderId, lineIndex, quantity, now),
    },
    'afterSale.create': {
      schema: z
        .object({
          ...line,
          type: z.enum(AFTER_SALE_TYPES),
          reason: z.enum(AFTER_SALE_REASONS),
          note: textSchema(0, 200).optional(),
          photos: z.array(imageSchema).max(AFTER_SALE_MAX_PHOTOS).optional(),
        })
        .strict(),
      fieldCodes: ORDER_CODES,
      run: (request, { caller, now }) => createAfterSale(caller.openid, request, now),
    },
    'afterSale.detail': {
      schema: afterSaleId.strict(),
      fieldCodes: REQUEST_CODES,
      run: ({ afterSaleId: id }, { caller }) => buyerAfterSale(caller.openid, id),
    },
    'afterSale.list': {
      schema: z.object({ page: z.number().int().min(1).max(500).optional() }).strict(),
      run: ({ page }, { caller }) => buyerAfterSales(caller.openid, page ?? 1),
    },
    'afterSale.ship': {
      schema: afterSaleId
        .extend({
          expressCompany: z.enum(EXPRESS_COMPANY_CODES),
          trackingNo: z.string().regex(/^[0-9A-Za-z-]{4,40}$/, 'bad tracking number'),
        })
        .strict(),
      fieldCodes: REQUEST_CODES,
      run: ({ afterSaleId: id, expressCompany, trackingNo }, { caller, now }) =>
        shipBackAfterSale(caller.openid, id, expressCompany, trackingNo, now),
    },
    'afterSale.withdraw': {
      schema: afterSaleId.strict(),
      fieldCodes: REQUEST_CODES,
      run: ({ afterSaleId: id }, { caller, now }) => withdrawAfterSale(caller.openid, id, now),
    },
  };
}
