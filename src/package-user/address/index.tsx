/** 收货地址 */
import { View } from '@tarojs/components';
import EmptyState from '../../components/empty-state';

export default function AddressListPage() {
  return (
    <View>
      <EmptyState title='还没有收货地址' hint='添加地址后下单更方便' />
    </View>
  );
}
