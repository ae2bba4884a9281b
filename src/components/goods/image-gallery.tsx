/** The product's images in a swiper with a '2/5' indicator. */
import { useState } from 'react';
import { View, Text, Image, Swiper, SwiperItem } from '@tarojs/components';
import { imageUrl } from '../../services/image-url';
import './image-gallery.css';

export default function ImageGallery({ images }: { images: string[] }) {
  const [current, setCurrent] = useState(0);
  if (images.length === 0) return <View className="image-gallery image-gallery--empty" />;
  return (
    <View className="image-gallery" id="gallery">
      <Swiper
        className="image-gallery__swiper"
        circular={images.length > 1}
        onChange={(event) => setCurrent(event.detail.current)}
      >
        {images.map((image, index) => (
          <SwiperItem key={`${image}-${index}`}>
            <Image className="image-gallery__image" src={imageUrl(image)} mode="aspectFill" />
          </SwiperItem>
        ))}
      </Swiper>
      {images.length > 1 ? (
        <Text className="image-gallery__indicator" id="gallery-indicator">
          {current + 1}/{images.length}
        </Text>
      ) : null}
    </View>
  );
}
