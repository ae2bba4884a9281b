/** A panel that rises from the bottom over a dimmed page; tapping the mask or × closes it. */
import type { ReactNode } from 'react';
import { View, Text, ScrollView } from '@tarojs/components';
import './bottom-sheet.css';

export interface BottomSheetProps {
  id?: string;
  title: string;
  onClose: () => void;
  children: ReactNode;
  /** Fixed under the scrolling body, e.g. a confirm button. */
  footer?: ReactNode;
}

export default function BottomSheet({ id, title, onClose, children, footer }: BottomSheetProps) {
  return (
    <View className="bottom-sheet" id={id} catchMove>
      <View className="bottom-sheet__mask" onClick={onClose} />
      <View className="bottom-sheet__panel">
        <View className="bottom-sheet__head">
          <Text className="bottom-sheet__title">{title}</Text>
          <View className="bottom-sheet__close" onClick={onClose} />
        </View>
        <ScrollView className="bottom-sheet__body" scrollY>
          {children}
        </ScrollView>
        {footer ? <View className="bottom-sheet__footer">{footer}</View> : null}
      </View>
    </View>
  );
}
