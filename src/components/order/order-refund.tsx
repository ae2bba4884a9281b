/** 退款信息 on the order detail: status, amount, reason and when it was asked for and paid back. */
import { View, Text } from '@tarojs/components';
import { formatPrice, type OrderRefund as Refund, type OrderState } from '@shop/types';
import AmountRow from './amount-row';
import { timeText } from './order-text';
import { refundStatusText } from './refund-text';
import './order-refund.css';

export interface OrderRefundProps {
  refund: Refund;
  state: OrderState;
}

export default function OrderRefund({ refund, state }: OrderRefundProps) {
  const status = refundStatusText(refund, state);
  return (
    <View className="card order-refund" id="order-refund">
      <View className="order-refund__head">
        <Text className="order-refund__title">退款信息</Text>
        <Text
          className={`order-refund__status ${status === '退款中' ? 'order-refund__status--open' : ''}`}
          id="order-refund-status"
        >
          {status}
        </Text>
      </View>
      <AmountRow label="退款金额" value={formatPrice(refund.amount)} accent />
      <AmountRow label="退款原因" value={refund.reason} />
      <AmountRow label="申请时间" value={timeText(refund.requestedAt)} />
      {refund.refundedAt !== undefined ? (
        <AmountRow label="退款时间" value={timeText(refund.refundedAt)} />
      ) : null}
      {refund.rejectedAt !== undefined ? (
        <AmountRow label="拒绝原因" value={refund.rejectReason ?? '商家未说明'} />
      ) : null}
    </View>
  );
}
