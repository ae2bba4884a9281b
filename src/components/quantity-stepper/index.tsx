/**
 * − n + within [min, max]. A value above max (a cart line whose stock dropped) can still go down, never up.
 * Tapping a bound asks `onLimit` so the page can say why.
 */
import { View, Text } from '@tarojs/components';
import './index.css';

export interface QuantityStepperProps {
  /** Prefix of the ids of the parts: `${id}-minus`, `${id}-value`, `${id}-plus`. */
  id: string;
  value: number;
  min?: number;
  max: number;
  disabled?: boolean;
  onChange: (value: number) => void;
  onLimit?: (bound: 'min' | 'max') => void;
}

export default function QuantityStepper({
  id,
  value,
  min = 1,
  max,
  disabled = false,
  onChange,
  onLimit,
}: QuantityStepperProps) {
  const canLower = !disabled && value > min;
  const canRaise = !disabled && value < max;
  const lower = () => {
    if (canLower) onChange(value - 1);
    else if (!disabled) onLimit?.('min');
  };
  const raise = () => {
    if (canRaise) onChange(value + 1);
    else if (!disabled) onLimit?.('max');
  };
  return (
    <View className="stepper" id={id}>
      <View
        id={`${id}-minus`}
        className={`stepper__button stepper__button--minus ${canLower ? '' : 'stepper__button--disabled'}`}
        onClick={(event) => {
          event.stopPropagation();
          lower();
        }}
      />
      <Text className="stepper__value" id={`${id}-value`}>
        {value}
      </Text>
      <View
        id={`${id}-plus`}
        className={`stepper__button stepper__button--plus ${canRaise ? '' : 'stepper__button--disabled'}`}
        onClick={(event) => {
          event.stopPropagation();
          raise();
        }}
      />
    </View>
  );
}
