/** One review as buyers read it: the masked name, stars, date, the text and the spec that was bought. */
import { View, Text } from '@tarojs/components';
import type { ReviewView } from '@shop/types';
import StarRating from './star-rating';
import './review-card.css';

/** 2025-03-08 in China time, whatever the phone's zone: the shop's dates are China dates. */
export function reviewDate(at: number): string {
  const d = new Date(at + 8 * 60 * 60 * 1000);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
}

export default function ReviewCard({ review }: { review: ReviewView }) {
  return (
    <View className="review-card" id={`review-${review._id}`}>
      <View className="review-card__head">
        <Text className="review-card__name">{review.buyerName}</Text>
        <StarRating value={review.rating} />
        <Text className="review-card__date">{reviewDate(review.createdAt)}</Text>
      </View>
      <Text className="review-card__content">{review.content}</Text>
      {review.specText ? <Text className="review-card__spec">{review.specText}</Text> : null}
    </View>
  );
}
