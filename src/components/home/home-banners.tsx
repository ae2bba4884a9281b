/** The merchant's banners at the top of 首页: they turn by themselves, and a tap opens the banner's product or category. */
import { useState } from 'react';
import { Image, Swiper, SwiperItem, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { BannerLink, HomeBanner } from '@shop/types';
import { imageUrl } from '../../services/image-url';
import { chooseCategory } from '../../store/category-choice';
import { productUrl } from '../goods/format';
import './home-banners.css';

/** Where a banner leads: its product's page, its category on the 分类 tab, or nowhere. */
export function openBannerLink(link: BannerLink): void {
  if (link.kind === 'product') {
    void Taro.navigateTo({ url: productUrl(link.productId) });
  } else if (link.kind === 'category') {
    chooseCategory(link.categoryId);
    void Taro.switchTab({ url: '/pages/category/index' });
  }
}

export default function HomeBanners({ banners }: { banners: HomeBanner[] }) {
  const [current, setCurrent] = useState(0);
  if (banners.length === 0) return null;
  const turning = banners.length > 1;
  return (
    <View className="home-banners" id="home-banners">
      <Swiper
        className="home-banners__swiper"
        autoplay={turning}
        circular={turning}
        interval={4000}
        onChange={(event) => setCurrent(event.detail.current)}
      >
        {banners.map((banner, index) => (
          <SwiperItem key={`${banner.image}-${index}`}>
            <Image
              className="home-banners__image"
              id={`home-banner-${index}`}
              src={imageUrl(banner.image)}
              mode="aspectFill"
              ariaLabel={banner.title || undefined}
              onClick={() => openBannerLink(banner.link)}
            />
          </SwiperItem>
        ))}
      </Swiper>
      {turning ? (
        <View className="home-banners__dots">
          {banners.map((banner, index) => (
            <View
              key={`${banner.image}-${index}`}
              className={`home-banners__dot ${index === current ? 'home-banners__dot--on' : ''}`}
            />
          ))}
        </View>
      ) : null}
    </View>
  );
}
