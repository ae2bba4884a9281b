/** 商品评价 on the detail page: the count and 好评率 from the product's summary, the first reviews, 查看全部. */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Product, ReviewView } from '@shop/types';
import { reviewSummary } from '@shop/domain/reviews';
import ReviewCard from './review-card';
import './review-section.css';

export function reviewsUrl(productId: string): string {
  return `/package-goods/reviews/index?id=${encodeURIComponent(productId)}`;
}

export interface ReviewSectionProps {
  product: Product;
  /** Undefined until read (the page reads them once the buyer scrolls). */
  reviews?: ReviewView[];
}

export default function ReviewSection({ product, reviews }: ReviewSectionProps) {
  const summary = reviewSummary(product);
  const open = () => void Taro.navigateTo({ url: reviewsUrl(product._id) });
  return (
    <View className="detail__card review-section" id="detail-reviews">
      <View className="review-section__head" onClick={summary.count > 0 ? open : undefined}>
        <Text className="review-section__title" id="detail-review-count">
          商品评价({summary.count})
        </Text>
        {summary.positiveRate !== undefined ? (
          <Text className="review-section__rate" id="detail-review-rate">
            好评率 {summary.positiveRate}%
          </Text>
        ) : null}
        {summary.count > 0 ? (
          <Text className="review-section__all" id="detail-reviews-all">
            查看全部 ›
          </Text>
        ) : null}
      </View>
      {summary.count === 0 ? <Text className="review-section__empty">暂无评价，购买后来说说吧</Text> : null}
      {(reviews ?? []).map((review) => (
        <ReviewCard key={review._id} review={review} />
      ))}
    </View>
  );
}
