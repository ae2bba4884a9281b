/**
 * 订单详情: the state with, while unpaid, the time left to pay (or 支付结果确认中 right after paying); the address,
 * items and amounts the order was placed with; its refund, number, timeline and logistics; and the buttons its
 * state allows, with the refund sheet of 申请售后; after receipt, a 申请售后 entry per item and the sum refunded.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import { buyerActions, formatPrice, type Order } from '@shop/types';
import EmptyState from '../../components/empty-state';
import ErrorState from '../../components/status/error-state';
import Skeleton from '../../components/status/skeleton';
import AddressCard from '../../components/address/address-card';
// Before AmountRow, as on 确认订单: CSS shared in the order package must load in one order on every page.
import RefundSheet from '../../components/order/refund-sheet';
import AmountRow from '../../components/order/amount-row';
import LatePaymentNote from '../../components/order/late-payment-note';
import OrderActions from '../../components/order/order-actions';
import OrderInfo from '../../components/order/order-info';
import OrderItemRow from '../../components/order/order-item-row';
import OrderLogistics from '../../components/order/order-logistics';
import OrderRefund from '../../components/order/order-refund';
import OrderStatusHeader from '../../components/order/order-status-header';
import OrderTimeline from '../../components/order/order-timeline';
import { payableLabel } from '../../components/order/order-text';
import { useOrderActions } from '../../components/order/use-order-actions';
import { useOrderPayment } from '../../components/order/use-order-payment';
import { useExpiredClose } from '../../components/order/use-expired-close';
import { fetchOrder } from '../../services/order';
import ContactEntry from '../../components/service/contact-entry';
import AfterSaleEntry from './after-sale-entry';
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
  const { awaitingPayment, startConfirming } = useOrderPayment({
    orderId,
    confirmingAtStart: params.paying === '1',
    order: state.status === 'ready' ? state.order : undefined,
    reread: refresh,
  });
  // The countdown ending (or an order read after it ended) asks for the close: 已关闭 without waiting for the worker.
  const { closeExpired, payOver } = useExpiredClose({ onAnswer: showOrder, onNotExpired: refresh });
  const closeShown = useCallback(() => void closeExpired(orderId), [closeExpired, orderId]);
  const actions = useOrderActions({
    onChanged: showOrder,
    onStale: refresh,
    onPayExpired: closeShown,
    onViewLogistics: () => void Taro.pageScrollTo({ selector: '#order-logistics', duration: 300 }),
    onPaymentPending: startConfirming,
  });

  if (!orderId || (state.status === 'error' && state.code === 'ORDER_NOT_FOUND')) {
    return (
      <View className="order-detail">
        <EmptyState
          icon="order"
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
  const hasBar = awaitingPayment || buyerActions(order.state).length > 0;
  return (
    <View className={`order-detail ${hasBar ? 'order-detail--with-bar' : ''}`}>
      <OrderStatusHeader order={order} confirmingPayment={awaitingPayment} onExpired={closeShown} />
      <View className="order-detail__lift">
        <AddressCard address={order.address} />
      </View>
      {order.latePayment ? <LatePaymentNote late={order.latePayment} /> : null}
      {order.refund ? <OrderRefund refund={order.refund} state={order.state} /> : null}
      {order.logistics ? <OrderLogistics logistics={order.logistics} /> : null}

      <View className="card order-detail__items" id="order-items">
        {order.items.map((item, index) => (
          <View key={item.skuId}>
            <OrderItemRow item={item} />
            <AfterSaleEntry order={order} lineIndex={index} />
          </View>
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
          {order.afterSales && order.afterSales.refundedFen > 0 ? (
            <AmountRow
              label="售后已退款"
              value={formatPrice(order.afterSales.refundedFen)}
              accent
              id="order-after-sale-refunded"
            />
          ) : null}
        </View>
      </View>

      <OrderInfo order={order} />

      <View className="card order-detail__service">
        <Text className="order-detail__service-text">订单有疑问？</Text>
        <ContactEntry
          id="order-contact"
          look="text"
          card={{ title: `订单 ${order.orderNo}`, path: `/package-order/detail/index?id=${order._id}` }}
        />
      </View>

      <View className="card">
        <Text className="order-detail__section-title">订单进度</Text>
        <OrderTimeline entries={order.timeline} />
      </View>

      {hasBar ? (
        <View className="order-detail__bar" id="order-actions">
          {awaitingPayment ? (
            // No 去支付 or 取消订单 while a payment is being confirmed: either could only confuse it.
            <View className="order-detail__refresh" id="order-refresh-payment" onClick={refresh}>
              刷新支付结果
            </View>
          ) : (
            <OrderActions
              orderId={order._id}
              state={order.state}
              busy={actions.busyOrderId === order._id}
              payOver={payOver(order)}
              onAction={(action) => void actions.run(action, order)}
            />
          )}
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
