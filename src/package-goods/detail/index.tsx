/** 商品详情 */
import { View } from '@tarojs/components';
import EmptyState from '../../components/empty-state';

export default function ProductDetailPage() {
  return (
    <View>
      <EmptyState title='商品不存在或已下架' hint='去首页看看别的吧' />
    </View>
  );
}
