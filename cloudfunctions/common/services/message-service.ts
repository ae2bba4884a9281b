/**
 * Subscribe messages: the templates the mini program asks the buyer about at payment, the acceptances it
 * reports, and telling a buyer who accepted about their order (shipped, refund result, about to close) through
 * the cloud call `subscribeMessage.send` (declared in the calling function's config.json). A message is
 * claimed once per (order, event) and uses one acceptance; it never fails the action that caused it.
 */
import type { Order } from '../../../types/entities';
import {
  ORDER_MESSAGE_EVENTS,
  type OrderMessageEvent,
  type MessageSubscribeResponse,
  type MessageTemplatesResponse,
} from '../../../types/messages';
import { cloud } from '../cloud';
import { readMessageTemplates } from '../config/message-templates';
import {
  afterSalePage,
  afterSaleResultData,
  messageData,
  orderPage,
  type MessageData,
} from '../domain/subscribe-messages';
import { findDueOrders } from '../repositories/order-repository';
import { addAcceptance, spendAcceptance } from '../repositories/message-subscription-repository';
import { claimMessage, recordOutcome, sentMessageId } from '../repositories/sent-message-repository';
import type { StoredAfterSale } from '../repositories/after-sale-repository';

export function messageTemplates(): MessageTemplatesResponse {
  return { templates: readMessageTemplates() };
}

export async function recordSubscriptions(
  openid: string,
  accepted: readonly string[],
  now: number,
): Promise<MessageSubscribeResponse> {
  const ids = new Set(accepted);
  // 到货提醒 is recorded per SKU (restock.subscribe), never as a count.
  const recorded = readMessageTemplates()
    .filter((template) => ids.has(template.templateId))
    .map((template) => template.event)
    .filter((event): event is OrderMessageEvent => ORDER_MESSAGE_EVENTS.includes(event as OrderMessageEvent));
  for (const event of recorded) await addAcceptance(openid, event, now);
  return { recorded };
}

export interface SendArgs {
  touser: string;
  templateId: string;
  page: string;
  data: MessageData;
  miniprogramState: 'developer' | 'trial' | 'formal';
  lang: 'zh_CN';
}
type SendMessage = (args: SendArgs) => Promise<{ errCode?: number; errMsg?: string }>;

export function sendMessage(args: SendArgs): Promise<{ errCode?: number; errMsg?: string }> {
  const openapi = cloud.openapi as { subscribeMessage: { send: SendMessage } };
  return openapi.subscribeMessage.send(args);
}

/** Which version of the mini program a message opens: the released one unless configured otherwise. */
export function miniprogramState(): SendArgs['miniprogramState'] {
  const state = process.env.SHOP_MINIPROGRAM_STATE;
  return state === 'developer' || state === 'trial' ? state : 'formal';
}

export type NotifyOutcome = 'SENT' | 'NO_TEMPLATE' | 'ALREADY' | 'NOT_SUBSCRIBED' | 'FAILED';

type Notified = Pick<Order, '_id' | 'orderNo' | 'amounts' | 'items'> &
  Partial<Pick<Order, 'logistics' | 'refund' | 'expiresAt' | 'state'>> & { openid: string };

/**
 * Tells the order's buyer about `event`, at most once per order and event (a refund result once per refund
 * request), if they accepted one.
 */
export async function notifyBuyer(
  order: Notified,
  event: OrderMessageEvent,
  now: number,
): Promise<NotifyOutcome> {
  const occasion = event === 'refundResult' ? String(order.refund?.requestedAt ?? '') : '';
  return tellBuyerOnce(
    { orderId: order._id, orderNo: order.orderNo, openid: order.openid },
    { event, occasion, page: orderPage(order._id), data: () => messageData(event, order, now) },
    now,
  );
}

/**
 * Tells the buyer how one after-sales request ended (refunded, or refused with the merchant's reason) in the
 * `refundResult` template, once per request: the request's id is the occasion of its claim.
 */
export async function notifyAfterSaleResult(
  request: Pick<StoredAfterSale, '_id' | 'orderId' | 'orderNo' | 'openid' | 'amount' | 'rejectReason'>,
  refunded: boolean,
  now: number,
): Promise<NotifyOutcome> {
  return tellBuyerOnce(
    { orderId: request.orderId, orderNo: request.orderNo, openid: request.openid },
    {
      event: 'refundResult',
      occasion: `as-${request._id}`,
      page: afterSalePage(request._id),
      data: () =>
        afterSaleResultData({
          orderNo: request.orderNo,
          amount: request.amount,
          refunded,
          rejectReason: request.rejectReason,
        }),
    },
    now,
  );
}

/** Claims the message (once per order, event and occasion), spends one acceptance, sends, records the outcome. */
async function tellBuyerOnce(
  order: { orderId: string; orderNo: string; openid: string },
  message: { event: OrderMessageEvent; occasion: string; page: string; data: () => MessageData },
  now: number,
): Promise<NotifyOutcome> {
  const { event } = message;
  try {
    const template = readMessageTemplates().find((t) => t.event === event);
    if (!template) return 'NO_TEMPLATE';
    const id = sentMessageId(order.orderId, event, message.occasion);
    if (!(await claimMessage(id, order.orderId, event, order.openid, now))) return 'ALREADY';
    if (!(await spendAcceptance(order.openid, event, now))) {
      await recordOutcome(id, 'NOT_SUBSCRIBED');
      return 'NOT_SUBSCRIBED';
    }
    const answer = await sendMessage({
      touser: order.openid,
      templateId: template.templateId,
      page: message.page,
      data: message.data(),
      miniprogramState: miniprogramState(),
      lang: 'zh_CN',
    });
    const failed = answer.errCode !== undefined && answer.errCode !== 0;
    await recordOutcome(id, failed ? 'FAILED' : 'SENT', failed ? answer.errMsg : undefined);
    return failed ? 'FAILED' : 'SENT';
  } catch (error) {
    // The order has moved on all the same: a message is a courtesy, never a reason to fail.
    console.error(`[messages] ${event} for ${order.orderNo} failed`, error);
    return 'FAILED';
  }
}

/** Buyers are told this long before an unpaid order closes. */
export const REMIND_BEFORE_CLOSE_MS = 10 * 60 * 1000;
const REMIND_BATCH = 100;

export interface ClosingReminderReport {
  due: number;
  sent: number;
}

/**
 * The worker's job: unpaid orders closing within REMIND_BEFORE_CLOSE_MS get their 即将关闭 message, once (the
 * claim per order makes later runs skip them). Nothing is read when the shop has no template for it.
 */
export async function remindClosingOrders(now: number): Promise<ClosingReminderReport> {
  if (!readMessageTemplates().some((t) => t.event === 'closingSoon')) return { due: 0, sent: 0 };
  const due = (await findDueOrders('TO_PAY', 'expiresAt', now + REMIND_BEFORE_CLOSE_MS, REMIND_BATCH)).filter(
    (order) => order.expiresAt > now,
  );
  let sent = 0;
  for (const order of due) if ((await notifyBuyer(order, 'closingSoon', now)) === 'SENT') sent += 1;
  return { due: due.length, sent };
}
