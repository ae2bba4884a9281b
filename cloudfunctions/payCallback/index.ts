/**
 * `payCallback`: the function cloudPay calls when a payment succeeds (SOURCE wx_paycallback). The same path as
 * the v3 notify: verify, store in the inbox, answer { errcode: 0 } to stop WeChat's retries once the notice is
 * durably stored; applying it is the worker's (and the buyer's order.syncPayment's).
 */
import cloud from 'wx-server-sdk';
import { cloudPayCallbackAnswer, type CloudPayCallbackAnswer } from '../common/payments/cloudpay-callback';
import { now } from '../common/runtime/clock';
import { acceptPaymentNotice } from '../common/services/payment-service';

export async function main(event: unknown): Promise<CloudPayCallbackAnswer> {
  try {
    const source = cloud.getWXContext().SOURCE as string | undefined;
    const outcome = await acceptPaymentNotice({ channel: 'cloudpay-callback', event, source }, now());
    return outcome.accepted ? cloudPayCallbackAnswer(true) : cloudPayCallbackAnswer(false, outcome.reason);
  } catch (error) {
    console.error('[payCallback] failed', error);
    return cloudPayCallbackAnswer(false, 'temporarily unavailable');
  }
}
