/** The merchant's side of refunds and stock: what needs the merchant, and the goods of a shipped order. */
import type { MerchantOrder } from './merchant';

export interface RefundActions {
  /**
   * Refunds that need the merchant, most recently changed first: WeChat Pay refused, closed or could not pay
   * a refund (`refund.problem`), or a shipped order was refunded and its goods are awaited (`refund.goods`).
   */
  'refunds.attention': { request: Record<string, never>; response: { items: MerchantOrder[] } };
  /** The goods of a refunded shipped order came back: their stock returns, once. */
  'refunds.goodsReturned': { request: { orderId: string }; response: MerchantOrder };
  /** The goods of a refunded shipped order will not come back: no stock returns. */
  'refunds.goodsNotReturned': { request: { orderId: string; note: string }; response: MerchantOrder };
}
