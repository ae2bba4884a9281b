/**
 * The delivery address at the top of 确认订单 (tap to change, or 请添加收货地址) and of 订单详情 (the order's
 * own copy, read only).
 */
import { View, Text } from '@tarojs/components';
import type { AddressSnapshot } from '@shop/types';
import { fullAddressText } from './address-text';
import './address-card.css';

export interface AddressCardProps {
  address?: AddressSnapshot;
  /** Set on checkout: the card opens the address book. */
  onClick?: () => void;
}

export default function AddressCard({ address, onClick }: AddressCardProps) {
  return (
    <View
      className={`card address-card ${onClick ? 'address-card--link' : ''}`}
      id="address-card"
      onClick={onClick}
    >
      <View className="address-card__pin" />
      {address ? (
        <View className="address-card__body">
          <View className="address-card__who">
            <Text className="address-card__name">{address.name}</Text>
            <Text className="address-card__mobile">{address.mobile}</Text>
          </View>
          <Text className="address-card__text">{fullAddressText(address)}</Text>
        </View>
      ) : (
        <View className="address-card__body">
          <Text className="address-card__empty">请添加收货地址</Text>
        </View>
      )}
      {onClick ? <Text className="address-card__arrow">›</Text> : null}
      {onClick ? <View className="address-card__stripe" /> : null}
    </View>
  );
}
