/** The line under a paged list: loading, the end ('没有更多了'), or a failed page to tap again. */
import { View, Text } from '@tarojs/components';
import './load-more.css';

export interface LoadMoreProps {
  loading: boolean;
  hasMore: boolean;
  failed: boolean;
  onRetry: () => void;
}

export default function LoadMore({ loading, hasMore, failed, onRetry }: LoadMoreProps) {
  if (failed) {
    return (
      <View className="load-more load-more--failed" id="load-more" onClick={onRetry}>
        <Text>加载失败，点击重试</Text>
      </View>
    );
  }
  return (
    <View className="load-more" id="load-more">
      {loading ? <View className="load-more__spinner" /> : null}
      <Text>{loading ? '加载中…' : hasMore ? '上拉加载更多' : '没有更多了'}</Text>
    </View>
  );
}
