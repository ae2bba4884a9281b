/** One address of the book: who, where, 默认; 设为默认, 编辑 and 删除; in choose mode a tap picks it. */
import { View, Text } from '@tarojs/components';
import type { Address } from '@shop/types';
import CheckCircle from '../check-circle';
import { fullAddressText, maskedMobile } from './address-text';
import './address-item.css';

export interface AddressItemProps {
  address: Address;
  /** Choose mode: the address checkout shows now. */
  selected?: boolean;
  choosing: boolean;
  busy: boolean;
  onChoose: () => void;
  onMakeDefault: () => void;
  onEdit: () => void;
  onRemove: () => void;
}

export default function AddressItem({
  address,
  selected = false,
  choosing,
  busy,
  onChoose,
  onMakeDefault,
  onEdit,
  onRemove,
}: AddressItemProps) {
  const id = address._id;
  return (
    <View className={`address-item ${selected ? 'address-item--selected' : ''}`} id={`address-${id}`}>
      <View className="address-item__main" onClick={choosing ? onChoose : onEdit}>
        <View className="address-item__who">
          <Text className="address-item__name">{address.name}</Text>
          <Text className="address-item__mobile">{maskedMobile(address.mobile)}</Text>
          {address.isDefault ? <Text className="address-item__tag">默认</Text> : null}
        </View>
        <Text className="address-item__text">{fullAddressText(address)}</Text>
        {selected ? <View className="address-item__tick" /> : null}
      </View>
      <View className="address-item__bar">
        <View
          className="address-item__default"
          id={`address-default-${id}`}
          onClick={() => !address.isDefault && !busy && onMakeDefault()}
        >
          <CheckCircle checked={address.isDefault} />
          <Text className="address-item__default-text">{address.isDefault ? '默认地址' : '设为默认'}</Text>
        </View>
        <View className="address-item__ops">
          <Text className="address-item__op" id={`address-edit-${id}`} onClick={onEdit}>
            编辑
          </Text>
          <Text className="address-item__op" id={`address-remove-${id}`} onClick={() => !busy && onRemove()}>
            删除
          </Text>
        </View>
      </View>
    </View>
  );
}
