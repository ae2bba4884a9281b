/**
 * The coupon picker of 确认订单: the usable coupons with what each takes off, the unusable ones greyed with
 * the reason, and 不使用优惠券. The server judged every coupon against this order; the sheet only shows it.
 */
import { View, Text } from '@tarojs/components';
import { formatPrice, type CouponChoice } from '@shop/types';
import BottomSheet from '../common/bottom-sheet';
import CouponTicket from './coupon-ticket';
import { conditionText, faceText, scopeText, unusableText, windowText } from './coupon-text';
import './coupon-sheet.css';

export interface CouponSheetProps {
  choices: readonly CouponChoice[];
  /** The coupon the quote applied; undefined = none. */
  appliedId?: string;
  onChoose: (couponId: string | null) => void;
  onClose: () => void;
}

export default function CouponSheet({ choices, appliedId, onChoose, onClose }: CouponSheetProps) {
  const usable = choices.filter((c) => c.usable);
  const unusable = choices.filter((c) => !c.usable);
  return (
    <BottomSheet
      id="coupon-sheet"
      title="优惠券"
      onClose={onClose}
      footer={
        <View className="coupon-sheet__none" id="coupon-none" onClick={() => onChoose(null)}>
          <Text>不使用优惠券</Text>
          <View className={`coupon-radio ${appliedId === undefined ? 'coupon-radio--on' : ''}`} />
        </View>
      }
    >
      <View className="coupon-sheet__list">
        {choices.length === 0 ? <Text className="coupon-sheet__empty">暂无优惠券</Text> : null}
        {usable.length > 0 ? (
          <Text className="coupon-sheet__group">可用优惠券（{usable.length}）</Text>
        ) : null}
        {usable.map(({ coupon, discount }) => (
          <CouponTicket
            key={coupon._id}
            id={`coupon-choice-${coupon._id}`}
            face={faceText(coupon.rule)}
            condition={conditionText(coupon.rule)}
            title={coupon.title}
            scope={scopeText(coupon.categoryIds)}
            window={windowText(coupon)}
            note={`本单可减 ${formatPrice(discount)}`}
            selected={coupon._id === appliedId}
            side={<View className={`coupon-radio ${coupon._id === appliedId ? 'coupon-radio--on' : ''}`} />}
            onClick={() => onChoose(coupon._id)}
          />
        ))}
        {unusable.length > 0 ? (
          <Text className="coupon-sheet__group">不可用优惠券（{unusable.length}）</Text>
        ) : null}
        {unusable.map(({ coupon, reason }) => (
          <CouponTicket
            key={coupon._id}
            id={`coupon-choice-${coupon._id}`}
            face={faceText(coupon.rule)}
            condition={conditionText(coupon.rule)}
            title={coupon.title}
            scope={scopeText(coupon.categoryIds)}
            window={windowText(coupon)}
            note={unusableText(reason, coupon)}
            muted
          />
        ))}
      </View>
    </BottomSheet>
  );
}
