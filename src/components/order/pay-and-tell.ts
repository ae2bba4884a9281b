/** 去支付 wherever it starts (a card, the detail page, 提交订单): pay, then tell the buyer how it went in one word. */
import Taro from '@tarojs/taro';
import { errorMessage } from '../../services/error-messages';
import { payForOrder, type PaymentResult } from '../../services/payment';
import { toast } from '../common/confirm';

/** Why a payment failed, for a toast: the sheet's own failure invites a retry; a refusal says what went wrong. */
export function paymentFailureText(code: string | undefined): string {
  if (code === undefined || code === 'PAYMENT_FAILED') return '支付失败，请重试';
  return errorMessage(code);
}

/**
 * CANCELLED says nothing (the buyer closed the sheet on purpose) and PENDING is shown by the detail page
 * (支付结果确认中), so only PAID and FAILED toast.
 */
export function tellPaymentResult(result: PaymentResult): void {
  if (result.outcome === 'PAID') void Taro.showToast({ title: '支付成功', icon: 'success' });
  else if (result.outcome === 'FAILED') toast(paymentFailureText(result.code));
}

/**
 * 提交订单 pays before the order's detail opens, and H5 hides a toast when the page changes under it: the
 * checkout leaves the result here and the detail tells it once the order is on screen.
 */
let handedOver: { orderId: string; result: PaymentResult } | undefined;

export function handOverPaymentResult(orderId: string, result: PaymentResult): void {
  handedOver = { orderId, result };
}

/** Reads it once, so coming back to the order later says nothing again. */
export function takePaymentResult(orderId: string): PaymentResult | undefined {
  const taken = handedOver?.orderId === orderId ? handedOver.result : undefined;
  handedOver = undefined;
  return taken;
}

export async function payAndTell(orderId: string): Promise<PaymentResult> {
  const result = await payForOrder(orderId);
  tellPaymentResult(result);
  return result;
}
