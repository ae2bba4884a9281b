/**
 * Subscribe messages (订阅消息): what the buyer is told about an order outside the mini program, and the
 * actions that ask for and record their consent. One-time subscriptions, as WeChat grants them: each
 * acceptance allows one message of that template.
 */

/** The order events a buyer may subscribe to, asked for together at payment. */
export type OrderMessageEvent = 'shipped' | 'refundResult' | 'closingSoon';

export const ORDER_MESSAGE_EVENTS: readonly OrderMessageEvent[] = ['shipped', 'refundResult', 'closingSoon'];

/** Every event with a template: the order events, and 到货提醒 (asked for on a sold-out SKU of the spec sheet). */
export type MessageEvent = OrderMessageEvent | 'restock';

export const MESSAGE_EVENTS: readonly MessageEvent[] = [...ORDER_MESSAGE_EVENTS, 'restock'];

export interface MessageTemplate {
  event: MessageEvent;
  /** The template id of the shop's mini program (WeChat's 订阅消息 console). */
  templateId: string;
}

export interface MessageTemplatesResponse {
  /** Empty when the shop has configured none: the mini program then asks for nothing. */
  templates: MessageTemplate[];
}

export interface MessageSubscribeRequest {
  /** The template ids wx.requestSubscribeMessage answered 'accept' for. */
  accepted: string[];
}

export interface MessageSubscribeResponse {
  /** The events those ids stand for (ids the shop does not use are ignored). */
  recorded: MessageEvent[];
}

export interface RestockSubscribeRequest {
  skuId: string;
}

export interface RestockSubscribeResponse {
  /**
   * WAITING: the buyer is told once when the SKU is back in stock (subscribing again while waiting changes
   * nothing); IN_STOCK: it can be bought now, nothing was recorded.
   */
  status: 'WAITING' | 'IN_STOCK';
}

export interface MessageActions {
  'message.templates': { request: Record<string, never>; response: MessageTemplatesResponse };
  'message.subscribe': { request: MessageSubscribeRequest; response: MessageSubscribeResponse };
  /** 到货提醒: after the buyer accepted the `restock` template (WeChat) or tapped it (H5). */
  'restock.subscribe': { request: RestockSubscribeRequest; response: RestockSubscribeResponse };
}
