/** The honest "nothing here yet" block every list shows instead of fake content. */
import { View, Text } from '@tarojs/components';
import './index.css';

/** The line drawing above the title, one per kind of list (index.css holds them as small SVG pictures). */
export type EmptyIcon =
  | 'box'
  | 'cart'
  | 'order'
  | 'search'
  | 'favorite'
  | 'history'
  | 'coupon'
  | 'address'
  | 'service'
  | 'network'
  | 'comment';

export interface EmptyStateProps {
  title: string;
  /** What the list holds; a parcel when not given. */
  icon?: EmptyIcon;
  hint?: string;
  actionText?: string;
  onAction?: () => void;
}

export default function EmptyState({ title, icon = 'box', hint, actionText, onAction }: EmptyStateProps) {
  return (
    <View className="empty-state">
      <View className="empty-state__icon">
        <View className={`empty-state__glyph empty-state__glyph--${icon}`} />
      </View>
      <Text className="empty-state__title">{title}</Text>
      {hint ? <Text className="empty-state__hint">{hint}</Text> : null}
      {actionText ? (
        <View className="empty-state__action button-plain" onClick={onAction}>
          {actionText}
        </View>
      ) : null}
    </View>
  );
}
