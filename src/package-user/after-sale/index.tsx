/**
 * 售后详情 (?id=): one after-sales request — its state and what happens next, the item and amount, the return
 * address once a return is approved with the entry of the return parcel (express company + number), the
 * refund's progress at WeChat Pay, the request's history, and 撤销申请 until the refund starts.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { View, Text, Input, Image } from '@tarojs/components';
import Taro, { useDidShow, usePullDownRefresh, useRouter } from '@tarojs/taro';
import {
  AFTER_SALE_STATE_TEXT,
  AFTER_SALE_TYPE_TEXT,
  EXPRESS_COMPANIES,
  EXPRESS_COMPANY_CODES,
  formatPrice,
  type AfterSaleView,
  type ExpressCompanyCode,
} from '@shop/types';
import { confirmAction, toast } from '../../components/common/confirm';
import EmptyState from '../../components/empty-state';
import { timeText } from '../../components/order/order-text';
import ErrorState from '../../components/status/error-state';
import Skeleton from '../../components/status/skeleton';
import { fetchAfterSale, shipBackAfterSale, withdrawAfterSale } from '../../services/after-sales';
import { errorMessage } from '../../services/error-messages';
import { imageUrl } from '../../services/image-url';
import { refundProgressText } from './after-sale-text';
import './index.css';

type PageState =
  { status: 'loading' } | { status: 'error'; code: string } | { status: 'ready'; request: AfterSaleView };

const WITHDRAWABLE = ['REQUESTED', 'APPROVED', 'RETURNED'];

export default function AfterSalePage() {
  const { params } = useRouter();
  const id = params.id ?? '';
  const [state, setState] = useState<PageState>({ status: 'loading' });
  const [company, setCompany] = useState<ExpressCompanyCode>();
  const [trackingNo, setTrackingNo] = useState('');
  const [busy, setBusy] = useState(false);
  const shownOnce = useRef(false);

  const load = useCallback(
    async (quiet: boolean) => {
      if (!quiet) setState({ status: 'loading' });
      const answer = await fetchAfterSale(id);
      if (answer.ok) setState({ status: 'ready', request: answer.data });
      else if (!quiet) setState({ status: 'error', code: answer.code });
    },
    [id],
  );

  useEffect(() => {
    if (id) void load(false);
  }, [id, load]);
  useDidShow(() => {
    if (shownOnce.current && id) void load(true);
    shownOnce.current = true;
  });
  usePullDownRefresh(() => {
    void load(true).finally(() => Taro.stopPullDownRefresh());
  });

  const change = async (run: () => ReturnType<typeof withdrawAfterSale>, done: string) => {
    if (busy) return;
    setBusy(true);
    const answer = await run();
    setBusy(false);
    if (!answer.ok) {
      toast(errorMessage(answer.code));
      return void load(true);
    }
    toast(done);
    setState({ status: 'ready', request: answer.data });
  };

  const shipBack = () => {
    if (!company) return toast('请选择快递公司');
    const number = trackingNo.trim();
    if (!/^[0-9A-Za-z-]{4,40}$/.test(number)) return toast('请填写正确的快递单号');
    void change(() => shipBackAfterSale(id, company, number), '已提交退货物流');
  };

  const withdraw = async () => {
    if (await confirmAction('撤销后本次售后申请将关闭，确定撤销吗？', '撤销申请'))
      void change(() => withdrawAfterSale(id), '已撤销申请');
  };

  if (!id || (state.status === 'error' && state.code === 'AFTER_SALE_NOT_FOUND'))
    return <EmptyState icon="service" title="售后申请不存在" hint="请在 我的 → 售后 查看" />;
  if (state.status === 'loading') return <Skeleton kind="list" />;
  if (state.status === 'error') return <ErrorState code={state.code} onRetry={() => void load(false)} />;

  const { request } = state;
  const display = AFTER_SALE_STATE_TEXT[request.state];
  return (
    <View className={`as-detail ${WITHDRAWABLE.includes(request.state) ? 'as-detail--with-bar' : ''}`}>
      <View className="as-detail__head">
        <Text className="as-detail__state" id="as-state">
          {display.text}
        </Text>
        <Text className="as-detail__hint">
          {request.state === 'REJECTED' && request.rejectReason
            ? `拒绝原因：${request.rejectReason}`
            : display.hint}
        </Text>
      </View>

      {request.state === 'APPROVED' || request.state === 'RETURNED' ? (
        <View className="card" id="as-return-address">
          <Text className="as-detail__title">退货地址</Text>
          {request.returnAddress ? (
            <>
              <Text className="as-detail__line">
                {request.returnAddress.name} {request.returnAddress.mobile}
              </Text>
              <Text className="as-detail__line">{request.returnAddress.address}</Text>
            </>
          ) : (
            <Text className="as-detail__line">请联系客服获取退货地址</Text>
          )}
        </View>
      ) : null}

      {request.state === 'APPROVED' ? (
        <View className="card" id="as-ship-form">
          <Text className="as-detail__title">填写退货物流</Text>
          <View className="as-detail__companies">
            {EXPRESS_COMPANY_CODES.map((code) => (
              <View
                key={code}
                id={`as-company-${code}`}
                className={`as-detail__company ${code === company ? 'as-detail__company--on' : ''}`}
                onClick={() => setCompany(code)}
              >
                {EXPRESS_COMPANIES[code]}
              </View>
            ))}
          </View>
          <Input
            id="as-tracking-no"
            className="as-detail__input"
            placeholder="请输入快递单号"
            maxlength={40}
            value={trackingNo}
            onInput={(event) => setTrackingNo(event.detail.value)}
          />
          <View id="as-ship-submit" className="button-primary as-detail__ship" onClick={shipBack}>
            {busy ? '提交中…' : '提交退货物流'}
          </View>
        </View>
      ) : null}

      {request.returnShipment ? (
        <View className="card" id="as-return-shipment">
          <Text className="as-detail__title">退货物流</Text>
          <Text className="as-detail__line">
            {request.returnShipment.company} {request.returnShipment.trackingNo}
          </Text>
        </View>
      ) : null}

      <View className="card">
        <View className="as-detail__item">
          <Image className="as-detail__image" src={imageUrl(request.image)} mode="aspectFill" />
          <View className="as-detail__item-body">
            <Text className="as-detail__item-title">{request.title}</Text>
            {request.specText ? <Text className="as-detail__muted">{request.specText}</Text> : null}
            <Text className="as-detail__muted">×{request.quantity}</Text>
          </View>
        </View>
        <View className="as-detail__row">
          <Text className="as-detail__muted">退款金额</Text>
          <Text className="as-detail__amount" id="as-amount">
            {formatPrice(request.amount)}
          </Text>
        </View>
        {request.refund ? (
          <View className="as-detail__row">
            <Text className="as-detail__muted">退款进度</Text>
            <Text id="as-refund-progress">{refundProgressText(request.refund.status)}</Text>
          </View>
        ) : null}
        <View className="as-detail__row">
          <Text className="as-detail__muted">售后类型</Text>
          <Text>{AFTER_SALE_TYPE_TEXT[request.type]}</Text>
        </View>
        <View className="as-detail__row">
          <Text className="as-detail__muted">申请原因</Text>
          <Text>{request.reason}</Text>
        </View>
        {request.note ? (
          <View className="as-detail__row">
            <Text className="as-detail__muted">问题描述</Text>
            <Text className="as-detail__note">{request.note}</Text>
          </View>
        ) : null}
        {request.photos.length > 0 ? (
          <View className="as-detail__photos">
            {request.photos.map((photo) => (
              <Image
                key={photo}
                className="as-detail__photo"
                src={imageUrl(photo)}
                mode="aspectFill"
                onClick={() =>
                  void Taro.previewImage({ current: imageUrl(photo), urls: request.photos.map(imageUrl) })
                }
              />
            ))}
          </View>
        ) : null}
        <View className="as-detail__row">
          <Text className="as-detail__muted">订单编号</Text>
          <Text
            className="as-detail__link"
            onClick={() => Taro.navigateTo({ url: `/package-order/detail/index?id=${request.orderId}` })}
          >
            {request.orderNo} ›
          </Text>
        </View>
      </View>

      <View className="card">
        <Text className="as-detail__title">处理进度</Text>
        {[...request.timeline].reverse().map((entry) => (
          <View key={`${entry.state}-${entry.at}`} className="as-detail__event">
            <Text>{entry.note ?? AFTER_SALE_STATE_TEXT[entry.state].text}</Text>
            <Text className="as-detail__muted">{timeText(entry.at)}</Text>
          </View>
        ))}
      </View>

      {WITHDRAWABLE.includes(request.state) ? (
        <View className="as-detail__bar">
          <View id="as-withdraw" className="as-detail__withdraw" onClick={() => void withdraw()}>
            撤销申请
          </View>
        </View>
      ) : null}
    </View>
  );
}
