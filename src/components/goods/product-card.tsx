/** One product in a list: a square card in the 2-column grid, or a row in search results; 已售罄 over a sold-out one. */
import { View, Text, Image } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { ProductCard as ProductCardData } from '@shop/types';
import { imageUrl } from '../../services/image-url';
import Price from './price';
import { productUrl, salesText } from './format';
import './product-card.css';

export interface ProductCardProps {
  product: ProductCardData;
  layout?: 'grid' | 'row';
}

export default function ProductCard({ product, layout = 'grid' }: ProductCardProps) {
  const open = () => Taro.navigateTo({ url: productUrl(product._id) });
  return (
    <View
      className={`product-card product-card--${layout} ${product.soldOut ? 'product-card--sold-out' : ''}`}
      id={`product-${product._id}`}
      onClick={open}
    >
      <View className="product-card__cover">
        <Image className="product-card__image" src={imageUrl(product.image)} mode="aspectFill" lazyLoad />
        {product.soldOut ? (
          <View className="product-card__sold-out" id={`sold-out-${product._id}`}>
            <Text className="product-card__sold-out-text">已售罄</Text>
          </View>
        ) : null}
      </View>
      <View className="product-card__body">
        <Text className="product-card__title">{product.title}</Text>
        {layout === 'row' && product.subtitle ? (
          <Text className="product-card__subtitle">{product.subtitle}</Text>
        ) : null}
        {product.tags.length > 0 ? (
          <View className="product-card__tags">
            {product.tags.slice(0, 2).map((tag) => (
              <Text key={tag} className="product-card__tag">
                {tag}
              </Text>
            ))}
          </View>
        ) : null}
        <View className="product-card__foot">
          <Price fen={product.minPrice} maxFen={product.maxPrice} size="sm" className="product-card__price" />
          <Text className="product-card__sales">{salesText(product.sales)}</Text>
        </View>
      </View>
    </View>
  );
}
