/** 我的优惠券 */
import { View } from '@tarojs/components';
import EmptyState from '../../components/empty-state';

export default function CouponsPage() {
  return (
    <View>
      <EmptyState title='暂无优惠券' hint='去首页领券吧' />
    </View>
  );
}
