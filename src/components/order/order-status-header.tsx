/** The red head of the order detail: the state, what it means, and for an unpaid order the time left to pay. */
import { View, Text } from '@tarojs/components';
import { ORDER_STATE_DISPLAY, type Order, type OrderState } from '@shop/types';
import { countdownText } from './order-text';
import { useCountdown } from './use-countdown';
import './order-status-header.css';

/** Orders that ended without a sale: a grey head, so red stays for what needs the buyer. */
const ENDED = new Set<OrderState>(['CANCELLED', 'CLOSED']);

export interface OrderStatusHeaderProps {
  order: Order;
  /** The time to pay ran out: the page reads the order again (the server closes it). */
  onExpired: () => void;
}

export default function OrderStatusHeader({ order, onExpired }: OrderStatusHeaderProps) {
  const toPay = order.state === 'TO_PAY';
  const remaining = useCountdown(toPay ? order.expiresAt : undefined, onExpired);
  const display = ORDER_STATE_DISPLAY[order.state];
  return (
    <View className={`order-status ${ENDED.has(order.state) ? 'order-status--ended' : ''}`} id="order-status">
      <Text className="order-status__text" id="order-state">
        {display.text}
      </Text>
      {toPay ? (
        <Text className="order-status__hint" id="order-countdown">
          {remaining > 0 ? `剩余 ${countdownText(remaining)} 自动关闭` : '支付时间已到，订单即将关闭'}
        </Text>
      ) : (
        <Text className="order-status__hint">{display.hint}</Text>
      )}
    </View>
  );
}
