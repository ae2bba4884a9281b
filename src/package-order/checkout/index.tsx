/** 确认订单 */
import { View } from '@tarojs/components';
import EmptyState from '../../components/empty-state';

export default function CheckoutPage() {
  return (
    <View>
      <EmptyState title='没有要结算的商品' hint='请先在购物车中选择商品' />
    </View>
  );
}
