/** The HTTP answer a v3 notify endpoint gives WeChat Pay, in the shape CloudBase's HTTP access sends back. */

export interface NotifyHttpAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

/**
 * 204 acknowledges, and WeChat Pay stops retrying. Anything else makes it retry on its schedule, so refuse only
 * what a retry could fix (the inbox write failed) or what must never be acknowledged (a forged notification).
 */
export function v3NotificationAnswer(accepted: boolean, message = 'FAIL'): NotifyHttpAnswer {
  if (accepted) return { statusCode: 204, headers: {}, body: '', isBase64Encoded: false };
  return {
    statusCode: 500,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'FAIL', message }),
    isBase64Encoded: false,
  };
}
