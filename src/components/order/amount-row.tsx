/** A label and an amount on one line (商品金额, 运费, 优惠券…); a row with `onClick` shows a › and can be tapped. */
import type { ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import './amount-row.css';

export interface AmountRowProps {
  id?: string;
  label: string;
  value: ReactNode;
  /** Red value: discounts and totals. */
  accent?: boolean;
  muted?: boolean;
  strong?: boolean;
  onClick?: () => void;
}

export default function AmountRow({ id, label, value, accent, muted, strong, onClick }: AmountRowProps) {
  const valueClass = [
    'amount-row__value',
    accent ? 'amount-row__value--accent' : '',
    muted ? 'amount-row__value--muted' : '',
    strong ? 'amount-row__value--strong' : '',
  ].join(' ');
  return (
    <View className={`amount-row ${onClick ? 'amount-row--link' : ''}`} id={id} onClick={onClick}>
      <Text className="amount-row__label">{label}</Text>
      <View className="amount-row__right">
        <Text className={valueClass}>{value}</Text>
        {onClick ? <Text className="amount-row__arrow">›</Text> : null}
      </View>
    </View>
  );
}
