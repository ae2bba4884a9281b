/** 首页: search entry, category entries and the product feed. */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import EmptyState from '../../components/empty-state';
import './index.css';

export default function HomePage() {
  const openSearch = () => Taro.navigateTo({ url: '/package-goods/search/index' });
  return (
    <View className='home'>
      <View className='home__search' id='home-search' onClick={openSearch}>
        <Text className='home__search-text'>搜索商品</Text>
      </View>
      <EmptyState title='商品正在上架中' hint='稍后再来看看吧' />
    </View>
  );
}
