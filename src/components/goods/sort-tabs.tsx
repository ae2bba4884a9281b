/** 综合 / 销量 / 价格 (tap again to flip ↑↓) / 新品: the orders of a product list. */
import { View, Text } from '@tarojs/components';
import type { ProductSort } from '@shop/types';
import './sort-tabs.css';

export interface SortTabsProps {
  sort: ProductSort;
  onChange: (sort: ProductSort) => void;
}

const PLAIN_TABS: Array<{ sort: ProductSort; text: string; id: string }> = [
  { sort: 'default', text: '综合', id: 'sort-default' },
  { sort: 'sales', text: '销量', id: 'sort-sales' },
];

export default function SortTabs({ sort, onChange }: SortTabsProps) {
  const priceActive = sort === 'priceAsc' || sort === 'priceDesc';
  const tab = (active: boolean) => `sort-tabs__tab ${active ? 'sort-tabs__tab--active' : ''}`;
  return (
    <View className="sort-tabs" id="sort-tabs">
      {PLAIN_TABS.map((item) => (
        <View
          key={item.sort}
          id={item.id}
          className={tab(sort === item.sort)}
          onClick={() => onChange(item.sort)}
        >
          <Text>{item.text}</Text>
        </View>
      ))}
      <View
        id="sort-price"
        className={tab(priceActive)}
        onClick={() => onChange(sort === 'priceAsc' ? 'priceDesc' : 'priceAsc')}
      >
        <Text>价格</Text>
        <View className="sort-tabs__arrows">
          <View
            className={`sort-tabs__arrow sort-tabs__arrow--up ${sort === 'priceAsc' ? 'sort-tabs__arrow--on' : ''}`}
          />
          <View
            className={`sort-tabs__arrow sort-tabs__arrow--down ${sort === 'priceDesc' ? 'sort-tabs__arrow--on' : ''}`}
          />
        </View>
      </View>
      <View id="sort-newest" className={tab(sort === 'newest')} onClick={() => onChange('newest')}>
        <Text>新品</Text>
      </View>
    </View>
  );
}
