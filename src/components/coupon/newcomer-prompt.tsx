/**
 * 新人券 on 首页: a buyer who has never paid an order is shown the newcomer coupons once (per device; per test
 * buyer in H5) and claims them all with one tap. Read after the first screen, and never again once seen. A strip
 * at the top of the page rather than a modal: it never stands between the buyer and the shop.
 */
import { useEffect, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import { formatPrice, type CouponTemplate } from '@shop/types';
import { claimNewcomerCoupons, fetchNewcomerCoupons } from '../../services/coupon';
import { errorMessage } from '../../services/error-messages';
import { currentTestUser } from '../../services/test-user';
import { conditionText, faceText } from './coupon-text';
import './newcomer-prompt.css';

function seenKey(): string {
  return process.env.TARO_ENV === 'h5'
    ? `newcomer-prompt-seen:${currentTestUser().openid}`
    : 'newcomer-prompt-seen';
}

/** Mounted with the page's first screen, so its one read follows it. */
export default function NewcomerPrompt() {
  const [coupons, setCoupons] = useState<CouponTemplate[]>([]);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (Taro.getStorageSync(seenKey())) return;
    void fetchNewcomerCoupons().then((answer) => {
      if (!answer.ok) return; // asked again next launch
      Taro.setStorageSync(seenKey(), '1');
      setCoupons(answer.data);
    });
  }, []);

  if (coupons.length === 0) return null;
  const total = coupons.reduce((sum, c) => sum + (c.rule.kind === 'AMOUNT_OFF' ? c.rule.amount : 0), 0);

  const claimAll = async () => {
    if (busy) return;
    setBusy(true);
    const answer = await claimNewcomerCoupons();
    setBusy(false);
    setCoupons([]);
    void Taro.showToast({
      title: answer.ok ? '领取成功，下单自动抵扣' : errorMessage(answer.code),
      icon: answer.ok ? 'success' : 'none',
    });
  };

  return (
    <View className="newcomer" id="newcomer-prompt">
      <View className="newcomer__head">
        <Text className="newcomer__title">新人专享</Text>
        <Text className="newcomer__subtitle">
          {total > 0 ? `${formatPrice(total)} 优惠券，` : ''}首单可用
        </Text>
        <Text className="newcomer__close" id="newcomer-close" onClick={() => setCoupons([])}>
          ×
        </Text>
      </View>
      <View className="newcomer__row">
        <View className="newcomer__list">
          {coupons.map((coupon) => (
            <View className="newcomer__coupon" key={coupon._id} id={`newcomer-coupon-${coupon._id}`}>
              <Text className="newcomer__face">{faceText(coupon.rule)}</Text>
              <Text className="newcomer__condition">{conditionText(coupon.rule)}</Text>
            </View>
          ))}
        </View>
        <View className="newcomer__claim" id="newcomer-claim" onClick={() => void claimAll()}>
          {busy ? '领取中…' : '一键领取'}
        </View>
      </View>
    </View>
  );
}
