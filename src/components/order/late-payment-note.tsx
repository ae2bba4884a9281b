/** A payment that arrived after the order closed is refunded by the shop on its own; the detail says where the money is. */
import { View, Text } from '@tarojs/components';
import { formatPrice, type LatePayment } from '@shop/types';
import './late-payment-note.css';

export function latePaymentText(late: LatePayment): string {
  const amount = formatPrice(late.amount);
  if (late.refundStatus === 'SUCCESS') return `订单关闭后收到的支付款 ${amount} 已原路退回`;
  if (late.refundStatus === 'PROCESSING') return `订单关闭后收到的支付款 ${amount} 正在原路退回`;
  // CLOSED, ABNORMAL, FAILED: the money did not go back by itself, so a person has to look at it.
  return `订单关闭后收到的支付款 ${amount} 退回遇到问题，请联系客服处理`;
}

export default function LatePaymentNote({ late }: { late: LatePayment }) {
  return (
    <View className="card late-payment" id="order-late-payment">
      <Text className="late-payment__text">{latePaymentText(late)}</Text>
    </View>
  );
}
