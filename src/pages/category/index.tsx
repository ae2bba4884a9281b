/** 分类: top categories on the left, the chosen category's products on the right. */
import { View } from '@tarojs/components';
import EmptyState from '../../components/empty-state';
import './index.css';

export default function CategoryPage() {
  return (
    <View className='category'>
      <View className='category__side' />
      <View className='category__main'>
        <EmptyState title='暂无分类' hint='商品上架后即可按分类浏览' />
      </View>
    </View>
  );
}
