/** The 2-column product grid of 首页 and 分类. */
import { View } from '@tarojs/components';
import type { ProductCard as ProductCardData } from '@shop/types';
import ProductCard from './product-card';
import './product-grid.css';

export default function ProductGrid({
  products,
  narrow = false,
}: {
  products: ProductCardData[];
  narrow?: boolean;
}) {
  return (
    <View className={`product-grid ${narrow ? 'product-grid--narrow' : ''}`} id="product-grid">
      {products.map((product) => (
        <ProductCard key={product._id} product={product} />
      ))}
    </View>
  );
}
