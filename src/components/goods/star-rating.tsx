/** Five stars: shows a rating, or with `onChange` lets the buyer pick one by tapping a star. */
import { View, Text } from '@tarojs/components';
import './star-rating.css';

export interface StarRatingProps {
  value: number;
  size?: 'sm' | 'lg';
  /** Tapping the n-th star picks n; absent = read only. */
  onChange?: (rating: number) => void;
  /** Prefix of each star's id, so a test or the e2e walk can tap one. */
  idPrefix?: string;
}

export default function StarRating({ value, size = 'sm', onChange, idPrefix }: StarRatingProps) {
  return (
    <View className={`stars stars--${size}`} aria-label={`${value}星`}>
      {[1, 2, 3, 4, 5].map((n) => (
        <Text
          key={n}
          id={idPrefix ? `${idPrefix}-${n}` : undefined}
          className={`stars__star ${n <= value ? 'stars__star--on' : ''}`}
          onClick={onChange ? () => onChange(n) : undefined}
        >
          ★
        </Text>
      ))}
    </View>
  );
}
