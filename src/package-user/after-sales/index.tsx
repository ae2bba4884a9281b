/** 售后服务 */
import { View } from '@tarojs/components';
import EmptyState from '../../components/empty-state';

export default function AfterSalesPage() {
  return (
    <View>
      <EmptyState title='暂无售后记录' hint='申请退款后可在这里查看进度' />
    </View>
  );
}
