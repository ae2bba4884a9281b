/** 编辑地址 */
import { View } from '@tarojs/components';
import EmptyState from '../../components/empty-state';

export default function AddressEditPage() {
  return (
    <View>
      <EmptyState title='地址表单' hint='即将开放' />
    </View>
  );
}
