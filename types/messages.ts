/**
 * Subscribe messages (订阅消息): what the buyer is told about an order outside the mini program, and the
 * actions that ask for and record their consent. One-time subscriptions, as WeChat grants them: each
 * acceptance allows one message of that template.
 */

/** The order events a buyer may subscribe to. */
export type MessageEvent = 'shipped' | 'refundResult' | 'closingSoon';

export const MESSAGE_EVENTS: readonly MessageEvent[] = ['shipped', 'refundResult', 'closingSoon'];

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

export interface MessageActions {
  'message.templates': { request: Record<string, never>; response: MessageTemplatesResponse };
  'message.subscribe': { request: MessageSubscribeRequest; response: MessageSubscribeResponse };
}
