/** One order in the workspace's lists: number, state, what was bought, who receives it and the amount. */
import { View, Text } from '@tarojs/components';
import { formatPrice, type MerchantOrder } from '@shop/types';
import { STATE_TEXT, timeText } from './merchant-text';
import './order-row.css';

export interface OrderRowProps {
  order: MerchantOrder;
  onOpen: (order: MerchantOrder) => void;
}

const STATE_TONE: Partial<Record<MerchantOrder['state'], string>> = {
  PAID: 'ws-tag--orange',
  REFUNDING: 'ws-tag--red',
  SHIPPED: '',
  COMPLETED: 'ws-tag--green',
  RECEIVED: 'ws-tag--green',
};

export default function OrderRow({ order, onOpen }: OrderRowProps) {
  const count = order.items.reduce((sum, item) => sum + item.quantity, 0);
  const first = order.items[0];
  return (
    <View className="ws-card order-row" id={`ws-order-${order._id}`} onClick={() => onOpen(order)}>
      <View className="order-row__head">
        <Text className="order-row__no">{order.orderNo}</Text>
        <Text className={`ws-tag ${STATE_TONE[order.state] ?? 'ws-tag--grey'}`}>
          {STATE_TEXT[order.state]}
        </Text>
      </View>
      <Text className="order-row__goods">
        {first ? first.title : ''}
        {order.items.length > 1 ? ` 等${order.items.length}种` : ''} · 共{count}件
      </Text>
      <View className="order-row__foot">
        <Text className="ws-muted">
          {order.address.name} · {timeText(order.createdAt)}
        </Text>
        <Text className="order-row__amount">{formatPrice(order.amounts.payable)}</Text>
      </View>
      {order.merchantRemark ? <Text className="order-row__remark">备注：{order.merchantRemark}</Text> : null}
    </View>
  );
}
