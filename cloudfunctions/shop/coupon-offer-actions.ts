/** The shop's coupon offers: 新人券 on 首页 and 去领券 in the checkout's coupon sheet. */
import { z } from 'zod';
import type { CouponOfferActions } from '../../types/coupon-offers';
import type { ActionTable } from '../common/runtime/action-router';
import {
  claimNewcomerCoupons,
  newcomerOffer,
  orderCouponOffers,
} from '../common/services/coupon-offer-service';
import { quoteCheckoutSchema } from '../common/validation/checkout';

const none = z.object({}).strict() as unknown as z.ZodType<Record<string, never>>;

export function couponOfferActions(): Pick<ActionTable<'shop'>, keyof CouponOfferActions> {
  return {
    'coupon.newcomer': {
      schema: none,
      run: (_request, { caller, now }) => newcomerOffer(caller.openid, now),
    },
    'coupon.claimNewcomer': {
      schema: none,
      run: (_request, { caller, now }) => claimNewcomerCoupons(caller.openid, now),
    },
    'coupon.forOrder': {
      schema: quoteCheckoutSchema.pick({ items: true }).strict(),
      fieldCodes: {
        items: 'NOTHING_TO_BUY',
        quantity: 'QUANTITY_OUT_OF_RANGE',
        productId: 'PRODUCT_NOT_FOUND',
        skuId: 'SKU_NOT_FOUND',
      },
      run: ({ items }, { caller, now }) => orderCouponOffers(caller.openid, items, now),
    },
  };
}
