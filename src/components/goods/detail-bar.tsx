/** The bottom bar of 商品详情: 客服, 收藏, the cart with its count, 加入购物车 and 立即购买 (or why it cannot be bought). */
import { useEffect, useState } from 'react';
import { View, Text, Image } from '@tarojs/components';
import Taro from '@tarojs/taro';
import cartIcon from '../../assets/tab/cart.png';
import { badgeText, cartBadgeCount, subscribeCartBadge } from '../../store/cart-badge';
import ContactEntry from '../service/contact-entry';
import './detail-bar.css';

export interface DetailBarProps {
  /** Set when nothing can be bought: '商品已下架' or '已售罄'. */
  unavailable?: string;
  onAddToCart: () => void;
  onBuyNow: () => void;
  /** The product the 客服 chat opens with. */
  contactCard?: { title: string; path: string };
  /** 收藏: whether the product is kept, and the tap that adds or removes it. */
  favorite?: { favorited: boolean; onToggle: () => void };
}

export default function DetailBar({
  unavailable,
  onAddToCart,
  onBuyNow,
  contactCard,
  favorite,
}: DetailBarProps) {
  const [count, setCount] = useState(cartBadgeCount() ?? 0);
  useEffect(() => subscribeCartBadge(setCount), []);

  return (
    <View className="detail-bar">
      <ContactEntry id="detail-contact" look="icon" card={contactCard} />
      {favorite ? (
        <View
          className={`detail-bar__favorite ${favorite.favorited ? 'detail-bar__favorite--on' : ''}`}
          id="detail-favorite"
          onClick={favorite.onToggle}
        >
          <Text className="detail-bar__favorite-icon">{favorite.favorited ? '★' : '☆'}</Text>
          <Text className="detail-bar__cart-text">{favorite.favorited ? '已收藏' : '收藏'}</Text>
        </View>
      ) : null}
      <View
        className="detail-bar__cart"
        id="detail-cart"
        onClick={() => Taro.switchTab({ url: '/pages/cart/index' })}
      >
        <Image className="detail-bar__cart-icon" src={cartIcon as string} />
        {count > 0 ? (
          <Text className="detail-bar__badge" id="detail-cart-badge">
            {badgeText(count)}
          </Text>
        ) : null}
        <Text className="detail-bar__cart-text">购物车</Text>
      </View>
      {unavailable ? (
        <View className="detail-bar__buttons">
          <View className="detail-bar__button detail-bar__button--disabled" id="unavailable">
            {unavailable}
          </View>
        </View>
      ) : (
        <View className="detail-bar__buttons">
          <View className="detail-bar__button detail-bar__button--cart" id="add-cart" onClick={onAddToCart}>
            加入购物车
          </View>
          <View className="detail-bar__button detail-bar__button--buy" id="buy-now" onClick={onBuyNow}>
            立即购买
          </View>
        </View>
      )}
    </View>
  );
}
