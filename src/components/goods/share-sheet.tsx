/** H5's 分享: the product's link, shown and copied, since a browser has no WeChat share menu. */
import { View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import BottomSheet from '../common/bottom-sheet';
import './share-sheet.css';

export interface ShareSheetProps {
  link: string;
  onClose: () => void;
}

export default function ShareSheet({ link, onClose }: ShareSheetProps) {
  const copy = () => {
    void Taro.setClipboardData({ data: link }).then(
      () => Taro.showToast({ title: '链接已复制', icon: 'none' }),
      () => Taro.showToast({ title: '请长按链接复制', icon: 'none' }),
    );
  };
  return (
    <BottomSheet
      id="share-sheet"
      title="分享商品"
      onClose={onClose}
      footer={
        <View className="share-sheet__copy" id="share-copy" onClick={copy}>
          复制链接
        </View>
      }
    >
      <View className="share-sheet">
        <Text className="share-sheet__hint">复制链接发给好友，打开即可看到这件商品</Text>
        <Text className="share-sheet__link" id="share-link" userSelect>
          {link}
        </Text>
      </View>
    </BottomSheet>
  );
}
