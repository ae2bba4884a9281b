/**
 * The carrier, tracking number and traces of a shipped order, and whether WeChat has its shipping information
 * (orders paid with WeChat Pay).
 */
import { View, Text } from '@tarojs/components';
import type { OrderLogistics as Logistics } from '@shop/types';
import { timeText } from './order-text';
import './order-logistics.css';

export default function OrderLogistics({ logistics }: { logistics: Logistics }) {
  const traces = [...logistics.traces].sort((a, b) => b.at - a.at);
  return (
    <View className="card order-logistics" id="order-logistics">
      <View className="order-logistics__head">
        <Text className="order-logistics__title">物流信息</Text>
        <Text className="order-logistics__carrier">
          {logistics.company} {logistics.trackingNo}
        </Text>
      </View>
      {logistics.wechatShipping ? (
        <Text className="order-logistics__wechat" id="order-wechat-shipping">
          {logistics.wechatShipping.state === 'ACCEPTED' ? '发货信息已同步至微信' : '发货信息正在同步至微信'}
        </Text>
      ) : null}
      {traces.length === 0 ? <Text className="order-logistics__empty">暂无物流轨迹，请稍后查看</Text> : null}
      {traces.map((trace, index) => (
        <View
          key={`${trace.at}-${index}`}
          className={`order-logistics__trace ${index === 0 ? 'order-logistics__trace--latest' : ''}`}
        >
          <Text className="order-logistics__text">{trace.text}</Text>
          <Text className="order-logistics__time">{timeText(trace.at)}</Text>
        </View>
      ))}
    </View>
  );
}
