/** How orders and quotes are worded for the buyer: times, countdowns and why a line cannot be bought. */
import dayjs from 'dayjs';
import type { EpochMs, OrderItem, OrderState, QuoteProblemView, QuotedLine } from '@shop/types';
import { errorMessage } from '../../services/error-messages';

export function timeText(at: EpochMs): string {
  return dayjs(at).format('YYYY-MM-DD HH:mm:ss');
}

/** '12月10日 14:30 自动确认收货': when the worker receives a shipped order for the buyer. */
export function autoReceiveText(at: EpochMs): string {
  return `${dayjs(at).format('M月D日 HH:mm')} 自动确认收货`;
}

/** 29:59 below an hour, 1:05:00 above: a pending payment rarely waits longer than half an hour. */
export function countdownText(remainingMs: number): string {
  const total = Math.max(0, Math.floor(remainingMs / 1000));
  const hours = Math.floor(total / 3600);
  const minutes = String(Math.floor((total % 3600) / 60)).padStart(2, '0');
  const seconds = String(total % 60).padStart(2, '0');
  return hours > 0 ? `${hours}:${minutes}:${seconds}` : `${minutes}:${seconds}`;
}

/** What the amount of an order is called: nothing was charged for an unpaid or abandoned order. */
export function payableLabel(state: OrderState): string {
  if (state === 'TO_PAY') return '需付款';
  if (state === 'CANCELLED' || state === 'CLOSED') return '应付款';
  return '实付款';
}

export function itemCount(items: readonly OrderItem[]): number {
  return items.reduce((sum, item) => sum + item.quantity, 0);
}

/** Why a quoted line is not charged, next to the line. */
export function lineProblemText(line: QuotedLine): string | undefined {
  switch (line.problem) {
    case undefined:
      return undefined;
    case 'OUT_OF_STOCK':
      return line.available ? `库存不足，仅剩 ${line.available} 件` : '已售罄';
    case 'PRODUCT_OFF_SALE':
      return '商品已下架';
    case 'PRODUCT_NOT_FOUND':
      return '商品已不存在';
    case 'SKU_NOT_FOUND':
      return '所选规格已失效';
    default:
      return errorMessage(line.problem);
  }
}

const LINE_PROBLEMS = new Set([
  'OUT_OF_STOCK',
  'PRODUCT_OFF_SALE',
  'PRODUCT_NOT_FOUND',
  'SKU_NOT_FOUND',
  'QUANTITY_OUT_OF_RANGE',
]);

export function isLineProblem(problem: QuoteProblemView): boolean {
  return LINE_PROBLEMS.has(problem.code) && problem.skuId !== undefined;
}

/** The one sentence 提交订单 answers with while the quote has problems. */
export function blockingText(problems: readonly QuoteProblemView[]): string | undefined {
  const first = problems.find((p) => !isLineProblem(p)) ?? problems[0];
  if (!first) return undefined;
  if (isLineProblem(first)) return '部分商品无法购买，请修改后再提交';
  if (first.code === 'NOTHING_TO_BUY') return '没有可购买的商品';
  return errorMessage(first.code);
}
