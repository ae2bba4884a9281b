/** Error codes every cloud function may answer with; the client maps them to Chinese text in one place. */
export const ERROR_CODES = [
  'UNKNOWN_ACTION',
  'INVALID_INPUT',
  'UNAUTHENTICATED',
  'FORBIDDEN',
  'NOT_FOUND',
  'INTERNAL',
  /** Client side only: the call never reached a function or its answer was lost. */
  'NETWORK',
  // catalog and cart
  'PRODUCT_NOT_FOUND',
  'PRODUCT_OFF_SALE',
  'SKU_NOT_FOUND',
  'OUT_OF_STOCK',
  'QUANTITY_OUT_OF_RANGE',
  'CART_LINE_NOT_FOUND',
  'CART_FULL',
  /** The buyer keeps the most favorites allowed (FAVORITES_LIMIT): remove one first. */
  'FAVORITES_FULL',
  // checkout and orders
  'ADDRESS_NOT_FOUND',
  'ADDRESS_REQUIRED',
  'ADDRESS_LIMIT',
  'PRICE_CHANGED',
  'COUPON_NOT_FOUND',
  'COUPON_UNUSABLE',
  'COUPON_LIMIT',
  'COUPON_SOLD_OUT',
  'COUPON_NOT_CLAIMABLE',
  'SHIPPING_UNAVAILABLE',
  'NOTHING_TO_BUY',
  'ORDER_NOT_FOUND',
  'ORDER_STATE_CONFLICT',
  'ORDER_EXPIRED',
  /** The order may still be paid: it is not closed before its deadline. */
  'ORDER_NOT_EXPIRED',
  /** The buyer already has the most unpaid orders the shop allows (pay or cancel one first). */
  'UNPAID_ORDER_LIMIT',
  /** The buyer's unpaid orders would hold more of one SKU than the shop allows a buyer. */
  'SKU_PURCHASE_LIMIT',
  // after-sales after receipt
  'AFTER_SALE_NOT_FOUND',
  /** The order is not received, or its after-sales window has closed. */
  'AFTER_SALE_WINDOW_CLOSED',
  /** The line already has an open request, or nothing of it is left to refund. */
  'AFTER_SALE_UNAVAILABLE',
  'AFTER_SALE_STATE_CONFLICT',
  // reviews
  'REVIEW_EXISTS',
  // payments
  'PAYMENT_FAILED',
  'PAYMENT_NOT_CONFIGURED',
  // staff
  /** The code is unknown, used, revoked or expired: one answer, so codes cannot be probed. */
  'INVITATION_INVALID',
  'ALREADY_STAFF',
  'STAFF_NOT_FOUND',
  // the merchant's catalog
  'CATEGORY_NOT_FOUND',
  /** A category with subcategories or products cannot be removed. */
  'CATEGORY_IN_USE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];
