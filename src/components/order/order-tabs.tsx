/** The status tabs over the order list (全部/待付款/…), from ORDER_TABS. */
import { View, Text } from '@tarojs/components';
import { ORDER_TABS, type OrderTabKey } from '@shop/types';
import './order-tabs.css';

export interface OrderTabsProps {
  active: OrderTabKey;
  onChange: (tab: OrderTabKey) => void;
}

export default function OrderTabs({ active, onChange }: OrderTabsProps) {
  return (
    <View className="order-tabs" id="order-tabs">
      {ORDER_TABS.map((tab) => (
        <View
          key={tab.key}
          id={`order-tab-${tab.key}`}
          className={`order-tabs__tab ${tab.key === active ? 'order-tabs__tab--active' : ''}`}
          onClick={() => tab.key !== active && onChange(tab.key)}
        >
          <Text>{tab.title}</Text>
        </View>
      ))}
    </View>
  );
}

export function isOrderTab(value: string | undefined): value is OrderTabKey {
  return ORDER_TABS.some((tab) => tab.key === value);
}
