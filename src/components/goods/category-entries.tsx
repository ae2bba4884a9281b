/** The top categories of 首页 as a grid of icons; a tap opens that category on the 分类 tab. */
import { View, Text, Image } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Category } from '@shop/types';
import { imageUrl } from '../../services/image-url';
import { chooseCategory } from '../../store/category-choice';
import './category-entries.css';

export default function CategoryEntries({ categories }: { categories: Category[] }) {
  if (categories.length === 0) return null;
  const open = (category: Category) => {
    chooseCategory(category._id);
    void Taro.switchTab({ url: '/pages/category/index' });
  };
  return (
    <View className="category-entries" id="category-entries">
      {categories.map((category) => (
        <View
          key={category._id}
          className="category-entries__item"
          id={`category-entry-${category._id}`}
          onClick={() => open(category)}
        >
          <View className="category-entries__icon-wrap">
            <Image className="category-entries__icon" src={imageUrl(category.icon)} mode="aspectFit" />
          </View>
          <Text className="category-entries__name">{category.name}</Text>
        </View>
      ))}
    </View>
  );
}
