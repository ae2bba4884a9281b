/**
 * 客服: WeChat's customer-service chat (`open-type="contact"`), opened with a card of what the buyer is looking
 * at. The H5 shop has no such chat, so there it says where to find one.
 */
import { Button, View, Text } from '@tarojs/components';
import Taro from '@tarojs/taro';
import './contact-entry.css';

export interface ContactEntryProps {
  id: string;
  /** 'icon' in a bottom bar (a bubble over 客服), 'text' as a button among an order's actions. */
  look: 'icon' | 'text';
  /** What the chat's card shows and opens: the product or order in view. */
  card?: { title: string; path: string };
}

export default function ContactEntry({ id, look, card }: ContactEntryProps) {
  const label =
    look === 'icon' ? (
      <View className="contact-entry__stack">
        <View className="contact-entry__bubble" />
        <Text className="contact-entry__text">客服</Text>
      </View>
    ) : (
      <Text>联系客服</Text>
    );
  if (process.env.TARO_ENV !== 'weapp') {
    return (
      <View
        className={`contact-entry contact-entry--${look}`}
        id={id}
        onClick={() => void Taro.showToast({ title: '请在微信小程序中联系客服', icon: 'none' })}
      >
        {label}
      </View>
    );
  }
  return (
    <Button
      className={`contact-entry contact-entry--${look}`}
      id={id}
      openType="contact"
      showMessageCard={card !== undefined}
      sendMessageTitle={card?.title}
      sendMessagePath={card?.path}
    >
      {label}
    </Button>
  );
}
