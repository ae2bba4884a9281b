/**
 * 售后申请 in the workspace's queue: requests after receipt, newest first, with the item, units, amount, the
 * buyer's reason, note and photos; 同意 (a return then waits for the parcel, a refund only refunds at once),
 * 拒绝 with a reason the buyer reads, 确认收货 of returned goods (their stock comes back and the refund is sent),
 * and the refund's progress at WeChat Pay. Service staff see the queue; the server refuses them the decisions.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { Image, View, Text } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { AFTER_SALE_STATE_TEXT, AFTER_SALE_TYPE_TEXT, formatPrice, type AfterSaleView } from '@shop/types';
import {
  approveAfterSale,
  confirmReturnedGoods,
  merchantAfterSales,
  rejectAfterSale,
} from '../../services/after-sales';
import { errorMessage } from '../../services/error-messages';
import { imageUrl } from '../../services/image-url';
import { timeText } from '../components/merchant-text';
import RejectSheet from './reject-sheet';

const REFUND_TEXT: Record<string, string> = {
  PENDING: '退款提交中',
  PROCESSING: '微信支付退款中',
  SUCCESS: '已退款',
  CLOSED: '退款关闭，请到商户平台处理',
  ABNORMAL: '退款异常，请到商户平台处理',
  FAILED: '微信支付未受理，可重新同意',
};

function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none' });
}

export default function AfterSaleQueue() {
  const [requests, setRequests] = useState<AfterSaleView[]>();
  const [busyId, setBusyId] = useState<string>();
  const [rejecting, setRejecting] = useState<AfterSaleView>();
  const [reason, setReason] = useState('');
  const shownOnce = useRef(false);

  const load = useCallback(async () => {
    const answer = await merchantAfterSales(undefined, 1);
    if (answer.ok) setRequests(answer.data.items);
    else toast(errorMessage(answer.code));
  }, []);

  useEffect(() => {
    void load();
  }, [load]);
  useDidShow(() => {
    if (shownOnce.current) void load();
    shownOnce.current = true;
  });
  usePullDownRefresh(() => {
    void load();
  });

  const decide = async (
    request: AfterSaleView,
    change: () => ReturnType<typeof approveAfterSale>,
    done: string,
  ) => {
    if (busyId) return;
    setBusyId(request._id);
    const answer = await change();
    setBusyId(undefined);
    toast(answer.ok ? done : errorMessage(answer.code));
    await load();
  };

  const confirm = async (title: string, content: string) =>
    (await Taro.showModal({ title, content, confirmColor: '#2f6fed' }).catch(() => ({ confirm: false })))
      .confirm;

  const approve = async (request: AfterSaleView) => {
    const content =
      request.type === 'RETURN_REFUND'
        ? '同意后买家将看到退货地址并寄回商品，收到退货后再退款。确定同意吗？'
        : `将原路退回 ${formatPrice(request.amount)}，确定同意吗？`;
    if (await confirm('同意售后', content))
      await decide(request, () => approveAfterSale(request._id), '已同意');
  };

  const receive = async (request: AfterSaleView) => {
    if (await confirm('确认收到退货', `确认后库存退回，并原路退回 ${formatPrice(request.amount)}`))
      await decide(request, () => confirmReturnedGoods(request._id), '已确认收货并退款');
  };

  const reject = async () => {
    if (!rejecting) return;
    const text = reason.trim();
    if (!text) return toast('请填写拒绝原因');
    const request = rejecting;
    setRejecting(undefined);
    setReason('');
    await decide(request, () => rejectAfterSale(request._id, text), '已拒绝');
  };

  if (!requests || requests.length === 0) return null;
  return (
    <View id="ws-after-sales">
      <Text className="ws-card__title ws-after-sales__title">售后申请（收货后）</Text>
      {requests.map((request) => {
        const busy = busyId === request._id ? 'ws-button--disabled' : '';
        const canReject = ['REQUESTED', 'APPROVED', 'RETURNED'].includes(request.state);
        return (
          <View key={request._id} className="ws-card" id={`ws-as-${request._id}`}>
            <View
              className="ws-card__head"
              onClick={() => Taro.navigateTo({ url: `/package-merchant/order/index?id=${request.orderId}` })}
            >
              <Text className="ws-refunds__no">{request.orderNo}</Text>
              <Text className="ws-tag ws-tag--orange" id={`ws-as-state-${request._id}`}>
                {AFTER_SALE_STATE_TEXT[request.state].text}
              </Text>
            </View>
            <View className="ws-after-sales__item">
              <Image className="ws-after-sales__image" src={imageUrl(request.image)} mode="aspectFill" />
              <Text className="ws-row__value">
                {request.title} {request.specText} ×{request.quantity}
              </Text>
            </View>
            <View className="ws-row">
              <Text className="ws-row__label">{AFTER_SALE_TYPE_TEXT[request.type]}</Text>
              <Text className="ws-row__value ws-refunds__amount">{formatPrice(request.amount)}</Text>
            </View>
            <View className="ws-row">
              <Text className="ws-row__label">买家原因</Text>
              <Text className="ws-row__value">
                {request.reason}
                {request.note ? `：${request.note}` : ''}
              </Text>
            </View>
            {request.photos.length > 0 ? (
              <View className="ws-after-sales__photos">
                {request.photos.map((photo) => (
                  <Image
                    key={photo}
                    className="ws-after-sales__photo"
                    src={imageUrl(photo)}
                    mode="aspectFill"
                  />
                ))}
              </View>
            ) : null}
            {request.returnShipment ? (
              <View className="ws-row">
                <Text className="ws-row__label">退货物流</Text>
                <Text className="ws-row__value" id={`ws-as-tracking-${request._id}`}>
                  {request.returnShipment.company} {request.returnShipment.trackingNo}
                </Text>
              </View>
            ) : null}
            {request.refund ? (
              <View className="ws-row">
                <Text className="ws-row__label">退款进度</Text>
                <Text className="ws-row__value">{REFUND_TEXT[request.refund.status]}</Text>
              </View>
            ) : null}
            {request.rejectReason ? (
              <View className="ws-row">
                <Text className="ws-row__label">拒绝原因</Text>
                <Text className="ws-row__value">{request.rejectReason}</Text>
              </View>
            ) : null}
            <View className="ws-row">
              <Text className="ws-row__label">申请时间</Text>
              <Text className="ws-row__value ws-muted">{timeText(request.createdAt)}</Text>
            </View>
            <View className="ws-actions">
              {canReject ? (
                <View
                  className="ws-button ws-button--danger"
                  id={`ws-as-reject-${request._id}`}
                  onClick={() => setRejecting(request)}
                >
                  拒绝
                </View>
              ) : null}
              {request.state === 'REQUESTED' ||
              (request.state === 'REFUNDING' && request.refund?.status === 'FAILED') ? (
                <View
                  className={`ws-button ${busy}`}
                  id={`ws-as-approve-${request._id}`}
                  onClick={() => void approve(request)}
                >
                  同意
                </View>
              ) : null}
              {request.state === 'RETURNED' ? (
                <View
                  className={`ws-button ${busy}`}
                  id={`ws-as-receive-${request._id}`}
                  onClick={() => void receive(request)}
                >
                  确认收货并退款
                </View>
              ) : null}
            </View>
          </View>
        );
      })}
      {rejecting ? (
        <RejectSheet
          title={`拒绝售后 · ${rejecting.title}`}
          idPrefix="ws-as"
          reason={reason}
          onReason={setReason}
          onCancel={() => setRejecting(undefined)}
          onConfirm={() => void reject()}
        />
      ) : null}
    </View>
  );
}
