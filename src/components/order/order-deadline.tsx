/**
 * The line an order card shows under its items while a deadline runs: 剩余 mm:ss 自动关闭 for an unpaid order
 * (reaching zero asks the page to have the order closed), the auto-receipt date for a shipped one.
 */
import { Text } from '@tarojs/components';
import type { OrderSummary } from '@shop/types';
import { autoReceiveText, countdownText } from './order-text';
import { useCountdown, usePayDeadline } from './use-countdown';
import './order-deadline.css';

export interface OrderDeadlineProps {
  order: OrderSummary;
  onExpired?: () => void;
}

export default function OrderDeadline({ order, onExpired }: OrderDeadlineProps) {
  const deadline = usePayDeadline(order);
  const remaining = useCountdown(deadline, onExpired);
  if (order.state === 'TO_PAY') {
    return (
      <Text className="order-deadline order-deadline--pay" id={`order-countdown-${order._id}`}>
        {remaining > 0 ? `剩余 ${countdownText(remaining)} 自动关闭` : '支付时间已到，订单即将关闭'}
      </Text>
    );
  }
  if (order.state === 'SHIPPED' && order.autoReceiveAt) {
    return (
      <Text className="order-deadline" id={`order-auto-receive-${order._id}`}>
        {autoReceiveText(order.autoReceiveAt)}
      </Text>
    );
  }
  return null;
}
