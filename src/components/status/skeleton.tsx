/** Grey placeholders in the shape of what is loading, so the page does not jump when the data lands. */
import { View } from '@tarojs/components';
import './skeleton.css';

export type SkeletonKind = 'grid' | 'list' | 'detail';

function GridSkeleton() {
  return (
    <View className="skeleton-grid">
      {[0, 1, 2, 3].map((i) => (
        <View key={i} className="skeleton-grid__card">
          <View className="skeleton-block skeleton-grid__image" />
          <View className="skeleton-block skeleton-line" />
          <View className="skeleton-block skeleton-line skeleton-line--short" />
        </View>
      ))}
    </View>
  );
}

function ListSkeleton() {
  return (
    <View className="skeleton-list">
      {[0, 1, 2].map((i) => (
        <View key={i} className="skeleton-list__row">
          <View className="skeleton-block skeleton-list__image" />
          <View className="skeleton-list__text">
            <View className="skeleton-block skeleton-line" />
            <View className="skeleton-block skeleton-line skeleton-line--short" />
          </View>
        </View>
      ))}
    </View>
  );
}

function DetailSkeleton() {
  return (
    <View className="skeleton-detail">
      <View className="skeleton-block skeleton-detail__image" />
      <View className="skeleton-detail__text">
        <View className="skeleton-block skeleton-line skeleton-line--price" />
        <View className="skeleton-block skeleton-line" />
        <View className="skeleton-block skeleton-line skeleton-line--short" />
      </View>
    </View>
  );
}

export default function Skeleton({ kind }: { kind: SkeletonKind }) {
  return (
    <View className="skeleton" id="loading">
      {kind === 'grid' ? <GridSkeleton /> : kind === 'list' ? <ListSkeleton /> : <DetailSkeleton />}
    </View>
  );
}
