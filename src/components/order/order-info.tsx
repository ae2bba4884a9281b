/** 订单信息: the order number with 复制, when it was placed and paid, and the buyer's remark. */
import type { ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Order } from '@shop/types';
import { toast } from '../common/confirm';
import { timeText } from './order-text';
import './order-info.css';

async function copy(text: string): Promise<void> {
  try {
    await Taro.setClipboardData({ data: text });
    // WeChat shows its own 内容已复制 toast; H5 does not.
    if (process.env.TARO_ENV === 'h5') toast('订单编号已复制');
  } catch {
    toast('复制失败，请长按订单编号复制');
  }
}

function Row({ label, value, extra }: { label: string; value: string; extra?: ReactNode }) {
  return (
    <View className="order-info__row">
      <Text className="order-info__label">{label}</Text>
      <Text className="order-info__value" userSelect>
        {value}
      </Text>
      {extra}
    </View>
  );
}

export default function OrderInfo({ order }: { order: Order }) {
  return (
    <View className="card order-info" id="order-info">
      <Row
        label="订单编号"
        value={order.orderNo}
        extra={
          <Text className="order-info__copy" id="order-copy" onClick={() => void copy(order.orderNo)}>
            复制
          </Text>
        }
      />
      <Row label="下单时间" value={timeText(order.createdAt)} />
      {order.paidAt ? <Row label="支付时间" value={timeText(order.paidAt)} /> : null}
      {order.shippedAt ? <Row label="发货时间" value={timeText(order.shippedAt)} /> : null}
      {order.cancelledAt ? <Row label="取消时间" value={timeText(order.cancelledAt)} /> : null}
      {order.cancelReason ? <Row label="取消原因" value={order.cancelReason} /> : null}
      {order.closedAt ? <Row label="关闭时间" value={timeText(order.closedAt)} /> : null}
      {order.remark ? <Row label="订单备注" value={order.remark} /> : null}
    </View>
  );
}
