/** A coupon drawn as a ticket: face value and condition on the left, title, scope and window, and an action or stamp. */
import type { ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import './coupon-ticket.css';

export interface CouponTicketProps {
  id?: string;
  face: string;
  condition: string;
  title: string;
  scope: string;
  window: string;
  /** Greyed: used, expired, or not usable for this order. */
  muted?: boolean;
  /** A line under the window, e.g. why the coupon does not apply. */
  note?: string;
  /** A button or a check mark on the right. */
  side?: ReactNode;
  selected?: boolean;
  onClick?: () => void;
}

export default function CouponTicket({
  id,
  face,
  condition,
  title,
  scope,
  window,
  muted = false,
  note,
  side,
  selected = false,
  onClick,
}: CouponTicketProps) {
  return (
    <View
      id={id}
      className={`coupon-ticket ${muted ? 'coupon-ticket--muted' : ''} ${selected ? 'coupon-ticket--selected' : ''}`}
      onClick={onClick}
    >
      <View className="coupon-ticket__face">
        <Text className="coupon-ticket__value">{face}</Text>
        <Text className="coupon-ticket__condition">{condition}</Text>
      </View>
      <View className="coupon-ticket__body">
        <Text className="coupon-ticket__title">{title}</Text>
        <Text className="coupon-ticket__scope">{scope}</Text>
        <Text className="coupon-ticket__window">{window}</Text>
        {note ? <Text className="coupon-ticket__note">{note}</Text> : null}
      </View>
      {side ? <View className="coupon-ticket__side">{side}</View> : null}
    </View>
  );
}
