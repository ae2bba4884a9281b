/** 搜索 */
import { View } from '@tarojs/components';
import EmptyState from '../../components/empty-state';

export default function SearchPage() {
  return (
    <View>
      <EmptyState title='输入关键词搜索商品' hint='可以搜索商品名称或标签' />
    </View>
  );
}
