/**
 * 支付成功 (?id=): where 提交订单 lands once WeChat Pay says the payment went through: the amount paid,
 * 查看订单 and 继续逛, and 猜你喜欢 below, as shops do, instead of dropping the buyer straight into the order.
 */
import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro, { useLoad } from '@tarojs/taro';
import { formatPrice } from '@shop/types';
import RecommendSection from '../../components/goods/recommend-section';
import { useRecommendations } from '../../components/goods/use-recommendations';
import { orderDetailUrl } from '../../components/order/use-order-actions';
import { fetchOrder } from '../../services/order';
import './index.css';

export default function PaidPage() {
  const [orderId, setOrderId] = useState('');
  const [payable, setPayable] = useState<number | undefined>(undefined);
  const recommendations = useRecommendations({ ready: orderId !== '', afterFirstScreen: true });

  useLoad((params: Record<string, string | undefined>) => {
    const id = params.id ? decodeURIComponent(params.id) : '';
    setOrderId(id);
    if (!id) return;
    void fetchOrder(id).then((answer) => {
      if (answer.ok) setPayable(answer.data.amounts.payable);
    });
  });

  return (
    <View className="paid" id="paid-page">
      <View className="paid__card">
        <View className="paid__mark" />
        <Text className="paid__title">支付成功</Text>
        {payable !== undefined ? (
          <Text className="paid__amount" id="paid-amount">
            实付 {formatPrice(payable)}
          </Text>
        ) : null}
        <Text className="paid__hint">商家将尽快为你发货</Text>
        <View className="paid__buttons">
          <View
            className="paid__button"
            id="paid-view-order"
            onClick={() => void Taro.redirectTo({ url: orderDetailUrl(orderId) })}
          >
            查看订单
          </View>
          <View
            className="paid__button paid__button--primary"
            id="paid-continue"
            onClick={() => void Taro.switchTab({ url: '/pages/index/index' })}
          >
            继续逛
          </View>
        </View>
      </View>
      <RecommendSection state={recommendations.state} onRetry={recommendations.load} />
    </View>
  );
}
