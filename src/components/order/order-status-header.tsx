/**
 * The red head of the order detail: the state, what it means, for an unpaid order the time left to pay (or,
 * right after paying, that the payment is being confirmed), for a shipped one when it is received by itself.
 */
import { View, Text } from '@tarojs/components';
import { ORDER_STATE_DISPLAY, type Order, type OrderState } from '@shop/types';
import { autoReceiveText, countdownText } from './order-text';
import { useCountdown, usePayDeadline } from './use-countdown';
import './order-status-header.css';

/** Orders that ended without a sale: a grey head, so red stays for what needs the buyer. */
const ENDED = new Set<OrderState>(['CANCELLED', 'CLOSED']);

export interface OrderStatusHeaderProps {
  order: Order;
  /** The buyer paid and the order does not show it yet: no countdown, and no alarm either. */
  confirmingPayment?: boolean;
  /** The time to pay ran out (or had when the order was read): the page asks the server to close it. */
  onExpired: () => void;
}

export default function OrderStatusHeader({
  order,
  confirmingPayment = false,
  onExpired,
}: OrderStatusHeaderProps) {
  const toPay = order.state === 'TO_PAY' && !confirmingPayment;
  const deadline = usePayDeadline(order);
  const remaining = useCountdown(toPay ? deadline : undefined, onExpired);
  const display = confirmingPayment
    ? { text: '支付结果确认中', hint: '已支付的订单将自动更新，请勿重复支付' }
    : ORDER_STATE_DISPLAY[order.state];
  return (
    <View className={`order-status ${ENDED.has(order.state) ? 'order-status--ended' : ''}`} id="order-status">
      <Text className="order-status__text" id="order-state">
        {display.text}
      </Text>
      {toPay ? (
        <Text className="order-status__hint" id="order-countdown">
          {remaining > 0 ? `剩余 ${countdownText(remaining)} 自动关闭` : '支付时间已到，订单即将关闭'}
        </Text>
      ) : order.state === 'SHIPPED' && order.autoReceiveAt ? (
        <Text className="order-status__hint" id="order-auto-receive">
          {autoReceiveText(order.autoReceiveAt)}
        </Text>
      ) : (
        <Text className="order-status__hint">{display.hint}</Text>
      )}
    </View>
  );
}
