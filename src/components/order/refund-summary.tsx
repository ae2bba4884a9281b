/** The refund of an order on a 售后 card: its status, reason and amount, and when the money went back. */
import { View, Text } from '@tarojs/components';
import { formatPrice, type OrderRefund, type OrderState } from '@shop/types';
import { timeText } from './order-text';
import { refundStatusText } from './refund-text';
import './refund-summary.css';

export interface RefundSummaryProps {
  orderId: string;
  refund: OrderRefund;
  state: OrderState;
}

function Line({ label, value, accent }: { label: string; value: string; accent?: boolean }) {
  return (
    <View className="refund-summary__line">
      <Text className="refund-summary__label">{label}</Text>
      <Text className={`refund-summary__value ${accent ? 'refund-summary__value--accent' : ''}`}>
        {value}
      </Text>
    </View>
  );
}

export default function RefundSummary({ orderId, refund, state }: RefundSummaryProps) {
  const status = refundStatusText(refund, state);
  return (
    <View className="refund-summary" id={`refund-summary-${orderId}`}>
      <Line label="退款状态" value={status} accent={status === '退款中'} />
      <Line label="退款原因" value={refund.reason} />
      <Line label="退款金额" value={formatPrice(refund.amount)} accent />
      {refund.refundedAt !== undefined ? (
        <Line label="退款时间" value={timeText(refund.refundedAt)} />
      ) : (
        <Line label="申请时间" value={timeText(refund.requestedAt)} />
      )}
    </View>
  );
}
