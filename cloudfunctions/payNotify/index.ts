/**
 * `payNotify`, reached over HTTP access at the notify URL: WeChat Pay API v3 payment notifications. Verified
 * notices go to the inbox and are acknowledged with 204; anything that fails verification gets a failure
 * answer (and WeChat Pay's retries), is logged, and is never applied.
 */
import { v3NotificationAnswer, type NotifyHttpAnswer } from '../common/payments/v3-notification-answer';
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
    return v3NotificationAnswer(false, 'expected a POST from WeChat Pay');
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
    return outcome.accepted ? v3NotificationAnswer(true) : v3NotificationAnswer(false, outcome.reason);
  } catch (error) {
    // Nothing was stored: answering a failure makes WeChat Pay deliver it again.
    console.error('[payNotify] failed', error);
    return v3NotificationAnswer(false, 'temporarily unavailable');
  }
}
