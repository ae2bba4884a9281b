/** 我的订单 */
import { View } from '@tarojs/components';
import EmptyState from '../../components/empty-state';

export default function OrderListPage() {
  return (
    <View>
      <EmptyState title='暂无订单' hint='下单后可在这里查看' />
    </View>
  );
}
