/** How the buyer's pages name the progress of an after-sales refund at WeChat Pay. */
import type { AfterSaleRefundStatus } from '@shop/types';

const REFUND_PROGRESS_TEXT: Record<AfterSaleRefundStatus, string> = {
  PENDING: '退款提交中',
  PROCESSING: '微信支付处理中',
  SUCCESS: '已原路退回',
  CLOSED: '退款关闭，请联系客服',
  ABNORMAL: '退款异常，请联系客服',
  FAILED: '退款未成功，商家处理中',
};

export function refundProgressText(status: AfterSaleRefundStatus): string {
  return REFUND_PROGRESS_TEXT[status];
}
