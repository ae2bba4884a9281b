/** 猜你喜欢 at the bottom of 商品详情 and 购物车: a product grid read lazily, with its loading and empty states. */
import { View, Text } from '@tarojs/components';
import type { RecommendationState } from './use-recommendations';
import ProductGrid from './product-grid';
import './recommend-section.css';

export interface RecommendSectionProps {
  state: RecommendationState;
  onRetry: () => void;
}

export default function RecommendSection({ state, onRetry }: RecommendSectionProps) {
  return (
    <View className="recommend-section" id="recommend-section">
      <View className="recommend-section__head">
        <Text className="recommend-section__title">猜你喜欢</Text>
      </View>
      {state.status === 'idle' || state.status === 'loading' ? (
        <Text className="recommend-section__note" id="recommend-loading">
          {state.status === 'loading' ? '加载中…' : '继续浏览，为你推荐更多好物'}
        </Text>
      ) : null}
      {state.status === 'error' ? (
        <Text className="recommend-section__note" id="recommend-retry" onClick={onRetry}>
          推荐加载失败，点击重试
        </Text>
      ) : null}
      {state.status === 'ready' && state.items.length === 0 ? (
        <Text className="recommend-section__note" id="recommend-empty">
          暂无推荐，去首页逛逛吧
        </Text>
      ) : null}
      {state.status === 'ready' && state.items.length > 0 ? (
        <View id="recommend-grid">
          <ProductGrid products={state.items} />
        </View>
      ) : null}
    </View>
  );
}
