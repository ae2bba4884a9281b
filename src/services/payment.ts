/** 去支付 on any page: the server signs, the buyer pays in WeChat's sheet (or the local sandbox's in H5), the order confirms it. */
import Taro from '@tarojs/taro';
import type { PaymentRequest } from '@shop/types';
import { callCloud } from './cloud';
import { askForOrderMessages, loadMessageTemplates } from './messages';
import { isPaymentCancel, runPayment, type PaymentResult, type SheetResult } from './payment-flow';

export type { PaymentOutcome, PaymentResult } from './payment-flow';

/** Payments under way, by order id. */
const inFlight = new Map<string, Promise<PaymentResult>>();

/**
 * Resolves once the payment is settled as far as the buyer is concerned: PAID (with the order), CANCELLED,
 * FAILED (with an error code), or PENDING when the payment was made but the order has not shown it yet
 * (the page says 支付结果确认中; the server confirms it on its own).
 */
export function payForOrder(orderId: string): Promise<PaymentResult> {
  // A second tap (or another page) while the sheet is up joins the payment under way instead of starting one.
  const running = inFlight.get(orderId);
  if (running) return running;
  const payment = startPayment(orderId).finally(() => inFlight.delete(orderId));
  inFlight.set(orderId, payment);
  return payment;
}

function startPayment(orderId: string): Promise<PaymentResult> {
  return runPayment(orderId, {
    // The subscribe-message templates are read beside the signing, ready for the success callback.
    prepare: (id) =>
      Promise.all([callCloud('shop', 'order.pay', { orderId: id }), loadMessageTemplates()]).then(
        ([answer]) => answer,
      ),
    present: presentPayment,
    fetchOrder: (id) => callCloud('shop', 'order.detail', { orderId: id }),
    syncPayment: (id) => callCloud('shop', 'order.syncPayment', { orderId: id }),
    sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
    now: () => Date.now(),
  });
}

/**
 * Not async on purpose: Babel turns async bodies into state machines, and the weapp build can only drop the
 * H5 branch (and with it the sheet's module) while it is still a plain `if` on TARO_ENV.
 */
function presentPayment(request: PaymentRequest): Promise<SheetResult> {
  if (process.env.TARO_ENV === 'h5') {
    return import('./sandbox-pay-sheet').then(({ showSandboxPaySheet }) =>
      showSandboxPaySheet({ outTradeNo: request.orderNo, amountFen: request.amount }),
    );
  }
  return requestWeChatPayment(request);
}

/**
 * WeChat's own sheet. Taro 4 does not wrap requestPayment in a promise (it passes the call to wx as it is), and
 * without callbacks older WeChat clients return nothing at all, which would read as paid: the callbacks decide.
 */
function requestWeChatPayment(request: PaymentRequest): Promise<SheetResult> {
  return new Promise((resolve) => {
    void Taro.requestPayment({
      ...request.params,
      success: () => {
        // Right in the payment's callback: WeChat shows the subscribe dialog there without another tap.
        askForOrderMessages();
        resolve('paid');
      },
      fail: (error) => resolve(isPaymentCancel(error) ? 'cancelled' : 'failed'),
    });
  });
}
