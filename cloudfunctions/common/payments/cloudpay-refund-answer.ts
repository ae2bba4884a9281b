/**
 * Reading cloudPay's queryRefund answer. cloudPay answers lists (`refundStatusList`, `outRefundNoList`,
 * `refundIdList`, `refundFeeList`, `refundSuccessTimeList`, ...), which stay empty until WeChat Pay reports
 * the refund; WeChat Pay v2 itself answers indexed fields (`refundStatus_0`, `outRefundNo_0`, ...). Both are
 * read, and a refund absent from the answer is still processing, never a failure.
 */
import type { RefundProgress } from './gateway';
import { parseChinaDashedTime, readFen, readV2RefundStatus } from './v2-fields';

type Answer = Readonly<Record<string, unknown>>;

interface RefundEntry {
  outRefundNo: unknown;
  refundId: unknown;
  refundFee: unknown;
  refundStatus: unknown;
  refundSuccessTime: unknown;
}

function listOf(answer: Answer, field: string): readonly unknown[] | undefined {
  const value = answer[`${field}List`];
  return Array.isArray(value) ? value : undefined;
}

/** The answer's refunds, from the list fields when present, else from the indexed ones. */
function entriesOf(answer: Answer): RefundEntry[] {
  const outRefundNos = listOf(answer, 'outRefundNo');
  if (outRefundNos) {
    return outRefundNos.map((outRefundNo, index) => ({
      outRefundNo,
      refundId: listOf(answer, 'refundId')?.[index],
      refundFee: listOf(answer, 'refundFee')?.[index],
      refundStatus: listOf(answer, 'refundStatus')?.[index],
      refundSuccessTime: listOf(answer, 'refundSuccessTime')?.[index],
    }));
  }
  const entries: RefundEntry[] = [];
  for (let index = 0; answer[`outRefundNo_${index}`] !== undefined; index += 1) {
    entries.push({
      outRefundNo: answer[`outRefundNo_${index}`],
      refundId: answer[`refundId_${index}`],
      refundFee: answer[`refundFee_${index}`],
      refundStatus: answer[`refundStatus_${index}`],
      refundSuccessTime: answer[`refundSuccessTime_${index}`],
    });
  }
  return entries;
}

/**
 * The progress of refund `outRefundNo` in a queryRefund answer; undefined when the answer names the refund
 * with a status this code does not know (a bad answer, for the caller to report).
 */
export function readCloudPayRefundProgress(answer: Answer, outRefundNo: string): RefundProgress | undefined {
  const entry = entriesOf(answer).find((candidate) => String(candidate.outRefundNo) === outRefundNo);
  if (!entry) return { status: 'PROCESSING', outRefundNo };
  const status = readV2RefundStatus(entry.refundStatus);
  if (!status) return undefined;
  const progress: RefundProgress = { status, outRefundNo };
  if (typeof entry.refundId === 'string' && entry.refundId !== '') progress.refundId = entry.refundId;
  const refundFen = readFen(entry.refundFee);
  if (refundFen !== undefined) progress.refundFen = refundFen;
  const succeededAt = parseChinaDashedTime(entry.refundSuccessTime);
  if (status === 'SUCCESS' && succeededAt !== undefined) progress.succeededAt = succeededAt;
  return progress;
}
