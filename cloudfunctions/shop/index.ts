/** The `shop` function: everything a buyer's mini program asks of the cloud. Action → schema → service. */
import { z } from 'zod';
import { routeActions } from '../common/runtime/action-router';
import { cloud } from '../common/cloud';
import { idSchema } from '../common/validation/fields';
import {
  addToCartSchema,
  removeCartLinesSchema,
  selectAllCartLinesSchema,
  selectCartLinesSchema,
  setCartQuantitySchema,
} from '../common/validation/cart';
import { productListSchema, searchHintsSchema } from '../common/validation/catalog';
import {
  categoryTree,
  homePage,
  productDetail,
  productPage,
  searchHints,
} from '../common/services/catalog-service';
import { recommend } from '../common/services/recommendation-service';
import {
  addToCart,
  cartCount,
  cartView,
  changeQuantity,
  removeCartLines,
  selectAllLines,
  selectLines,
} from '../common/services/cart-service';
import {
  addAddress,
  addressBook,
  deleteAddress,
  editAddress,
  makeDefault,
} from '../common/services/address-service';
import { claimableCoupons, claimCoupon, couponWallet } from '../common/services/coupon-service';
import { createOrder, quote } from '../common/services/checkout-service';
import { cancelOrder, listOrders, orderDetail, receiveOrder } from '../common/services/order-service';
import { requestRefund } from '../common/services/after-sales-service';
import { textSchema } from '../common/validation/fields';
import { preparePayment, syncPaymentForBuyer } from '../common/services/payment-service';
import { addressIdSchema, addressInputSchema, addressUpdateSchema } from '../common/validation/address';
import { createOrderSchema, quoteCheckoutSchema } from '../common/validation/checkout';
import { orderIdSchema, orderListSchema } from '../common/validation/order';
import { createReviewSchema, productReviewsSchema } from '../common/validation/review';
import { createReview, productReviews, reviewedSkus } from '../common/services/review-service';
import { messageActions } from './message-actions';
import { profileActions } from './profile-actions';
import { couponOfferActions } from './coupon-offer-actions';
import { afterSaleActions } from './after-sale-actions';
import { buyerListActions } from './buyer-list-actions';
import { orderClosingActions } from './order-closing-actions';
import { cancelOrderSchema } from '../common/validation/buyer-lists';

const noFields = z.object({}).strict() as unknown as z.ZodType<Record<string, never>>;
const CART_FIELD_CODES = {
  quantity: 'QUANTITY_OUT_OF_RANGE',
  productId: 'PRODUCT_NOT_FOUND',
  skuId: 'SKU_NOT_FOUND',
  lineId: 'CART_LINE_NOT_FOUND',
  lineIds: 'CART_LINE_NOT_FOUND',
} as const;

const ADDRESS_FIELD_CODES = { addressId: 'ADDRESS_NOT_FOUND' } as const;
const CHECKOUT_FIELD_CODES = {
  items: 'NOTHING_TO_BUY',
  quantity: 'QUANTITY_OUT_OF_RANGE',
  productId: 'PRODUCT_NOT_FOUND',
  skuId: 'SKU_NOT_FOUND',
  addressId: 'ADDRESS_NOT_FOUND',
  couponId: 'COUPON_NOT_FOUND',
} as const;

export const main = routeActions('shop', {
  ...messageActions(),
  ...profileActions(),
  ...couponOfferActions(),
  ...afterSaleActions(),
  ...buyerListActions(),
  ...orderClosingActions(),
  ping: {
    schema: noFields,
    run: async (_request, { caller, now }) => ({
      openid: caller.openid,
      appid: caller.appid,
      env: String(cloud.getWXContext().ENV ?? ''),
      serverTime: now,
    }),
  },

  'catalog.home': { schema: noFields, requiresBuyer: false, run: () => homePage() },
  'catalog.categories': { schema: noFields, requiresBuyer: false, run: () => categoryTree() },
  'catalog.products': {
    schema: productListSchema,
    requiresBuyer: false,
    run: (request) => productPage(request),
  },
  'catalog.searchHints': {
    schema: searchHintsSchema,
    requiresBuyer: false,
    run: (request) => searchHints(request),
  },
  'catalog.product': {
    schema: z.object({ productId: idSchema }),
    fieldCodes: { productId: 'PRODUCT_NOT_FOUND' },
    requiresBuyer: false,
    run: ({ productId }) => productDetail(productId),
  },
  'catalog.recommend': {
    schema: z.object({ productId: idSchema.optional() }).strict(),
    fieldCodes: { productId: 'PRODUCT_NOT_FOUND' },
    requiresBuyer: false,
    run: ({ productId }, { caller }) => recommend(caller.openid, productId),
  },

  'cart.list': { schema: noFields, run: (_request, { caller }) => cartView(caller.openid) },
  'cart.count': { schema: noFields, run: (_request, { caller }) => cartCount(caller.openid) },
  'cart.add': {
    schema: addToCartSchema,
    fieldCodes: CART_FIELD_CODES,
    run: (request, { caller, now }) => addToCart(caller.openid, request, now),
  },
  'cart.setQuantity': {
    schema: setCartQuantitySchema,
    fieldCodes: CART_FIELD_CODES,
    run: ({ lineId, quantity }, { caller }) => changeQuantity(caller.openid, lineId, quantity),
  },
  'cart.select': {
    schema: selectCartLinesSchema,
    fieldCodes: CART_FIELD_CODES,
    run: ({ lineIds, selected }, { caller }) => selectLines(caller.openid, lineIds, selected),
  },
  'cart.selectAll': {
    schema: selectAllCartLinesSchema,
    run: ({ selected }, { caller }) => selectAllLines(caller.openid, selected),
  },
  'cart.remove': {
    schema: removeCartLinesSchema,
    fieldCodes: CART_FIELD_CODES,
    run: ({ lineIds }, { caller }) => removeCartLines(caller.openid, lineIds),
  },

  'address.list': { schema: noFields, run: (_request, { caller }) => addressBook(caller.openid) },
  'address.add': {
    schema: addressInputSchema,
    run: (input, { caller, now }) => addAddress(caller.openid, input, now),
  },
  'address.update': {
    schema: addressUpdateSchema,
    fieldCodes: ADDRESS_FIELD_CODES,
    run: ({ addressId, ...input }, { caller, now }) => editAddress(caller.openid, addressId, input, now),
  },
  'address.remove': {
    schema: addressIdSchema,
    fieldCodes: ADDRESS_FIELD_CODES,
    run: ({ addressId }, { caller, now }) => deleteAddress(caller.openid, addressId, now),
  },
  'address.setDefault': {
    schema: addressIdSchema,
    fieldCodes: ADDRESS_FIELD_CODES,
    run: ({ addressId }, { caller, now }) => makeDefault(caller.openid, addressId, now),
  },

  'coupon.claimable': {
    schema: noFields,
    run: (_request, { caller, now }) => claimableCoupons(caller.openid, now),
  },
  'coupon.claim': {
    schema: z.object({ templateId: idSchema }),
    fieldCodes: { templateId: 'COUPON_NOT_FOUND' },
    run: ({ templateId }, { caller, now }) => claimCoupon(caller.openid, templateId, now),
  },
  'coupon.mine': { schema: noFields, run: (_request, { caller, now }) => couponWallet(caller.openid, now) },

  'checkout.quote': {
    schema: quoteCheckoutSchema,
    fieldCodes: CHECKOUT_FIELD_CODES,
    run: (request, { caller, now }) => quote(caller.openid, request, now),
  },
  'order.create': {
    schema: createOrderSchema,
    fieldCodes: CHECKOUT_FIELD_CODES,
    run: (request, { caller, now }) => createOrder(caller.openid, request, now),
  },
  'order.list': {
    schema: orderListSchema,
    run: (request, { caller, now }) => listOrders(caller.openid, request, now),
  },
  'order.detail': {
    schema: orderIdSchema,
    fieldCodes: { orderId: 'ORDER_NOT_FOUND' },
    run: ({ orderId }, { caller, now }) => orderDetail(caller.openid, orderId, now),
  },
  'order.cancel': {
    schema: cancelOrderSchema,
    fieldCodes: { orderId: 'ORDER_NOT_FOUND' },
    run: ({ orderId, reason }, { caller, now }) => cancelOrder(caller.openid, orderId, now, reason),
  },
  'order.pay': {
    schema: orderIdSchema,
    fieldCodes: { orderId: 'ORDER_NOT_FOUND' },
    run: ({ orderId }, { caller, now }) => preparePayment(caller.openid, orderId, now),
  },
  'order.syncPayment': {
    schema: orderIdSchema,
    fieldCodes: { orderId: 'ORDER_NOT_FOUND' },
    run: ({ orderId }, { caller, now }) => syncPaymentForBuyer(caller.openid, orderId, now),
  },
  'order.receive': {
    schema: orderIdSchema,
    fieldCodes: { orderId: 'ORDER_NOT_FOUND' },
    run: ({ orderId }, { caller, now }) => receiveOrder(caller.openid, orderId, now),
  },
  'order.requestRefund': {
    schema: orderIdSchema.extend({ reason: textSchema(1, 100) }),
    fieldCodes: { orderId: 'ORDER_NOT_FOUND' },
    run: ({ orderId, reason }, { caller, now }) => requestRefund(caller.openid, orderId, reason, now),
  },

  'review.create': {
    schema: createReviewSchema,
    fieldCodes: { orderId: 'ORDER_NOT_FOUND' },
    run: (request, { caller, now }) => createReview(caller.openid, request, now),
  },
  'review.mine': {
    schema: orderIdSchema,
    fieldCodes: { orderId: 'ORDER_NOT_FOUND' },
    run: ({ orderId }, { caller }) => reviewedSkus(caller.openid, orderId),
  },
  'catalog.reviews': {
    schema: productReviewsSchema,
    fieldCodes: { productId: 'PRODUCT_NOT_FOUND' },
    requiresBuyer: false,
    run: ({ productId, page }) => productReviews(productId, page),
  },
});
