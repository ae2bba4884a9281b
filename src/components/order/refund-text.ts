/** How refunds are worded for the buyer: the reasons to choose from, the reason sent, and a refund's status. */
import type { OrderRefund, OrderState } from '@shop/types';

/** The reason that needs the buyer's own words. */
export const OTHER_REASON = '其他';

/** 仅退款 reasons; a shipped order may also never have arrived. */
export function refundReasons(state: OrderState): readonly string[] {
  const common = ['不想要了', '拍错了/多拍了', '商品缺货'];
  return state === 'SHIPPED' ? [...common, '快递一直未送到', OTHER_REASON] : [...common, OTHER_REASON];
}

/** Bounded by the shop function's limit of 100 characters for a reason, with room for the chosen one. */
export const REFUND_NOTE_MAX = 80;

/** What order.requestRefund receives: the chosen reason, then the buyer's note if any. */
export function refundReasonText(reason: string, note: string): string {
  const extra = note.trim().slice(0, REFUND_NOTE_MAX);
  if (!extra) return reason;
  return reason === OTHER_REASON ? extra : `${reason}：${extra}`;
}

/** 退款中 until WeChat Pay confirms; a rejected request leaves the order where it was, so it says so. */
export function refundStatusText(refund: OrderRefund, state: OrderState): string {
  if (state === 'REFUNDED' || refund.refundedAt !== undefined) return '已退款';
  if (refund.rejectedAt !== undefined) return '商家已拒绝';
  return '退款中';
}
