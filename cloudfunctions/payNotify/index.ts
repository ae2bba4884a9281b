/**
 * `payNotify`, reached over HTTP access at the notify URL: WeChat Pay API v3 payment notifications. A verified
 * notice is acknowledged with 204 as soon as it is durably in the inbox (applying it is the worker's, and the
 * buyer's order.syncPayment's); one that fails verification is refused with 401/400 and WeChat Pay's
 * `{ code, message }` body, logged and never stored; a failure to store answers 500 so WeChat Pay retries.
 */
import {
  v3NotificationAccepted,
  v3NotificationFailed,
  v3NotificationRefused,
  type NotifyHttpAnswer,
} from '../common/payments/v3-notification-answer';
import { now } from '../common/runtime/clock';
import { acceptPaymentNotice } from '../common/services/payment-service';

interface HttpEvent {
  headers?: Record<string, string | string[] | undefined>;
  body?: string;
  isBase64Encoded?: boolean;
  httpMethod?: string;
}

function isHttpEvent(event: unknown): event is HttpEvent {
  return typeof event === 'object' && event !== null && 'headers' in event;
}

export async function main(event: unknown): Promise<NotifyHttpAnswer> {
  if (!isHttpEvent(event) || (event.httpMethod !== undefined && event.httpMethod.toUpperCase() !== 'POST')) {
    return v3NotificationRefused('expected a POST from WeChat Pay');
  }
  // The signature covers the exact bytes WeChat Pay sent, so the body is used raw.
  const body = event.isBase64Encoded
    ? Buffer.from(event.body ?? '', 'base64').toString('utf8')
    : (event.body ?? '');
  const headers: Record<string, string> = {};
  for (const [name, value] of Object.entries(event.headers ?? {})) {
    if (value !== undefined) headers[name] = Array.isArray(value) ? value.join(',') : value;
  }
  try {
    const outcome = await acceptPaymentNotice({ channel: 'http', headers, body }, now());
    return outcome.accepted ? v3NotificationAccepted() : v3NotificationRefused(outcome.reason);
  } catch (error) {
    // Not known to be stored: answering a failure makes WeChat Pay deliver it again.
    console.error('[payNotify] failed', error);
    return v3NotificationFailed();
  }
}
