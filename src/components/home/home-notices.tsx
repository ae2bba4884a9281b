/** The shop's notices under the banners: one line at a time, turning upward; a tap shows the whole text. */
import { Swiper, SwiperItem, Text, View } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { HomeNotice } from '@shop/types';
import './home-notices.css';

function showNotice(text: string): void {
  void Taro.showModal({ title: '店铺公告', content: text, showCancel: false, confirmText: '知道了' });
}

export default function HomeNotices({ notices }: { notices: HomeNotice[] }) {
  if (notices.length === 0) return null;
  const turning = notices.length > 1;
  return (
    <View className="home-notices" id="home-notices">
      <Text className="home-notices__tag">公告</Text>
      <Swiper className="home-notices__swiper" vertical autoplay={turning} circular={turning} interval={3500}>
        {notices.map((notice, index) => (
          <SwiperItem key={`${index}-${notice.text}`}>
            <View
              className="home-notices__line"
              id={`home-notice-${index}`}
              onClick={() => showNotice(notice.text)}
            >
              {notice.text}
            </View>
          </SwiperItem>
        ))}
      </Swiper>
      <View className="home-notices__more" />
    </View>
  );
}
