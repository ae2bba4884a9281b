/** The cart's bottom bar: 全选 and '合计 ¥' with 去结算(N); in 管理 mode 全选 and 删除. */
import { View, Text } from '@tarojs/components';
import type { CartView } from '@shop/types';
import CheckCircle from '../check-circle';
import Price from '../goods/price';
import './cart-bar.css';

export interface CartBarProps {
  view: CartView;
  managing: boolean;
  /** Lines marked for deletion in 管理 mode, and whether that is every line. */
  markedCount: number;
  allMarked: boolean;
  onToggleAll: () => void;
  onCheckout: () => void;
  onRemove: () => void;
}

export default function CartBar({
  view,
  managing,
  markedCount,
  allMarked,
  onToggleAll,
  onCheckout,
  onRemove,
}: CartBarProps) {
  const hasValid = view.lines.some((line) => !line.invalid);
  return (
    <View className="cart-bar" id="cart-bar">
      <View className="cart-bar__all" id="cart-select-all" onClick={onToggleAll}>
        <CheckCircle checked={managing ? allMarked : view.allSelected} disabled={!managing && !hasValid} />
        <Text className="cart-bar__all-text">全选</Text>
      </View>
      {managing ? (
        <View className="cart-bar__right">
          <View
            className={`cart-bar__button cart-bar__button--remove ${markedCount === 0 ? 'cart-bar__button--off' : ''}`}
            id="cart-remove"
            onClick={onRemove}
          >
            删除{markedCount > 0 ? `(${markedCount})` : ''}
          </View>
        </View>
      ) : (
        <View className="cart-bar__right">
          <View className="cart-bar__total">
            <Text className="cart-bar__total-label">合计</Text>
            <View id="cart-total">
              <Price fen={view.selectedTotal} size="md" />
            </View>
          </View>
          <View
            className={`cart-bar__button ${view.selectedLineCount === 0 ? 'cart-bar__button--off' : ''}`}
            id="cart-checkout"
            onClick={onCheckout}
          >
            去结算({view.selectedQuantity})
          </View>
        </View>
      )}
    </View>
  );
}
