/** 我的: the buyer's profile, order shortcuts, addresses, coupons and after-sales. */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import './index.css';

interface OrderShortcut {
  text: string;
  tab: string;
}

const ORDER_SHORTCUTS: OrderShortcut[] = [
  { text: '待付款', tab: 'TO_PAY' },
  { text: '待发货', tab: 'TO_SHIP' },
  { text: '待收货', tab: 'TO_RECEIVE' },
  { text: '已完成', tab: 'DONE' },
  { text: '售后', tab: 'AFTER_SALES' },
];

interface MenuEntry {
  text: string;
  url: string;
}

const MENU: MenuEntry[] = [
  { text: '收货地址', url: '/package-user/address/index' },
  { text: '我的优惠券', url: '/package-user/coupons/index' },
  { text: '售后服务', url: '/package-user/after-sales/index' },
];

export default function MePage() {
  return (
    <View className='me'>
      <View className='me__profile'>
        <View className='me__avatar' />
        <Text className='me__nickname'>微信用户</Text>
      </View>
      <View className='card me__orders'>
        <View className='me__orders-head' onClick={() => Taro.navigateTo({ url: '/package-order/list/index' })}>
          <Text className='me__orders-title'>我的订单</Text>
          <Text className='me__more'>全部订单 ›</Text>
        </View>
        <View className='me__shortcuts'>
          {ORDER_SHORTCUTS.map((shortcut) => (
            <View
              key={shortcut.tab}
              className='me__shortcut'
              onClick={() => Taro.navigateTo({ url: `/package-order/list/index?tab=${shortcut.tab}` })}
            >
              <View className='me__shortcut-icon' />
              <Text className='me__shortcut-text'>{shortcut.text}</Text>
            </View>
          ))}
        </View>
      </View>
      <View className='card me__menu'>
        {MENU.map((entry) => (
          <View key={entry.url} className='me__menu-item' onClick={() => Taro.navigateTo({ url: entry.url })}>
            <Text>{entry.text}</Text>
            <Text className='me__more'>›</Text>
          </View>
        ))}
      </View>
    </View>
  );
}
