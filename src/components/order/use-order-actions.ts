/**
 * What the buttons of an order do, the same on the list and the detail page. Changes go to the server and the
 * page gets the order as the server answered it; a button with no action behind it yet says so.
 */
import { useCallback, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import type { BuyerOrderAction, Order, OrderSummary } from '@shop/types';
import { addToCart } from '../../services/cart';
import { errorMessage } from '../../services/error-messages';
import { cancelOrder, payOrder } from '../../services/order';
import { confirmAction, toast } from '../common/confirm';

export function orderDetailUrl(orderId: string): string {
  return `/package-order/detail/index?id=${encodeURIComponent(orderId)}`;
}

export interface OrderActionHandlers {
  /** The order changed on the server (cancelled): show this answer. */
  onChanged: (order: Order) => void;
  /** The order is not what the page shows any more (changed elsewhere): read it again. */
  onStale: () => void;
  /** 查看物流 on the detail page scrolls to its logistics; elsewhere it opens the detail. */
  onViewLogistics?: (order: OrderSummary) => void;
}

export function useOrderActions({ onChanged, onStale, onViewLogistics }: OrderActionHandlers) {
  const [busyOrderId, setBusyOrderId] = useState<string>();
  // A ref as well as state: a second tap in the same tick must not start a second call.
  const busy = useRef(false);

  const cancel = useCallback(
    async (order: OrderSummary) => {
      const sure = await confirmAction('确定取消该订单吗？取消后库存和优惠券将退回。', '取消订单');
      if (!sure) return;
      const answer = await cancelOrder(order._id);
      if (answer.ok) {
        void Taro.showToast({ title: '订单已取消', icon: 'success' });
        onChanged(answer.data);
        return;
      }
      toast(errorMessage(answer.code));
      if (answer.code === 'ORDER_STATE_CONFLICT' || answer.code === 'ORDER_NOT_FOUND') onStale();
    },
    [onChanged, onStale],
  );

  const buyAgain = useCallback(async (order: OrderSummary) => {
    let added = 0;
    for (const item of order.items) {
      const answer = await addToCart(item.productId, item.skuId, item.quantity);
      if (answer.ok) added += 1;
    }
    if (added === 0) {
      toast('商品已下架或库存不足');
      return;
    }
    if (added < order.items.length) toast('部分商品已无法购买，其余已加入购物车');
    void Taro.switchTab({ url: '/pages/cart/index' });
  }, []);

  const run = useCallback(
    async (action: BuyerOrderAction, order: OrderSummary) => {
      if (busy.current) return;
      busy.current = true;
      setBusyOrderId(order._id);
      try {
        switch (action) {
          case 'PAY':
            if (await payOrder(order._id)) onStale();
            break;
          case 'CANCEL':
            await cancel(order);
            break;
          case 'BUY_AGAIN':
            await buyAgain(order);
            break;
          case 'VIEW_LOGISTICS':
            if (onViewLogistics) onViewLogistics(order);
            else void Taro.navigateTo({ url: orderDetailUrl(order._id) });
            break;
          case 'RECEIVE':
          case 'REQUEST_REFUND':
            // Receipt and refunds have no buyer action in the shop function yet; they arrive with payments.
            toast('该功能即将开放');
            break;
        }
      } finally {
        busy.current = false;
        setBusyOrderId(undefined);
      }
    },
    [buyAgain, cancel, onStale, onViewLogistics],
  );

  return { run, busyOrderId };
}
