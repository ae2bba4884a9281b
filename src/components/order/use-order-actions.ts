/**
 * What the buttons of an order do, the same on the list and the detail page. Changes go to the server and the
 * page gets the order as the server answered it. 申请售后 opens the refund sheet, which the page draws.
 */
import { useCallback, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import {
  CANCEL_REASONS,
  type BuyerOrderAction,
  type CancelReason,
  type Order,
  type OrderSummary,
  type Result,
} from '@shop/types';
import { addToCart } from '../../services/cart';
import { errorMessage } from '../../services/error-messages';
import { cancelOrder, receiveOrder, requestRefund } from '../../services/order';
import { confirmAction, toast } from '../common/confirm';
import { payAndTell } from './pay-and-tell';

/** 评价 opens the order's review page, which says which items are already reviewed. */
export function orderReviewUrl(orderId: string): string {
  return `/package-order/review/index?id=${encodeURIComponent(orderId)}`;
}

export function orderDetailUrl(orderId: string, options: { confirmingPayment?: boolean } = {}): string {
  const url = `/package-order/detail/index?id=${encodeURIComponent(orderId)}`;
  return options.confirmingPayment ? `${url}&paying=1` : url;
}

async function chooseCancelReason(): Promise<CancelReason | undefined> {
  try {
    const { tapIndex } = await Taro.showActionSheet({ itemList: [...CANCEL_REASONS], itemColor: '#222222' });
    return CANCEL_REASONS[tapIndex];
  } catch {
    return undefined; // dismissed: the order stays
  }
}

/** Refusals that mean the page shows an order that is not what it was: read it again. */
const STALE_CODES = new Set(['ORDER_STATE_CONFLICT', 'ORDER_NOT_FOUND', 'ORDER_EXPIRED']);

export interface OrderActionHandlers {
  /** The order changed on the server (cancelled, paid, received, refunding): show this answer. */
  onChanged: (order: Order) => void;
  /** The order is not what the page shows any more (changed elsewhere): read it again. */
  onStale: () => void;
  /** 查看物流 on the detail page scrolls to its logistics; elsewhere it opens the detail. */
  onViewLogistics?: (order: OrderSummary) => void;
  /**
   * Paid in the sheet, but the order does not show it yet: the detail page waits for it (支付结果确认中);
   * elsewhere the detail opens to wait there.
   */
  onPaymentPending?: (orderId: string) => void;
  /** 去支付 refused because the time to pay ran out: the page asks the server to close the order. */
  onPayExpired?: (order: OrderSummary) => void;
}

export function useOrderActions(handlers: OrderActionHandlers) {
  const { onChanged, onStale, onViewLogistics, onPaymentPending, onPayExpired } = handlers;
  const [busyOrderId, setBusyOrderId] = useState<string>();
  // A ref as well as state: a second tap in the same tick must not start a second call.
  const busy = useRef(false);
  const [refundOrder, setRefundOrder] = useState<OrderSummary>();
  const [refundSubmitting, setRefundSubmitting] = useState(false);
  const refundBusy = useRef(false);

  /** Shows a change the server answered with, or says why it refused. */
  const settle = useCallback(
    (answer: Result<Order>, doneText: string): void => {
      if (answer.ok) {
        void Taro.showToast({ title: doneText, icon: 'success' });
        onChanged(answer.data);
        return;
      }
      toast(errorMessage(answer.code));
      if (STALE_CODES.has(answer.code)) onStale();
    },
    [onChanged, onStale],
  );

  const pay = useCallback(
    async (order: OrderSummary) => {
      const result = await payAndTell(order._id);
      if (result.order) onChanged(result.order);
      if (result.outcome === 'PENDING') {
        if (onPaymentPending) onPaymentPending(order._id);
        else void Taro.navigateTo({ url: orderDetailUrl(order._id, { confirmingPayment: true }) });
      } else if (
        result.outcome === 'FAILED' &&
        !result.order &&
        result.code === 'ORDER_EXPIRED' &&
        onPayExpired
      ) {
        onPayExpired(order); // closed now rather than at the worker's next run, and shown closed
      } else if (result.outcome === 'FAILED' && !result.order && STALE_CODES.has(result.code ?? '')) {
        onStale();
      }
    },
    [onChanged, onPayExpired, onPaymentPending, onStale],
  );

  /** 取消订单 asks why, from the shop's list; choosing a reason is the confirmation, dismissing keeps the order. */
  const cancel = useCallback(
    async (order: OrderSummary) => {
      const reason = await chooseCancelReason();
      if (reason) settle(await cancelOrder(order._id, reason), '订单已取消');
    },
    [settle],
  );

  const receive = useCallback(
    async (order: OrderSummary) => {
      const sure = await confirmAction('请确认已收到商品，确认后订单将完成。', '确认收货');
      if (sure) settle(await receiveOrder(order._id), '已确认收货');
    },
    [settle],
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
            await pay(order);
            break;
          case 'CANCEL':
            await cancel(order);
            break;
          case 'RECEIVE':
            await receive(order);
            break;
          case 'REQUEST_REFUND':
            setRefundOrder(order);
            break;
          case 'BUY_AGAIN':
            await buyAgain(order);
            break;
          case 'VIEW_LOGISTICS':
            if (onViewLogistics) onViewLogistics(order);
            else void Taro.navigateTo({ url: orderDetailUrl(order._id) });
            break;
          case 'REVIEW':
            void Taro.navigateTo({ url: orderReviewUrl(order._id) });
            break;
        }
      } finally {
        busy.current = false;
        setBusyOrderId(undefined);
      }
    },
    [buyAgain, cancel, onViewLogistics, pay, receive],
  );

  /** 提交申请 of the refund sheet: the sheet closes once the server took the request. */
  const submitRefund = useCallback(
    async (reason: string) => {
      if (!refundOrder || refundBusy.current) return;
      refundBusy.current = true;
      setRefundSubmitting(true);
      try {
        const answer = await requestRefund(refundOrder._id, reason);
        settle(answer, '退款申请已提交');
        // Open after a network failure, so 提交申请 can be tapped again; closed once done or the order moved on.
        if (answer.ok || STALE_CODES.has(answer.code)) setRefundOrder(undefined);
      } finally {
        refundBusy.current = false;
        setRefundSubmitting(false);
      }
    },
    [refundOrder, settle],
  );

  const closeRefund = useCallback(() => {
    if (!refundBusy.current) setRefundOrder(undefined);
  }, []);

  return {
    run,
    busyOrderId,
    refund: { order: refundOrder, submitting: refundSubmitting, submit: submitRefund, close: closeRefund },
  };
}
