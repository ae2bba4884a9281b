/** cloudPay's queryRefund answers, in the list shape cloudPay uses and the indexed shape of WeChat Pay v2. */
import { readCloudPayRefundProgress } from '../../../cloudfunctions/common/payments/cloudpay-refund-answer';

describe('readCloudPayRefundProgress', () => {
  it('reads the list shape cloudPay answers', () => {
    const answer = {
      refundCount: 2,
      outRefundNoList: ['RF-OTHER', 'RF-1'],
      refundIdList: ['5000-a', '5000-b'],
      refundFeeList: [100, '250'],
      refundStatusList: ['PROCESSING', 'SUCCESS'],
      refundSuccessTimeList: ['', '2026-11-22 10:00:00'],
    };
    expect(readCloudPayRefundProgress(answer, 'RF-1')).toEqual({
      status: 'SUCCESS',
      outRefundNo: 'RF-1',
      refundId: '5000-b',
      refundFen: 250,
      succeededAt: Date.parse('2026-11-22T02:00:00Z'),
    });
  });

  it('reads the indexed shape of WeChat Pay v2', () => {
    const answer = {
      refundCount: 1,
      outRefundNo_0: 'RF-1',
      refundId_0: '5000-b',
      refundFee_0: 250,
      refundStatus_0: 'REFUNDCLOSE',
    };
    expect(readCloudPayRefundProgress(answer, 'RF-1')).toMatchObject({ status: 'CLOSED', refundFen: 250 });
  });

  it('takes empty lists for a refund still processing, not for a failure', () => {
    const answer = { refundCount: 0, outRefundNoList: [], refundStatusList: [], refundFeeList: [] };
    expect(readCloudPayRefundProgress(answer, 'RF-1')).toEqual({ status: 'PROCESSING', outRefundNo: 'RF-1' });
    expect(readCloudPayRefundProgress({}, 'RF-1')).toEqual({ status: 'PROCESSING', outRefundNo: 'RF-1' });
  });

  it('reports an ABNORMAL refund as such, and an unknown status as unreadable', () => {
    const abnormal = { outRefundNoList: ['RF-1'], refundStatusList: ['CHANGE'] };
    expect(readCloudPayRefundProgress(abnormal, 'RF-1')).toMatchObject({ status: 'ABNORMAL' });
    const unknown = { outRefundNoList: ['RF-1'], refundStatusList: ['SOMETHING'] };
    expect(readCloudPayRefundProgress(unknown, 'RF-1')).toBeUndefined();
  });
});
