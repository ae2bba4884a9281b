/**
 * Order states with their display text, the order list tabs and the buttons a buyer sees per state:
 * one table the pages read, kept in step with the server's transition table by a unit test.
 */

export const ORDER_STATES = [
  'TO_PAY',
  'PAID',
  'SHIPPED',
  'RECEIVED',
  'COMPLETED',
  'CANCELLED',
  'CLOSED',
  'REFUNDING',
  'REFUNDED',
] as const;

export type OrderState = (typeof ORDER_STATES)[number];

/** States an order reaches only after its payment arrived: PAID and everything the transition table leads to from it. */
export const PAID_OR_LATER: readonly OrderState[] = [
  'PAID',
  'SHIPPED',
  'RECEIVED',
  'COMPLETED',
  'REFUNDING',
  'REFUNDED',
];

export function isPaidOrLater(state: OrderState): boolean {
  return PAID_OR_LATER.includes(state);
}

export interface OrderStateDisplay {
  /** Short label on cards and tabs. */
  text: string;
  /** One line under the label on the order detail page. */
  hint: string;
}

export const ORDER_STATE_DISPLAY: Readonly<Record<OrderState, OrderStateDisplay>> = {
  TO_PAY: { text: '待付款', hint: '请尽快完成支付，超时订单将自动关闭' },
  PAID: { text: '待发货', hint: '商家正在备货，请耐心等待' },
  SHIPPED: { text: '待收货', hint: '商品已发出，请留意物流信息' },
  RECEIVED: { text: '已收货', hint: '感谢您的购买，欢迎再次光临' },
  COMPLETED: { text: '已完成', hint: '订单已完成' },
  CANCELLED: { text: '已取消', hint: '订单已取消' },
  CLOSED: { text: '已关闭', hint: '订单超时未支付，已自动关闭' },
  REFUNDING: { text: '退款中', hint: '退款申请处理中，请耐心等待' },
  REFUNDED: { text: '已退款', hint: '退款已原路退回，请留意账户变动' },
};

export function orderStateText(state: OrderState): string {
  return ORDER_STATE_DISPLAY[state].text;
}

// ---------------------------------------------------------------- order list tabs

export type OrderTabKey = 'ALL' | 'TO_PAY' | 'TO_SHIP' | 'TO_RECEIVE' | 'DONE' | 'AFTER_SALE';

export interface OrderTab {
  key: OrderTabKey;
  title: string;
  /** States listed under the tab; null = every state. */
  states: readonly OrderState[] | null;
}

export const ORDER_TABS: readonly OrderTab[] = [
  { key: 'ALL', title: '全部', states: null },
  { key: 'TO_PAY', title: '待付款', states: ['TO_PAY'] },
  { key: 'TO_SHIP', title: '待发货', states: ['PAID'] },
  { key: 'TO_RECEIVE', title: '待收货', states: ['SHIPPED'] },
  // RECEIVED only differs from COMPLETED by the review window still being open; buyers see both as done.
  { key: 'DONE', title: '已完成', states: ['RECEIVED', 'COMPLETED'] },
  { key: 'AFTER_SALE', title: '售后', states: ['REFUNDING', 'REFUNDED'] },
];

export function orderTab(key: OrderTabKey): OrderTab {
  const tab = ORDER_TABS.find((t) => t.key === key);
  if (!tab) throw new RangeError(`unknown order tab ${key}`);
  return tab;
}

// ---------------------------------------------------------------- buyer actions

/**
 * Buttons on the order card and detail page. PAY, CANCEL, RECEIVE and REQUEST_REFUND change the order
 * (each is an event of the transition table); VIEW_LOGISTICS, BUY_AGAIN and REVIEW only navigate (a review
 * is written beside the order, never moving it).
 */
export type BuyerOrderAction =
  'PAY' | 'CANCEL' | 'RECEIVE' | 'REQUEST_REFUND' | 'VIEW_LOGISTICS' | 'BUY_AGAIN' | 'REVIEW';

export const BUYER_ACTION_TEXT: Readonly<Record<BuyerOrderAction, string>> = {
  PAY: '去支付',
  CANCEL: '取消订单',
  RECEIVE: '确认收货',
  REQUEST_REFUND: '申请售后',
  VIEW_LOGISTICS: '查看物流',
  BUY_AGAIN: '再次购买',
  REVIEW: '评价',
};

/** Per state, left to right; the last one is the primary (highlighted) button. */
export const BUYER_ACTIONS: Readonly<Record<OrderState, readonly BuyerOrderAction[]>> = {
  TO_PAY: ['CANCEL', 'PAY'],
  PAID: ['REQUEST_REFUND'],
  SHIPPED: ['REQUEST_REFUND', 'VIEW_LOGISTICS', 'RECEIVE'],
  RECEIVED: ['VIEW_LOGISTICS', 'BUY_AGAIN', 'REVIEW'],
  COMPLETED: ['BUY_AGAIN', 'REVIEW'],
  CANCELLED: ['BUY_AGAIN'],
  CLOSED: ['BUY_AGAIN'],
  REFUNDING: [],
  REFUNDED: ['BUY_AGAIN'],
};

export function buyerActions(state: OrderState): readonly BuyerOrderAction[] {
  return BUYER_ACTIONS[state];
}
