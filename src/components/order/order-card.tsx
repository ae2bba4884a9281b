/** An order in the list: number and state, what was bought, 实付, and the buttons its state allows. */
import type { ReactNode } from 'react';
import { View, Text, Image } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatPrice, orderStateText, type BuyerOrderAction, type OrderSummary } from '@shop/types';
import { imageUrl } from '../../services/image-url';
import OrderActions from './order-actions';
import OrderDeadline from './order-deadline';
import OrderItemRow from './order-item-row';
import { itemCount, payableLabel, timeText } from './order-text';
import { orderDetailUrl } from './use-order-actions';
import './order-card.css';

export interface OrderCardProps {
  order: OrderSummary;
  busy: boolean;
  onAction: (action: BuyerOrderAction, order: OrderSummary) => void;
  /** Shown under the items, e.g. the refund on 售后. */
  extra?: ReactNode;
  /** The time to pay ran out: the page asks the server to close the order. */
  onExpired?: (order: OrderSummary) => void;
  /** The time to pay is over on this page: no 去支付. */
  payOver?: boolean;
}

/** Past this many items the card shows thumbnails instead of rows, so one order never fills the screen. */
const MAX_ROWS = 1;

export default function OrderCard({
  order,
  busy,
  onAction,
  extra,
  onExpired,
  payOver = false,
}: OrderCardProps) {
  const open = () => Taro.navigateTo({ url: orderDetailUrl(order._id) });
  return (
    <View className="order-card" id={`order-card-${order._id}`} onClick={open}>
      <View className="order-card__head">
        <Text className="order-card__time">{timeText(order.createdAt)}</Text>
        <Text className={`order-card__state order-card__state--${order.state.toLowerCase()}`}>
          {orderStateText(order.state)}
        </Text>
      </View>
      {order.items.length <= MAX_ROWS ? (
        order.items.map((item) => <OrderItemRow key={item.skuId} item={item} compact />)
      ) : (
        <View className="order-card__thumbs">
          {order.items.slice(0, 4).map((item) => (
            <Image
              key={item.skuId}
              className="order-card__thumb"
              src={imageUrl(item.image)}
              mode="aspectFill"
            />
          ))}
          {order.items.length > 4 ? <Text className="order-card__more">…</Text> : null}
        </View>
      )}
      {extra}
      <OrderDeadline order={order} onExpired={onExpired && (() => onExpired(order))} />
      <View className="order-card__total">
        <Text className="order-card__count">共 {itemCount(order.items)} 件</Text>
        <Text className="order-card__payable-label">{payableLabel(order.state)}</Text>
        <Text className="order-card__payable">{formatPrice(order.amounts.payable)}</Text>
      </View>
      <OrderActions
        orderId={order._id}
        state={order.state}
        busy={busy}
        payOver={payOver}
        onAction={(action) => onAction(action, order)}
      />
    </View>
  );
}
