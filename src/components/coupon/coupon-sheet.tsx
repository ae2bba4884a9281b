/**
 * The coupon picker of 确认订单: 可领优惠券 (去领券: coupons the buyer may claim that would apply to this order,
 * claimed in place), the usable coupons with what each takes off, the unusable ones greyed with the reason, and
 * 不使用优惠券. The server judged every coupon against this order; the sheet only shows it.
 */
import { View, Text } from '@tarojs/components';
import { formatPrice, type CouponChoice, type OrderCouponOffer } from '@shop/types';
import BottomSheet from '../common/bottom-sheet';
import CouponTicket from './coupon-ticket';
import {
  conditionText,
  faceText,
  scopeText,
  templateWindowText,
  unusableText,
  windowText,
} from './coupon-text';
import './coupon-sheet.css';

export interface CouponSheetProps {
  choices: readonly CouponChoice[];
  /** The coupon the quote applied; undefined = none. */
  appliedId?: string;
  onChoose: (couponId: string | null) => void;
  onClose: () => void;
  /** 去领券: claimable coupons that apply to this order (undefined while they are read). */
  offers?: readonly OrderCouponOffer[];
  /** The template being claimed: its button is off until the claim answers. */
  claiming?: string;
  onClaim?: (templateId: string) => void;
}

export default function CouponSheet({
  choices,
  appliedId,
  onChoose,
  onClose,
  offers = [],
  claiming,
  onClaim,
}: CouponSheetProps) {
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
        {offers.length > 0 ? (
          <Text className="coupon-sheet__group" id="coupon-offers">
            可领优惠券（{offers.length}）
          </Text>
        ) : null}
        {offers.map(({ template, discount }) => (
          <CouponTicket
            key={template._id}
            id={`coupon-offer-${template._id}`}
            face={faceText(template.rule)}
            condition={conditionText(template.rule)}
            title={template.title}
            scope={template.description || scopeText(template.categoryIds)}
            window={templateWindowText(template)}
            note={`领取后本单可减 ${formatPrice(discount)}`}
            side={
              <View
                id={`coupon-offer-claim-${template._id}`}
                className={`coupon-button ${claiming ? 'coupon-button--off' : ''}`}
                onClick={() => !claiming && onClaim?.(template._id)}
              >
                {claiming === template._id ? '领取中' : '领取'}
              </View>
            }
          />
        ))}
        {choices.length === 0 && offers.length === 0 ? (
          <Text className="coupon-sheet__empty">暂无优惠券</Text>
        ) : null}
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
