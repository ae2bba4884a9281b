/**
 * 再买 ¥X 包邮 / 已满 ¥X 包邮: how far an items subtotal is from the shop's free-shipping threshold, worded from
 * the rule the server answered with and the domain's own computation (the fee and the hint cannot disagree).
 */
import { View, Text } from '@tarojs/components';
import { formatPrice, type FreeShippingRule } from '@shop/types';
import { freeShippingShortfall } from '@shop/domain/shipping';
import './shipping-hint.css';

export interface ShippingHintProps {
  id: string;
  rule: FreeShippingRule;
  /** Items subtotal before coupons; nothing is said for 0 (nothing chosen). */
  subtotal: number;
  /** Also say so once the fee is waived (the cart); the checkout's 运费 row already says 免运费. */
  showReached?: boolean;
  /** 去凑单: where the buyer goes to add more. */
  onAddMore?: () => void;
}

export default function ShippingHint({ id, rule, subtotal, showReached, onAddMore }: ShippingHintProps) {
  if (subtotal <= 0 || rule.baseFee <= 0) return null;
  const shortfall = freeShippingShortfall(rule, subtotal);
  if (shortfall === 0 && !showReached) return null;
  return (
    <View className="shipping-hint" id={id}>
      <Text className="shipping-hint__tag">包邮</Text>
      <Text className="shipping-hint__text" id={`${id}-text`}>
        {shortfall > 0 ? `再买 ${formatPrice(shortfall)} 包邮` : `已满 ${formatPrice(rule.freeFrom)} 包邮`}
      </Text>
      {shortfall > 0 && onAddMore ? (
        <Text className="shipping-hint__action" id={`${id}-add-more`} onClick={onAddMore}>
          去凑单 ›
        </Text>
      ) : null}
    </View>
  );
}
