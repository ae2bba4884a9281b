/** The HTTP answer a v3 notify endpoint gives WeChat Pay, in the shape CloudBase's HTTP access sends back. */

export interface NotifyHttpAnswer {
  statusCode: number;
  headers: Record<string, string>;
  body: string;
  isBase64Encoded: false;
}

/** Signature problems (who sent it cannot be trusted) answer 401; anything else malformed answers 400. */
const SIGNATURE_REASONS: ReadonlySet<string> = new Set([
  'MISSING_HEADERS',
  'UNSUPPORTED_SIGNATURE_TYPE',
  'UNKNOWN_SERIAL',
  'STALE_TIMESTAMP',
  'BAD_SIGNATURE',
]);

function failure(statusCode: number, message: string): NotifyHttpAnswer {
  // WeChat Pay's documented failure body: { "code": "FAIL", "message": "..." }, with a 4xx or 5xx status.
  return {
    statusCode,
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ code: 'FAIL', message }),
    isBase64Encoded: false,
  };
}

/** 204: the notice is durably in the inbox (or was before); WeChat Pay stops delivering it. */
export function v3NotificationAccepted(): NotifyHttpAnswer {
  return { statusCode: 204, headers: {}, body: '', isBase64Encoded: false };
}

/**
 * A notification the shop refuses: bad signature, unknown key serial, stale timestamp (401), malformed,
 * undecryptable or for another appid or merchant (400). WeChat Pay retries a refusal on its schedule; a
 * forged one never becomes acceptable by retrying, a genuine one delayed by a clock skew does.
 */
export function v3NotificationRefused(reason: string): NotifyHttpAnswer {
  return failure(SIGNATURE_REASONS.has(reason) ? 401 : 400, reason);
}

/** The notice could not be stored (the function failed): 500, and WeChat Pay delivers it again. */
export function v3NotificationFailed(message = 'temporarily unavailable'): NotifyHttpAnswer {
  return failure(500, message);
}
