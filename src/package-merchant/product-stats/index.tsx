/**
 * 商品数据: one product over the last 7 or 30 days (dashboard.product, from the worker's daily aggregates):
 * what it sold, its sales per day, and its own funnel, views → cart adds → orders → paid.
 */
import { useCallback, useEffect, useMemo, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro, { usePullDownRefresh, useRouter } from '@tarojs/taro';
import { formatPrice, type FunnelFigures, type ProductTrend } from '@shop/types';
import { errorMessage } from '../../services/error-messages';
import { productTrend } from '../../services/merchant';
import Funnel from '../components/funnel';
import TrendChart from '../components/trend-chart';
import '../components/workspace.css';
import './index.css';

const SPANS = [7, 30] as const;
type Span = (typeof SPANS)[number];

const moneyText = (fen: number) => formatPrice(Math.round(fen));
const yuanAxis = (fen: number) => `¥${Math.round(fen / 100)}`;

function sumFunnels(funnels: readonly FunnelFigures[]): FunnelFigures {
  return funnels.reduce(
    (sum, day) => ({
      views: sum.views + day.views,
      cartAdds: sum.cartAdds + day.cartAdds,
      orders: sum.orders + day.orders,
      paidOrders: sum.paidOrders + day.paidOrders,
    }),
    { views: 0, cartAdds: 0, orders: 0, paidOrders: 0 },
  );
}

export default function ProductStatsPage() {
  const { params } = useRouter();
  const productId = params.id ?? '';
  const [trend, setTrend] = useState<ProductTrend>();
  const [failure, setFailure] = useState<string>();
  const [span, setSpan] = useState<Span>(7);

  const load = useCallback(async () => {
    const answer = await productTrend(productId);
    if (!answer.ok) return setFailure(answer.code);
    setFailure(undefined);
    setTrend(answer.data);
    if (answer.data.title) void Taro.setNavigationBarTitle({ title: answer.data.title });
  }, [productId]);

  useEffect(() => {
    void load();
  }, [load]);
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const days = useMemo(() => (trend?.days ?? []).slice(-span), [trend, span]);
  const points = useMemo(() => days.map((day) => ({ day: day.day, value: day.paidAmount })), [days]);
  const funnel = useMemo(() => sumFunnels(days.map((day) => day.funnel)), [days]);
  const paidAmount = days.reduce((sum, day) => sum + day.paidAmount, 0);
  const paidQuantity = days.reduce((sum, day) => sum + day.paidQuantity, 0);

  if (!trend)
    return (
      <View className="ws">
        {failure ? (
          <View className="ws-empty" onClick={() => void load()}>
            {errorMessage(failure)}，点此重试
          </View>
        ) : (
          <View className="ws-empty">加载中…</View>
        )}
      </View>
    );

  return (
    <View className="ws ws-stats" id="ws-product-stats">
      <View className="ws-card">
        <Text className="ws-stats__title" id="ws-stats-title">
          {trend.title || '商品已删除'}
        </Text>
        <View className="ws-tabs ws-stats__spans">
          {SPANS.map((key) => (
            <View
              key={key}
              id={`ws-stats-span-${key}`}
              className={`ws-tabs__tab ${key === span ? 'ws-tabs__tab--active' : ''}`}
              onClick={() => setSpan(key)}
            >
              近{key}天
            </View>
          ))}
        </View>
        <View className="ws-stats__figures">
          <View className="ws-stats__figure">
            <Text className="ws-stats__value" id="ws-stats-amount">
              {formatPrice(paidAmount)}
            </Text>
            <Text className="ws-muted">成交额</Text>
          </View>
          <View className="ws-stats__figure">
            <Text className="ws-stats__value" id="ws-stats-quantity">
              {paidQuantity}
            </Text>
            <Text className="ws-muted">售出件数</Text>
          </View>
          <View className="ws-stats__figure">
            <Text className="ws-stats__value" id="ws-stats-views">
              {funnel.views}
            </Text>
            <Text className="ws-muted">浏览</Text>
          </View>
        </View>
      </View>

      <View className="ws-card">
        <View className="ws-card__head">
          <Text className="ws-card__title">每日成交额</Text>
          <Text className="ws-muted">近{span}天</Text>
        </View>
        <TrendChart points={points} format={moneyText} axisLabel={yuanAxis} id="ws-stats-trend" />
      </View>

      <View className="ws-card">
        <View className="ws-card__head">
          <Text className="ws-card__title">转化漏斗</Text>
          <Text className="ws-muted">近{span}天</Text>
        </View>
        <Funnel figures={funnel} id="ws-stats-funnel" />
      </View>
    </View>
  );
}
