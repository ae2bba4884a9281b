/** One bought or about-to-be-bought item: image, title, spec, unit price × quantity, and why it cannot be bought. */
import { View, Text, Image } from '@tarojs/components';
import { formatPrice, type OrderItem } from '@shop/types';
import { imageUrl } from '../../services/image-url';
import './order-item-row.css';

export interface OrderItemRowProps {
  item: OrderItem;
  /** Set when the line is not charged (out of stock, off sale…): the row greys out and says why. */
  problem?: string;
  compact?: boolean;
}

export default function OrderItemRow({ item, problem, compact = false }: OrderItemRowProps) {
  return (
    <View
      className={`order-item ${problem ? 'order-item--problem' : ''} ${compact ? 'order-item--compact' : ''}`}
      id={`order-item-${item.skuId}`}
    >
      <Image className="order-item__image" src={imageUrl(item.image)} mode="aspectFill" />
      <View className="order-item__body">
        <Text className="order-item__title">{item.title || '商品已删除'}</Text>
        {item.specText ? <Text className="order-item__spec">{item.specText}</Text> : null}
        {problem ? <Text className="order-item__problem">{problem}</Text> : null}
      </View>
      <View className="order-item__side">
        <Text className="order-item__price">{formatPrice(item.price)}</Text>
        <Text className="order-item__quantity">×{item.quantity}</Text>
      </View>
    </View>
  );
}
