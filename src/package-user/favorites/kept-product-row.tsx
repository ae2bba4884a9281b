/**
 * A product the buyer kept (收藏) or opened (浏览记录): picture, title, price, and 已售罄 / 已下架 when it cannot
 * be bought now; an off-sale one does not open (its page would only say it is gone).
 */
import type { ReactNode } from 'react';
import { View, Text, Image } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { KeptProduct, KeptProductStatus } from '@shop/types';
import Price from '../../components/goods/price';
import { productUrl } from '../../components/goods/format';
import { imageUrl } from '../../services/image-url';
import './kept-product-row.css';

const STATUS_TEXT: Record<Exclude<KeptProductStatus, 'ON_SALE'>, string> = {
  SOLD_OUT: '已售罄',
  OFF_SALE: '已下架',
};

export interface KeptProductRowProps {
  item: KeptProduct;
  /** A button on the right, e.g. 取消收藏. */
  action?: ReactNode;
}

export default function KeptProductRow({ item, action }: KeptProductRowProps) {
  const { product, status } = item;
  const open = () => {
    if (status === 'OFF_SALE') void Taro.showToast({ title: '商品已下架', icon: 'none' });
    else void Taro.navigateTo({ url: productUrl(product._id) });
  };
  return (
    <View
      className={`kept-row ${status === 'ON_SALE' ? '' : 'kept-row--unavailable'}`}
      id={`kept-${product._id}`}
    >
      <View className="kept-row__main" onClick={open}>
        <View className="kept-row__cover">
          <Image className="kept-row__image" src={imageUrl(product.image)} mode="aspectFill" lazyLoad />
          {status === 'ON_SALE' ? null : (
            <Text className="kept-row__status" id={`kept-status-${product._id}`}>
              {STATUS_TEXT[status]}
            </Text>
          )}
        </View>
        <View className="kept-row__body">
          <Text className="kept-row__title">{product.title}</Text>
          <Price fen={product.minPrice} maxFen={product.maxPrice} size="sm" />
        </View>
      </View>
      {action}
    </View>
  );
}
