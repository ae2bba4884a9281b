/**
 * 售后服务: the buyer's after-sales requests after receipt (each opening its 售后详情), then the orders in refund
 * before receipt (退款中 / 已退款) with each refund's reason and amount, paged like the order list.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useReachBottom } from '@tarojs/taro';
import EmptyState from '../../components/empty-state';
import ErrorState from '../../components/status/error-state';
import LoadMore from '../../components/status/load-more';
import Skeleton from '../../components/status/skeleton';
import OrderCard from '../../components/order/order-card';
import RefundSummary from '../../components/order/refund-summary';
import { useOrderActions } from '../../components/order/use-order-actions';
import { useOrderList } from '../../components/order/use-order-list';
import AfterSaleList from './after-sale-list';
import './index.css';

export default function AfterSalesPage() {
  const { state, load, loadMore, replace } = useOrderList('AFTER_SALE');
  const shownOnce = useRef(false);
  const [requestCount, setRequestCount] = useState(0);

  useEffect(() => {
    void load('AFTER_SALE');
  }, [load]);

  useDidShow(() => {
    if (shownOnce.current) void load('AFTER_SALE', true);
    shownOnce.current = true;
  });

  usePullDownRefresh(() => {
    void load('AFTER_SALE', true).finally(() => Taro.stopPullDownRefresh());
  });

  useReachBottom(() => {
    void loadMore();
  });

  const refresh = useCallback(() => void load('AFTER_SALE', true), [load]);
  const actions = useOrderActions({ onChanged: replace, onStale: refresh });

  return (
    <View className="after-sales">
      <Text className="after-sales__intro">售后申请、退款中和已退款的订单会显示在这里</Text>
      <AfterSaleList onLoaded={setRequestCount} />
      {state.status === 'loading' ? <Skeleton kind="list" /> : null}
      {state.status === 'error' ? (
        <ErrorState code={state.errorCode ?? 'INTERNAL'} onRetry={() => void load('AFTER_SALE')} />
      ) : null}
      {state.status === 'ready' && state.orders.length === 0 && requestCount === 0 ? (
        <EmptyState
          icon="service"
          title="暂无售后记录"
          hint="申请售后或退款后，可在这里查看进度"
          actionText="查看我的订单"
          onAction={() => Taro.navigateTo({ url: '/package-order/list/index' })}
        />
      ) : null}
      {state.status === 'ready' && state.orders.length > 0 ? (
        <View id="after-sale-cards">
          {state.orders.map((order) => (
            <OrderCard
              key={order._id}
              order={order}
              busy={actions.busyOrderId === order._id}
              onAction={(action, target) => void actions.run(action, target)}
              extra={
                order.refund ? (
                  <RefundSummary orderId={order._id} refund={order.refund} state={order.state} />
                ) : null
              }
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
    </View>
  );
}
