/**
 * The order detail's side of paying: telling how a payment made on 确认订单 went, and 支付结果确认中 while the
 * buyer has paid but the order still reads unpaid (the payment notice is late). The server settles such a
 * payment on its own, so the page only reads the order again every few seconds, for a minute at most.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import type { Order } from '@shop/types';
import { takePaymentResult, tellPaymentResult } from './pay-and-tell';

export const PAYMENT_WATCH = { intervalMs: 3000, times: 20 } as const;

export function usePaymentWatch(active: boolean, reread: () => void): void {
  const latest = useRef(reread);
  useEffect(() => {
    latest.current = reread;
  }, [reread]);

  useEffect(() => {
    if (!active) return undefined;
    let times = 0;
    const timer = setInterval(() => {
      times += 1;
      latest.current();
      if (times >= PAYMENT_WATCH.times) clearInterval(timer);
    }, PAYMENT_WATCH.intervalMs);
    return () => clearInterval(timer);
  }, [active]);
}

export interface OrderPaymentOptions {
  orderId: string;
  /** Opened with ?paying=1: a payment was made that the order did not show yet. */
  confirmingAtStart: boolean;
  /** The order on screen, once read. */
  order: Order | undefined;
  reread: () => void;
}

export function useOrderPayment({ orderId, confirmingAtStart, order, reread }: OrderPaymentOptions) {
  const [confirming, setConfirming] = useState(confirmingAtStart);
  const [handedOver] = useState(() => takePaymentResult(orderId));
  const told = useRef(false);
  const state = order?.state;
  const paid = order?.paidAt !== undefined;
  const awaitingPayment = confirming && state === 'TO_PAY';
  usePaymentWatch(awaitingPayment, reread);

  useEffect(() => {
    if (!handedOver || state === undefined || told.current) return;
    told.current = true;
    tellPaymentResult(handedOver);
  }, [handedOver, state]);

  useEffect(() => {
    if (!confirming || state === undefined || state === 'TO_PAY') return;
    // The payment the page was waiting for arrived (or the order ended another way, which its state says).
    setConfirming(false);
    if (paid) void Taro.showToast({ title: '支付成功', icon: 'success' });
  }, [confirming, state, paid]);

  const startConfirming = useCallback(() => setConfirming(true), []);
  return { awaitingPayment, startConfirming };
}
