/** The buttons an order's state allows (BUYER_ACTIONS), the last one highlighted as the next step. */
import { View } from '@tarojs/components';
import { BUYER_ACTION_TEXT, buyerActions, type BuyerOrderAction, type OrderState } from '@shop/types';
import './order-actions.css';

export interface OrderActionsProps {
  orderId: string;
  state: OrderState;
  busy?: boolean;
  /** The time to pay ran out: no 去支付 (the server refuses it), while the order waits to be closed. */
  payOver?: boolean;
  onAction: (action: BuyerOrderAction) => void;
}

export default function OrderActions({
  orderId,
  state,
  busy = false,
  payOver = false,
  onAction,
}: OrderActionsProps) {
  const actions = buyerActions(state).filter((action) => !(payOver && action === 'PAY'));
  if (actions.length === 0) return null;
  return (
    <View className="order-actions">
      {actions.map((action, index) => {
        const primary = index === actions.length - 1;
        // Paying is the one step that moves an order forward with money: drawn as the shop's red button.
        const filled = primary && action === 'PAY';
        return (
          <View
            key={action}
            id={`order-${action.toLowerCase().replace(/_/g, '-')}-${orderId}`}
            className={`order-actions__button ${primary ? 'order-actions__button--primary' : ''} ${filled ? 'order-actions__button--filled' : ''} ${busy ? 'order-actions__button--busy' : ''}`}
            onClick={(event) => {
              // Buttons sit on a card that opens the detail when tapped elsewhere.
              event.stopPropagation();
              if (!busy) onAction(action);
            }}
          >
            {BUYER_ACTION_TEXT[action]}
          </View>
        );
      })}
    </View>
  );
}
