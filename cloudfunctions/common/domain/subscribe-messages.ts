/**
 * What each subscribe message says, in the keywords of the template the merchant picks from WeChat's library
 * for it (docs/messages.md names them): values shortened to WeChat's limits per keyword type, so a long
 * carrier name or reason never makes WeChat refuse the message.
 */
import type { OrderMessageEvent } from '../../../types/messages';
import type { Order } from '../../../types/entities';
import { formatPrice } from '../../../types/money';

export type MessageData = Record<string, { value: string }>;

/** thing.DATA: at most 20 characters. */
function thing(text: string): string {
  const chars = [...text.trim()];
  return chars.length <= 20 ? chars.join('') : `${chars.slice(0, 19).join('')}…`;
}

/** amount.DATA: '12.34元'. */
function amount(fen: number): string {
  return `${formatPrice(fen).replace(/^¥/, '')}元`;
}

/** time.DATA in China's time: '2026-11-29 23:40'. */
export function chinaTime(ms: number): string {
  return new Date(ms + 8 * 60 * 60 * 1000).toISOString().slice(0, 16).replace('T', ' ');
}

/** The page a message opens: the order, without a leading '/' as WeChat wants. */
export function orderPage(orderId: string): string {
  return `package-order/detail/index?id=${encodeURIComponent(orderId)}`;
}

type Described = Pick<Order, 'orderNo' | 'amounts' | 'items'> &
  Partial<Pick<Order, 'logistics' | 'refund' | 'expiresAt' | 'state'>>;

function firstItem(order: Described): string {
  const title = order.items[0]?.title ?? '商品';
  return order.items.length > 1 ? `${title}等${order.items.length}件` : title;
}

export function messageData(event: OrderMessageEvent, order: Described, now: number): MessageData {
  switch (event) {
    case 'shipped':
      return {
        character_string1: { value: order.orderNo },
        thing2: { value: thing(firstItem(order)) },
        thing3: { value: thing(order.logistics?.company ?? '快递') },
        character_string4: { value: order.logistics?.trackingNo ?? '-' },
        time5: { value: chinaTime(now) },
      };
    case 'refundResult': {
      const refunded = order.state === 'REFUNDED';
      return {
        character_string1: { value: order.orderNo },
        amount2: { value: amount(order.refund?.amount ?? order.amounts.payable) },
        phrase3: { value: refunded ? '退款成功' : '退款未通过' },
        thing4: {
          value: thing(refunded ? '款项已原路退回' : (order.refund?.rejectReason ?? '请查看订单详情')),
        },
      };
    }
    case 'closingSoon':
      return {
        character_string1: { value: order.orderNo },
        thing2: { value: thing(firstItem(order)) },
        amount3: { value: amount(order.amounts.payable) },
        time4: { value: chinaTime(order.expiresAt ?? now) },
        thing5: { value: '订单即将关闭，请尽快支付' },
      };
  }
}

/** The page an after-sales result opens: the request's own page. */
export function afterSalePage(afterSaleId: string): string {
  return `package-user/after-sale/index?id=${encodeURIComponent(afterSaleId)}`;
}

/**
 * The refund result of one after-sales request (part of an order, after receipt), in the `refundResult`
 * template: the request's own amount, and the merchant's reason when refused.
 */
export function afterSaleResultData(request: {
  orderNo: string;
  amount: number;
  refunded: boolean;
  rejectReason?: string;
}): MessageData {
  return {
    character_string1: { value: request.orderNo },
    amount2: { value: amount(request.amount) },
    phrase3: { value: request.refunded ? '退款成功' : '退款未通过' },
    thing4: {
      value: thing(request.refunded ? '款项已原路退回' : (request.rejectReason ?? '请查看售后详情')),
    },
  };
}

/** The page a 到货提醒 opens: the product, without a leading '/'. */
export function productPage(productId: string): string {
  return `package-goods/detail/index?id=${encodeURIComponent(productId)}`;
}

export interface RestockedSku {
  title: string;
  /** '颜色:藏青 尺码:M', or '' for a product without specs. */
  specText: string;
  price: number;
}

/** 到货提醒: 商品名称 `thing1`, 商品规格 `thing2`, 商品价格 `amount3`, 温馨提示 `thing4`. */
export function restockMessageData(sku: RestockedSku): MessageData {
  return {
    thing1: { value: thing(sku.title) },
    thing2: { value: thing(sku.specText || '默认规格') },
    amount3: { value: amount(sku.price) },
    thing4: { value: '您关注的商品已到货，库存有限' },
  };
}
