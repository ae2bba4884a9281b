/** The round check box of the cart: drawn, so WeChat's and the browser's native check boxes never differ. */
import { View } from '@tarojs/components';
import './index.css';

export interface CheckCircleProps {
  id?: string;
  checked: boolean;
  disabled?: boolean;
  onToggle?: () => void;
}

export default function CheckCircle({ id, checked, disabled = false, onToggle }: CheckCircleProps) {
  const state = disabled ? 'check-circle--disabled' : checked ? 'check-circle--checked' : '';
  return (
    <View
      id={id}
      className="check-circle__hit"
      onClick={(event) => {
        // Without its own handler the tap belongs to the row around it (the bar's 全选 label).
        if (!onToggle) return;
        event.stopPropagation();
        if (!disabled) onToggle();
      }}
    >
      <View className={`check-circle ${state}`} />
    </View>
  );
}
