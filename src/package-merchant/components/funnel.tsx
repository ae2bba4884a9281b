/** The behaviour funnel: product views → cart adds → orders → paid, each step's bar and its rate from the step before. */
import { View, Text } from '@tarojs/components';
import type { FunnelFigures } from '@shop/types';
import { rateText } from './chart-scale';
import './funnel.css';

const STEPS: { key: keyof FunnelFigures; title: string }[] = [
  { key: 'views', title: '浏览商品' },
  { key: 'cartAdds', title: '加入购物车' },
  { key: 'orders', title: '提交订单' },
  { key: 'paidOrders', title: '支付成功' },
];

export default function Funnel({ figures, id }: { figures: FunnelFigures; id?: string }) {
  const widest = Math.max(1, figures.views, figures.cartAdds, figures.orders, figures.paidOrders);
  return (
    <View className="funnel" id={id}>
      {STEPS.map((step, index) => {
        const value = figures[step.key];
        const previous = index > 0 ? figures[STEPS[index - 1].key] : undefined;
        return (
          <View key={step.key} className="funnel__step">
            <Text className="funnel__title">{step.title}</Text>
            <View className="funnel__track">
              <View
                className={`funnel__bar funnel__bar--${index}`}
                style={{ width: `${Math.max(2, (value / widest) * 100)}%` }}
              />
            </View>
            <Text className="funnel__value">{value}</Text>
            <Text className="funnel__rate">{previous === undefined ? '' : rateText(value, previous)}</Text>
          </View>
        );
      })}
    </View>
  );
}
