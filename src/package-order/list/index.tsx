/**
 * 我的订单: status tabs, order cards with their buttons (and the refund sheet of 申请售后), more on scroll, pull to
 * refresh, an empty state per tab.
 */
import { useCallback, useEffect, useRef } from 'react';
import { View } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom, useRouter } from '@tarojs/taro';
import { orderTab, type OrderSummary, type OrderTabKey } from '@shop/types';
import { fetchOrder } from '../../services/order';
import EmptyState from '../../components/empty-state';
import ErrorState from '../../components/status/error-state';
import LoadMore from '../../components/status/load-more';
import Skeleton from '../../components/status/skeleton';
import OrderCard from '../../components/order/order-card';
import OrderTabs, { isOrderTab } from '../../components/order/order-tabs';
import RefundSheet from '../../components/order/refund-sheet';
import { useOrderActions } from '../../components/order/use-order-actions';
import { useOrderList } from '../../components/order/use-order-list';
import { useExpiredClose } from '../../components/order/use-expired-close';
import './index.css';

const EMPTY_TEXT: Record<OrderTabKey, string> = {
  ALL: '还没有订单',
  TO_PAY: '没有待付款的订单',
  TO_SHIP: '没有待发货的订单',
  TO_RECEIVE: '没有待收货的订单',
  DONE: '没有已完成的订单',
  AFTER_SALE: '没有售后订单',
};

export default function OrderListPage() {
  const { params } = useRouter();
  const firstTab: OrderTabKey = isOrderTab(params.tab) ? params.tab : 'ALL';
  const { state, load, loadMore, replace } = useOrderList(firstTab);
  const tab = state.tab;
  const shownOnce = useRef(false);

  useEffect(() => {
    void load(firstTab);
  }, [load, firstTab]);

  // Orders change on the detail page (cancel, pay): read the tab again when coming back to it.
  useDidShow(() => {
    if (shownOnce.current) void load(tab, true);
    shownOnce.current = true;
  });

  usePullDownRefresh(() => {
    void load(tab, true).finally(() => Taro.stopPullDownRefresh());
  });

  useReachBottom(() => {
    void loadMore();
  });

  const refresh = useCallback(() => void load(tab, true), [load, tab]);
  const readAgain = useCallback(
    (orderId: string) =>
      void fetchOrder(orderId).then((answer) => {
        if (answer.ok) replace(answer.data);
      }),
    [replace],
  );
  // A card whose countdown ends asks for its order's close (one call per such card, never per list read):
  // closed, it leaves 待付款; under 全部 it reads 已关闭.
  const { closeExpired, payOver } = useExpiredClose({ onAnswer: replace, onNotExpired: readAgain });
  const closeCard = useCallback((order: OrderSummary) => void closeExpired(order._id), [closeExpired]);
  const actions = useOrderActions({ onChanged: replace, onStale: refresh, onPayExpired: closeCard });

  return (
    <View className="order-list">
      <OrderTabs active={tab} onChange={(next) => void load(next)} />
      {state.status === 'loading' ? <Skeleton kind="list" /> : null}
      {state.status === 'error' ? (
        <ErrorState code={state.errorCode ?? 'INTERNAL'} onRetry={() => void load(tab)} />
      ) : null}
      {state.status === 'ready' && state.orders.length === 0 ? (
        <EmptyState
          icon="order"
          title={EMPTY_TEXT[tab]}
          hint={tab === 'ALL' ? '去挑几件喜欢的商品吧' : `「${orderTab(tab).title}」的订单会显示在这里`}
          actionText="去逛逛"
          onAction={() => Taro.switchTab({ url: '/pages/index/index' })}
        />
      ) : null}
      {state.status === 'ready' && state.orders.length > 0 ? (
        <View id="order-cards">
          {state.orders.map((order) => (
            <OrderCard
              key={order._id}
              order={order}
              busy={actions.busyOrderId === order._id}
              onAction={(action, target) => void actions.run(action, target)}
              onExpired={closeCard}
              payOver={payOver(order)}
            />
          ))}
          <LoadMore
            loading={state.loadingMore}
            hasMore={state.hasMore}
            failed={state.moreFailed}
            onRetry={() => void loadMore()}
          />
        </View>
      ) : null}
      {actions.refund.order ? (
        <RefundSheet
          order={actions.refund.order}
          submitting={actions.refund.submitting}
          onSubmit={(reason) => void actions.refund.submit(reason)}
          onClose={actions.refund.close}
        />
      ) : null}
    </View>
  );
}
