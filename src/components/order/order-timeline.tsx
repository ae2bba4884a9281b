/** What happened to the order and when (下单, 支付, 发货…), newest first. */
import { View, Text } from '@tarojs/components';
import type { OrderState, OrderTimelineEntry } from '@shop/types';
import { timeText } from './order-text';
import './order-timeline.css';

/** The event that led into each state, as a buyer names it. */
const EVENT_TEXT: Record<OrderState, string> = {
  TO_PAY: '提交订单',
  PAID: '支付成功',
  SHIPPED: '商家已发货',
  RECEIVED: '确认收货',
  COMPLETED: '交易完成',
  CANCELLED: '订单已取消',
  CLOSED: '超时未支付，订单关闭',
  REFUNDING: '申请退款',
  REFUNDED: '退款成功',
};

export default function OrderTimeline({ entries }: { entries: readonly OrderTimelineEntry[] }) {
  const newestFirst = [...entries].sort((a, b) => b.at - a.at);
  return (
    <View className="order-timeline" id="order-timeline">
      {newestFirst.map((entry, index) => (
        <View
          key={`${entry.state}-${entry.at}`}
          className={`order-timeline__entry ${index === 0 ? 'order-timeline__entry--latest' : ''}`}
        >
          <View className="order-timeline__dot" />
          <View className="order-timeline__body">
            <Text className="order-timeline__text">{EVENT_TEXT[entry.state]}</Text>
            {entry.note ? <Text className="order-timeline__note">{entry.note}</Text> : null}
            <Text className="order-timeline__time">{timeText(entry.at)}</Text>
          </View>
        </View>
      ))}
    </View>
  );
}
