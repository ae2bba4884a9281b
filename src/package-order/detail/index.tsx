/**
 * 订单详情: the state with, while unpaid, the time left to pay; the address, items and amounts the order was
 * placed with; its number, timeline and logistics; and the buttons its state allows.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { buyerActions, formatPrice, type Order } from '@shop/types';
import EmptyState from '../../components/empty-state';
import ErrorState from '../../components/status/error-state';
import Skeleton from '../../components/status/skeleton';
import AddressCard from '../../components/address/address-card';
import AmountRow from '../../components/order/amount-row';
import OrderActions from '../../components/order/order-actions';
import OrderInfo from '../../components/order/order-info';
import OrderItemRow from '../../components/order/order-item-row';
import OrderLogistics from '../../components/order/order-logistics';
import OrderStatusHeader from '../../components/order/order-status-header';
import OrderTimeline from '../../components/order/order-timeline';
import { payableLabel } from '../../components/order/order-text';
import { useOrderActions } from '../../components/order/use-order-actions';
import { fetchOrder } from '../../services/order';
import './index.css';

type DetailState =
  { status: 'loading' } | { status: 'error'; code: string } | { status: 'ready'; order: Order };

export default function OrderDetailPage() {
  const { params } = useRouter();
  const orderId = params.id ?? '';
  const [state, setState] = useState<DetailState>({ status: 'loading' });
  const ticket = useRef(0);
  const shownOnce = useRef(false);

  /** `quiet` keeps the order on screen while it is read again. */
  const load = useCallback(
    async (quiet: boolean) => {
      const mine = ++ticket.current;
      if (!quiet) setState({ status: 'loading' });
      const answer = await fetchOrder(orderId);
      if (mine !== ticket.current) return;
      if (answer.ok) setState({ status: 'ready', order: answer.data });
      else if (!quiet) setState({ status: 'error', code: answer.code });
    },
    [orderId],
  );

  useEffect(() => {
    if (orderId) void load(false);
  }, [load, orderId]);

  useDidShow(() => {
    if (shownOnce.current && orderId) void load(true);
    shownOnce.current = true;
  });

  usePullDownRefresh(() => {
    void load(true).finally(() => Taro.stopPullDownRefresh());
  });

  const refresh = useCallback(() => void load(true), [load]);
  const showOrder = useCallback((order: Order) => {
    ticket.current += 1; // an older read in flight must not bring back the state before the change
    setState({ status: 'ready', order });
  }, []);
  const actions = useOrderActions({
    onChanged: showOrder,
    onStale: refresh,
    onViewLogistics: () => void Taro.pageScrollTo({ selector: '#order-logistics', duration: 300 }),
  });

  if (!orderId || (state.status === 'error' && state.code === 'ORDER_NOT_FOUND')) {
    return (
      <View className="order-detail">
        <EmptyState
          title="订单不存在"
          hint="请返回订单列表查看"
          actionText="查看全部订单"
          onAction={() => Taro.redirectTo({ url: '/package-order/list/index' })}
        />
      </View>
    );
  }
  if (state.status === 'loading') {
    return (
      <View className="order-detail">
        <Skeleton kind="list" />
      </View>
    );
  }
  if (state.status === 'error') {
    return (
      <View className="order-detail">
        <ErrorState code={state.code} onRetry={() => void load(false)} />
      </View>
    );
  }

  const { order } = state;
  const { amounts } = order;
  const hasActions = buyerActions(order.state).length > 0;
  return (
    <View className={`order-detail ${hasActions ? 'order-detail--with-bar' : ''}`}>
      <OrderStatusHeader order={order} onExpired={refresh} />
      <View className="order-detail__lift">
        <AddressCard address={order.address} />
      </View>
      {order.logistics ? <OrderLogistics logistics={order.logistics} /> : null}

      <View className="card order-detail__items" id="order-items">
        {order.items.map((item) => (
          <OrderItemRow key={item.skuId} item={item} />
        ))}
        <View className="order-detail__amounts" id="order-amounts">
          <AmountRow label="商品金额" value={formatPrice(amounts.itemsTotal)} />
          <AmountRow
            label="运费"
            value={amounts.shippingFee === 0 ? '免运费' : formatPrice(amounts.shippingFee)}
          />
          {amounts.discount > 0 ? (
            <AmountRow label="优惠" value={formatPrice(-amounts.discount)} accent />
          ) : null}
          <View className="order-detail__payable">
            <Text className="order-detail__payable-label">{payableLabel(order.state)}</Text>
            <Text className="order-detail__payable-value" id="order-payable">
              {formatPrice(amounts.payable)}
            </Text>
          </View>
        </View>
      </View>

      <OrderInfo order={order} />

      <View className="card">
        <Text className="order-detail__section-title">订单进度</Text>
        <OrderTimeline entries={order.timeline} />
      </View>

      {hasActions ? (
        <View className="order-detail__bar" id="order-actions">
          <OrderActions
            orderId={order._id}
            state={order.state}
            busy={actions.busyOrderId === order._id}
            onAction={(action) => void actions.run(action, order)}
          />
        </View>
      ) : null}
    </View>
  );
}
