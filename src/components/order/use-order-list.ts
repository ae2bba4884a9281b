/**
 * Pages of one order tab: the first page (with loading and error states), the next page on scroll, a refresh,
 * and replacing one order after an action. An answer for a tab the buyer already left is dropped.
 */
import { useCallback, useRef, useState } from 'react';
import { orderTab, type Order, type OrderSummary, type OrderTabKey } from '@shop/types';
import { errorMessage } from '../../services/error-messages';
import { fetchOrders } from '../../services/order';
import { toast } from '../common/confirm';

export type OrderListStatus = 'loading' | 'error' | 'ready';

export interface OrderListState {
  tab: OrderTabKey;
  status: OrderListStatus;
  errorCode?: string;
  orders: OrderSummary[];
  page: number;
  hasMore: boolean;
  loadingMore: boolean;
  moreFailed: boolean;
}

function initial(tab: OrderTabKey): OrderListState {
  return {
    tab,
    status: 'loading',
    orders: [],
    page: 0,
    hasMore: false,
    loadingMore: false,
    moreFailed: false,
  };
}

export function summaryOf(order: Order): OrderSummary {
  const { _id, orderNo, state, items, amounts, createdAt, expiresAt, refund } = order;
  const { autoReceiveAt, payRemainingMs } = order;
  return {
    _id,
    orderNo,
    state,
    items,
    amounts,
    createdAt,
    expiresAt,
    ...(autoReceiveAt !== undefined && { autoReceiveAt }),
    ...(payRemainingMs !== undefined && { payRemainingMs }),
    ...(refund && { refund }),
  };
}

export function belongsToTab(order: Pick<Order, 'state'>, tab: OrderTabKey): boolean {
  const states = orderTab(tab).states;
  return states === null || states.includes(order.state);
}

export function useOrderList(firstTab: OrderTabKey) {
  const [state, setState] = useState<OrderListState>(() => initial(firstTab));
  const stateRef = useRef(state);
  /** Every load takes a ticket; only the latest ticket's answer is shown. */
  const ticket = useRef(0);

  const show = useCallback((next: OrderListState) => {
    stateRef.current = next;
    setState(next);
  }, []);

  /** Page 1 of `tab`; `quiet` keeps the current orders on screen while it loads (pull to refresh, coming back). */
  const load = useCallback(
    async (tab: OrderTabKey, quiet = false) => {
      const mine = ++ticket.current;
      const current = stateRef.current;
      if (!quiet || current.tab !== tab || current.status !== 'ready') show(initial(tab));
      const answer = await fetchOrders(tab, 1);
      if (mine !== ticket.current) return;
      if (!answer.ok) {
        // A failed refresh keeps the orders on screen and says so; a failed first load shows 重试.
        if (stateRef.current.status === 'ready') toast(errorMessage(answer.code));
        else show({ ...initial(tab), status: 'error', errorCode: answer.code });
        return;
      }
      show({
        ...initial(tab),
        status: 'ready',
        orders: answer.data.items,
        page: answer.data.page,
        hasMore: answer.data.hasMore,
      });
    },
    [show],
  );

  const loadMore = useCallback(async () => {
    const current = stateRef.current;
    if (current.status !== 'ready' || !current.hasMore || current.loadingMore) return;
    const mine = ++ticket.current;
    show({ ...current, loadingMore: true, moreFailed: false });
    const answer = await fetchOrders(current.tab, current.page + 1);
    if (mine !== ticket.current) return;
    const latest = stateRef.current;
    if (!answer.ok) {
      show({ ...latest, loadingMore: false, moreFailed: true });
      return;
    }
    // An order can move between pages while paging (a new order pushes the rest down): skip repeats.
    const known = new Set(latest.orders.map((o) => o._id));
    show({
      ...latest,
      orders: [...latest.orders, ...answer.data.items.filter((o) => !known.has(o._id))],
      page: answer.data.page,
      hasMore: answer.data.hasMore,
      loadingMore: false,
    });
  }, [show]);

  /** Shows an order as the server answered; one that no longer belongs to the tab (paid under 待付款) leaves it. */
  const replace = useCallback(
    (order: Order) => {
      const current = stateRef.current;
      const orders = belongsToTab(order, current.tab)
        ? current.orders.map((o) => (o._id === order._id ? summaryOf(order) : o))
        : current.orders.filter((o) => o._id !== order._id);
      show({ ...current, orders });
    },
    [show],
  );

  return { state, load, loadMore, replace };
}
