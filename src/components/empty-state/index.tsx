/** The honest "nothing here yet" block every list shows instead of fake content. */
import { View, Text } from '@tarojs/components';
import './index.css';

export interface EmptyStateProps {
  title: string;
  hint?: string;
  actionText?: string;
  onAction?: () => void;
}

export default function EmptyState({ title, hint, actionText, onAction }: EmptyStateProps) {
  return (
    <View className="empty-state">
      <View className="empty-state__icon" />
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
