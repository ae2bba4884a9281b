/** 订单详情 */
import { View } from '@tarojs/components';
import EmptyState from '../../components/empty-state';

export default function OrderDetailPage() {
  return (
    <View>
      <EmptyState title='订单不存在' hint='请返回订单列表查看' />
    </View>
  );
}
