/** Reading and writing the value formats of WeChat Pay v2 answers (cloudPay): compact China times, fen, states. */
import type { RefundStatus } from './gateway';
import type { TradeState } from './types';

const CHINA_OFFSET_MS = 8 * 3600 * 1000;

/** `yyyyMMddHHmmss` in China Standard Time, the v2 format of time_expire and time_end. */
export function formatChinaCompactTime(epochMs: number): string {
  return new Date(epochMs + CHINA_OFFSET_MS).toISOString().slice(0, 19).replace(/[-T:]/g, '');
}

export function parseChinaCompactTime(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  const match = /^(\d{4})(\d{2})(\d{2})(\d{2})(\d{2})(\d{2})$/.exec(text);
  if (!match) return undefined;
  const [, year, month, day, hour, minute, second] = match.map(Number);
  return Date.UTC(year, month - 1, day, hour, minute, second) - CHINA_OFFSET_MS;
}

/** `yyyy-MM-dd HH:mm:ss` in China Standard Time, the v2 format of refund_success_time. */
export function parseChinaDashedTime(text: unknown): number | undefined {
  if (typeof text !== 'string') return undefined;
  return parseChinaCompactTime(text.replace(/[- :]/g, ''));
}

/** v2 amounts arrive as numbers or digit strings depending on the path they took; both mean integer fen. */
export function readFen(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isSafeInteger(value) && value >= 0 ? value : undefined;
  if (typeof value === 'string' && /^\d{1,15}$/.test(value)) return Number(value);
  return undefined;
}

const TRADE_STATES: readonly TradeState[] = [
  'SUCCESS',
  'REFUND',
  'NOTPAY',
  'CLOSED',
  'REVOKED',
  'USERPAYING',
  'PAYERROR',
];

export function readTradeState(value: unknown): TradeState | undefined {
  return typeof value === 'string' && (TRADE_STATES as readonly string[]).includes(value)
    ? (value as TradeState)
    : undefined;
}

/** v2 refund_status values in the gateway's terms (v3 renamed two of them). */
export function readV2RefundStatus(value: unknown): RefundStatus | undefined {
  switch (value) {
    case 'SUCCESS':
      return 'SUCCESS';
    case 'PROCESSING':
      return 'PROCESSING';
    case 'REFUNDCLOSE':
      return 'CLOSED';
    case 'CHANGE':
      return 'ABNORMAL';
    default:
      return undefined;
  }
}
