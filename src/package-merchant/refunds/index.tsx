/**
 * 售后: the after-sales requests after receipt (AfterSaleQueue), then the refund requests waiting for a decision (orders 退款中), oldest concerns first as the server lists
 * them, each with the buyer's reason; 同意 refunds at WeChat Pay, 拒绝 needs a reason the buyer will read.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh } from '@tarojs/taro';
import { formatPrice, type MerchantOrder } from '@shop/types';
import { errorMessage } from '../../services/error-messages';
import { approveRefund, merchantOrders, rejectRefund } from '../../services/merchant';
import { timeText } from '../components/merchant-text';
import '../components/workspace.css';
import RejectSheet from './reject-sheet';
import AfterSaleQueue from './after-sale-queue';
import './index.css';

/** Approved refunds stay 退款中 until WeChat Pay pays them back; they need nothing more from staff. */
function awaitsDecision(order: MerchantOrder): boolean {
  return !order.refund?.refundNo && !order.refund?.problem;
}

function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none' });
}

export default function RefundQueuePage() {
  const [orders, setOrders] = useState<MerchantOrder[]>();
  const [failure, setFailure] = useState<string>();
  const [busyId, setBusyId] = useState<string>();
  const [rejecting, setRejecting] = useState<MerchantOrder>();
  const [reason, setReason] = useState('');
  const shownOnce = useRef(false);

  const load = useCallback(async () => {
    const answer = await merchantOrders('REFUNDING', 1);
    if (!answer.ok) {
      setFailure(answer.code);
      return;
    }
    setFailure(undefined);
    setOrders(answer.data.items);
  }, []);

  useEffect(() => {
    void load();
  }, [load]);
  useDidShow(() => {
    if (shownOnce.current) void load();
    shownOnce.current = true;
  });
  usePullDownRefresh(() => {
    void load().finally(() => Taro.stopPullDownRefresh());
  });

  const decide = async (
    order: MerchantOrder,
    change: () => ReturnType<typeof approveRefund>,
    done: string,
  ) => {
    if (busyId) return;
    setBusyId(order._id);
    const answer = await change();
    setBusyId(undefined);
    toast(answer.ok ? done : errorMessage(answer.code));
    await load();
  };

  const approve = async (order: MerchantOrder) => {
    const { confirm } = await Taro.showModal({
      title: '同意退款',
      content: `将原路退回 ${formatPrice(order.refund?.amount ?? order.amounts.payable)}，确定同意吗？`,
      confirmColor: '#2f6fed',
    }).catch(() => ({ confirm: false }));
    if (confirm) await decide(order, () => approveRefund(order._id), '已同意退款');
  };

  const reject = async () => {
    if (!rejecting) return;
    const text = reason.trim();
    if (!text) return toast('请填写拒绝原因');
    const order = rejecting;
    setRejecting(undefined);
    setReason('');
    await decide(order, () => rejectRefund(order._id, text), '已拒绝退款');
  };

  return (
    <View className="ws ws-refunds">
      <AfterSaleQueue />
      {failure && !orders ? (
        <View className="ws-empty" onClick={() => void load()}>
          {errorMessage(failure)}，点此重试
        </View>
      ) : null}
      {!failure && !orders ? <View className="ws-empty">加载中…</View> : null}
      {orders && !orders.some(awaitsDecision) ? (
        <View className="ws-empty" id="ws-refunds-none">
          没有待处理的退款申请
        </View>
      ) : null}
      {(orders ?? []).map((order) => (
        <View key={order._id} className="ws-card" id={`ws-refund-${order._id}`}>
          <View
            className="ws-card__head"
            onClick={() => Taro.navigateTo({ url: `/package-merchant/order/index?id=${order._id}` })}
          >
            <Text className="ws-refunds__no">{order.orderNo}</Text>
            <Text className="ws-muted">详情 ›</Text>
          </View>
          <View className="ws-row">
            <Text className="ws-row__label">退款金额</Text>
            <Text className="ws-row__value ws-refunds__amount">
              {formatPrice(order.refund?.amount ?? order.amounts.payable)}
            </Text>
          </View>
          <View className="ws-row">
            <Text className="ws-row__label">买家原因</Text>
            <Text className="ws-row__value">{order.refund?.reason ?? ''}</Text>
          </View>
          <View className="ws-row">
            <Text className="ws-row__label">申请时间</Text>
            <Text className="ws-row__value ws-muted">
              {order.refund ? timeText(order.refund.requestedAt) : ''}
              {order.refund?.fromState === 'SHIPPED' ? ' · 已发货' : ' · 未发货'}
            </Text>
          </View>
          {order.refund?.problem ? (
            <Text className="ws-refunds__problem">微信支付退款未完成，请到商户平台处理</Text>
          ) : order.refund?.refundNo ? (
            <View className="ws-actions">
              <Text className="ws-tag ws-tag--green" id={`ws-refund-sent-${order._id}`}>
                已同意 · 微信支付退款中
              </Text>
            </View>
          ) : (
            <View className="ws-actions">
              <View
                className="ws-button ws-button--danger"
                id={`ws-refund-reject-${order._id}`}
                onClick={() => setRejecting(order)}
              >
                拒绝
              </View>
              <View
                className={`ws-button ${busyId === order._id ? 'ws-button--disabled' : ''}`}
                id={`ws-refund-approve-${order._id}`}
                onClick={() => void approve(order)}
              >
                同意退款
              </View>
            </View>
          )}
        </View>
      ))}
      {rejecting ? (
        <RejectSheet
          title={`拒绝退款 · ${rejecting.orderNo}`}
          idPrefix="ws-refund"
          reason={reason}
          onReason={setReason}
          onCancel={() => setRejecting(undefined)}
          onConfirm={() => void reject()}
        />
      ) : null}
    </View>
  );
}
