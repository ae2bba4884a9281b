/** A labelled row of the address form, with the field's error under it. */
import type { ReactNode } from 'react';
import { View, Text } from '@tarojs/components';
import './form-row.css';

export interface FormRowProps {
  id?: string;
  label: string;
  error?: string;
  children: ReactNode;
}

export default function FormRow({ id, label, error, children }: FormRowProps) {
  return (
    <View className={`form-row ${error ? 'form-row--error' : ''}`} id={id}>
      <View className="form-row__line">
        <Text className="form-row__label">{label}</Text>
        <View className="form-row__field">{children}</View>
      </View>
      {error ? <Text className="form-row__error">{error}</Text> : null}
    </View>
  );
}
