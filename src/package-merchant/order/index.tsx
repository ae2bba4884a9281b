/**
 * One order in the workspace: state, receiver, goods and amounts, payment, logistics, refund, timeline, the
 * merchant's remark, and what staff can do now: ship it (express company + tracking number, which uploads the
 * shipping information to WeChat) or decide a refund (a rejection needs a reason). The server decides who may.
 */
import { useCallback, useEffect, useState } from 'react';
import { Input, Textarea, View, Text } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  EXPRESS_COMPANIES,
  EXPRESS_COMPANY_CODES,
  formatPrice,
  type AddressSnapshot,
  type ExpressCompanyCode,
  type MerchantOrder,
  type Order,
  type PaymentChannel,
} from '@shop/types';
import { errorMessage } from '../../services/error-messages';
import {
  approveRefund,
  correctOrderAddress,
  merchantOrder,
  rejectRefund,
  remarkOrder,
  shipOrder,
} from '../../services/merchant';
import { cleanAddress, validateAddress } from '../../components/address/address-form';
import RegionField from '../../package-user/address-edit/region-field';
import { STATE_TEXT, timeText } from '../components/merchant-text';
import { TRACKING_NO } from '../components/shipping';
import '../components/workspace.css';
import './index.css';

const CHANNEL_TEXT: Record<PaymentChannel, string> = {
  WECHAT_PAY_V3: '微信支付',
  CLOUD_PAY: '微信支付（云支付）',
  SANDBOX: '本地支付沙箱',
};

const TIMELINE_TEXT: Record<Order['state'], string> = {
  TO_PAY: '买家下单',
  PAID: '买家付款',
  SHIPPED: '商家发货',
  RECEIVED: '买家确认收货',
  COMPLETED: '交易完成',
  CANCELLED: '买家取消',
  CLOSED: '超时关闭',
  REFUNDING: '买家申请退款',
  REFUNDED: '退款成功',
};

function Row({ label, value, id }: { label: string; value: string; id?: string }) {
  return (
    <View className="ws-row">
      <Text className="ws-row__label">{label}</Text>
      <Text className="ws-row__value" id={id} userSelect>
        {value}
      </Text>
    </View>
  );
}

function toast(title: string): void {
  void Taro.showToast({ title, icon: 'none' });
}

export default function MerchantOrderPage() {
  const { params } = useRouter();
  const orderId = params.id ?? '';
  const [order, setOrder] = useState<MerchantOrder>();
  const [failure, setFailure] = useState<string>();
  const [busy, setBusy] = useState(false);
  const [remark, setRemark] = useState('');
  const [company, setCompany] = useState<ExpressCompanyCode>();
  const [trackingNo, setTrackingNo] = useState('');
  const [rejecting, setRejecting] = useState(false);
  const [rejectReason, setRejectReason] = useState('');
  /** The receiver being corrected: name, mobile, region (picked from China's divisions) and street address. */
  const [receiver, setReceiver] =
    useState<Pick<AddressSnapshot, 'name' | 'mobile' | 'province' | 'city' | 'district' | 'detail'>>();

  const load = useCallback(async () => {
    const answer = await merchantOrder(orderId);
    if (!answer.ok) {
      setFailure(answer.code);
      return;
    }
    setFailure(undefined);
    setOrder(answer.data);
    setRemark(answer.data.merchantRemark ?? '');
  }, [orderId]);

  useEffect(() => {
    void load();
  }, [load]);

  /** Runs one change; a stale order (someone else acted first) is read again. */
  const act = async (change: () => Promise<{ ok: boolean; code?: string }>, done: string) => {
    if (busy) return;
    setBusy(true);
    const answer = await change();
    setBusy(false);
    if (!answer.ok) {
      toast(errorMessage(answer.code ?? 'INTERNAL'));
      if (answer.code === 'ORDER_STATE_CONFLICT') void load();
      return;
    }
    toast(done);
    await load();
  };

  const ship = () => {
    if (!company) return toast('请选择快递公司');
    const number = trackingNo.trim();
    if (!TRACKING_NO.test(number)) return toast('请填写正确的快递单号');
    void act(() => shipOrder(orderId, company, number), '已发货');
  };

  const reject = () => {
    const reason = rejectReason.trim();
    if (!reason) return toast('请填写拒绝原因');
    void act(() => rejectRefund(orderId, reason), '已拒绝退款').then(() => setRejecting(false));
  };

  const correctAddress = () => {
    if (!order || !receiver) return;
    const corrected = cleanAddress({ ...order.address, ...receiver, isDefault: false });
    const problems = validateAddress(corrected);
    const first = problems.name ?? problems.mobile ?? problems.detail ?? problems.region;
    if (first) return toast(first);
    const { isDefault: _unused, ...address } = corrected;
    void act(() => correctOrderAddress(orderId, address), '地址已修改').then(() => setReceiver(undefined));
  };

  const approve = async () => {
    const { confirm } = await Taro.showModal({
      title: '同意退款',
      content: `将原路退回 ${formatPrice(order?.refund?.amount ?? 0)}，确定同意吗？`,
      confirmColor: '#2f6fed',
    }).catch(() => ({ confirm: false }));
    if (confirm) void act(() => approveRefund(orderId), '已同意退款');
  };

  if (failure && !order)
    return (
      <View className="ws">
        <View className="ws-empty" onClick={() => void load()}>
          {errorMessage(failure)}，点此重试
        </View>
      </View>
    );
  if (!order)
    return (
      <View className="ws">
        <View className="ws-empty">加载中…</View>
      </View>
    );

  const refund = order.refund;
  const shipping = order.logistics?.wechatShipping;
  return (
    <View className="ws ws-order" id="ws-order-detail">
      <View className="ws-order__status">
        <Text className="ws-order__state" id="ws-order-state">
          {STATE_TEXT[order.state]}
        </Text>
        <Text className="ws-order__no">订单号 {order.orderNo}</Text>
      </View>

      <View className="ws-card" id="ws-order-address">
        <View className="ws-card__head">
          <Text className="ws-card__title">收货信息</Text>
          {/* Before shipping only: afterwards the parcel is on its way. */}
          {(order.state === 'TO_PAY' || order.state === 'PAID') && !receiver ? (
            <Text
              className="ws-order__edit"
              id="ws-address-edit"
              onClick={() =>
                setReceiver({
                  name: order.address.name,
                  mobile: order.address.mobile,
                  province: order.address.province,
                  city: order.address.city,
                  district: order.address.district,
                  detail: order.address.detail,
                })
              }
            >
              修改地址
            </Text>
          ) : null}
        </View>
        <Text className="ws-order__receiver" id="ws-order-receiver">
          {order.address.name} {order.address.mobile}
        </Text>
        <Text className="ws-order__address" id="ws-order-address-text" userSelect>
          {order.address.province} {order.address.city} {order.address.district} {order.address.detail}
        </Text>
        {receiver ? (
          <View className="ws-order__address-form" id="ws-address-form">
            <Input
              className="ws-input ws-order__field"
              id="ws-address-name"
              placeholder="收货人"
              maxlength={20}
              value={receiver.name}
              onInput={(event) => setReceiver({ ...receiver, name: event.detail.value })}
            />
            <Input
              className="ws-input ws-order__field"
              id="ws-address-mobile"
              type="number"
              placeholder="手机号"
              maxlength={11}
              value={receiver.mobile}
              onInput={(event) => setReceiver({ ...receiver, mobile: event.detail.value })}
            />
            <View className="ws-order__region">
              <Text className="ws-muted">所在地区</Text>
              <RegionField
                value={{ province: receiver.province, city: receiver.city, district: receiver.district }}
                onChange={(region) => setReceiver({ ...receiver, ...region })}
              />
            </View>
            <Textarea
              className="ws-textarea ws-order__field"
              id="ws-address-detail"
              placeholder="详细地址"
              maxlength={120}
              value={receiver.detail}
              onInput={(event) => setReceiver({ ...receiver, detail: event.detail.value })}
            />
            <View className="ws-actions">
              <View className="ws-button ws-button--plain" onClick={() => setReceiver(undefined)}>
                取消
              </View>
              <View
                className={`ws-button ${busy ? 'ws-button--disabled' : ''}`}
                id="ws-address-save"
                onClick={correctAddress}
              >
                保存地址
              </View>
            </View>
          </View>
        ) : null}
      </View>

      <View className="ws-card">
        <View className="ws-card__head">
          <Text className="ws-card__title">商品</Text>
        </View>
        {order.items.map((item) => (
          <View key={item.skuId} className="ws-order__item">
            <View className="ws-order__item-main">
              <Text className="ws-order__item-title">{item.title}</Text>
              {item.specText ? <Text className="ws-muted">{item.specText}</Text> : null}
            </View>
            <Text className="ws-order__item-side">
              {formatPrice(item.price)} ×{item.quantity}
            </Text>
          </View>
        ))}
        <Row label="商品金额" value={formatPrice(order.amounts.itemsTotal)} />
        <Row label="运费" value={formatPrice(order.amounts.shippingFee)} />
        {order.amounts.discount > 0 ? (
          <Row label="优惠" value={`-${formatPrice(order.amounts.discount)}`} />
        ) : null}
        <Row label="实付" value={formatPrice(order.amounts.payable)} id="ws-order-payable" />
        {order.remark ? <Row label="买家留言" value={order.remark} /> : null}
        {order.cancelReason ? (
          <Row label="取消原因" value={order.cancelReason} id="ws-order-cancel-reason" />
        ) : null}
      </View>

      {order.payment?.transactionId ? (
        <View className="ws-card" id="ws-order-payment">
          <View className="ws-card__head">
            <Text className="ws-card__title">支付</Text>
          </View>
          <Row label="支付方式" value={CHANNEL_TEXT[order.payment.channel]} />
          <Row label="微信支付单号" value={order.payment.transactionId} />
          {order.payment.paidAmount !== undefined ? (
            <Row label="到账金额" value={formatPrice(order.payment.paidAmount)} />
          ) : null}
          {order.paidAt ? <Row label="支付时间" value={timeText(order.paidAt)} /> : null}
        </View>
      ) : null}

      {order.logistics ? (
        <View className="ws-card" id="ws-order-logistics">
          <View className="ws-card__head">
            <Text className="ws-card__title">物流</Text>
            {shipping ? (
              <Text
                className={`ws-tag ${shipping.state === 'ACCEPTED' ? 'ws-tag--green' : 'ws-tag--orange'}`}
              >
                {shipping.state === 'ACCEPTED' ? '发货信息已上传微信' : '发货信息上传中'}
              </Text>
            ) : null}
          </View>
          <Row label="快递公司" value={order.logistics.company} />
          <Row label="快递单号" value={order.logistics.trackingNo} id="ws-order-tracking" />
          {shipping?.lastError ? <Row label="上传失败原因" value={shipping.lastError} /> : null}
        </View>
      ) : null}

      {refund ? (
        <View className="ws-card" id="ws-order-refund">
          <View className="ws-card__head">
            <Text className="ws-card__title">退款</Text>
            <Text className="ws-tag ws-tag--red">
              {order.state === 'REFUNDED'
                ? '已退款'
                : refund.rejectedAt
                  ? '已拒绝'
                  : refund.refundNo
                    ? '微信支付退款中'
                    : '待处理'}
            </Text>
          </View>
          <Row label="退款金额" value={formatPrice(refund.amount)} />
          <Row label="退款原因" value={refund.reason} />
          <Row label="申请时间" value={timeText(refund.requestedAt)} />
          {refund.rejectReason ? <Row label="拒绝原因" value={refund.rejectReason} /> : null}
          {refund.refundedAt ? <Row label="退款时间" value={timeText(refund.refundedAt)} /> : null}
          {refund.problem ? <Row label="微信支付" value="退款未能完成，请到微信支付商户平台处理" /> : null}
          {refund.refundNo ? <Row label="退款单号" value={refund.refundNo} /> : null}
          {order.state === 'REFUNDING' && rejecting ? (
            <View className="ws-order__reject">
              <Textarea
                className="ws-textarea"
                id="ws-reject-reason"
                placeholder="请填写拒绝原因（买家可见）"
                maxlength={100}
                value={rejectReason}
                onInput={(event) => setRejectReason(event.detail.value)}
              />
              <View className="ws-actions">
                <View className="ws-button ws-button--plain" onClick={() => setRejecting(false)}>
                  取消
                </View>
                <View className="ws-button ws-button--danger" id="ws-reject-confirm" onClick={reject}>
                  确认拒绝
                </View>
              </View>
            </View>
          ) : null}
        </View>
      ) : null}

      {order.state === 'PAID' ? (
        <View className="ws-card" id="ws-ship-form">
          <View className="ws-card__head">
            <Text className="ws-card__title">发货</Text>
            <Text className="ws-muted">发货信息将同步到微信</Text>
          </View>
          <View className="ws-order__companies">
            {EXPRESS_COMPANY_CODES.map((code) => (
              <View
                key={code}
                id={`ws-express-${code}`}
                className={`ws-order__company ${code === company ? 'ws-order__company--chosen' : ''}`}
                onClick={() => setCompany(code)}
              >
                {EXPRESS_COMPANIES[code]}
              </View>
            ))}
          </View>
          <Input
            className="ws-input"
            id="ws-tracking-no"
            placeholder="快递单号"
            maxlength={40}
            value={trackingNo}
            onInput={(event) => setTrackingNo(event.detail.value)}
          />
        </View>
      ) : null}

      <View className="ws-card" id="ws-order-remark">
        <View className="ws-card__head">
          <Text className="ws-card__title">商家备注</Text>
          <Text className="ws-muted">买家不可见</Text>
        </View>
        <Textarea
          className="ws-textarea"
          id="ws-remark-input"
          placeholder="给这笔订单记一笔"
          maxlength={200}
          value={remark}
          onInput={(event) => setRemark(event.detail.value)}
        />
        <View className="ws-actions">
          <View
            className="ws-button ws-button--plain"
            id="ws-remark-save"
            onClick={() => void act(() => remarkOrder(orderId, remark.trim()), '备注已保存')}
          >
            保存备注
          </View>
        </View>
      </View>

      <View className="ws-card">
        <View className="ws-card__head">
          <Text className="ws-card__title">订单记录</Text>
        </View>
        {[...order.timeline]
          .sort((a, b) => b.at - a.at)
          .map((entry) => (
            <View key={`${entry.state}-${entry.at}`} className="ws-row">
              <Text className="ws-row__label">{TIMELINE_TEXT[entry.state]}</Text>
              <Text className="ws-row__value ws-muted">
                {timeText(entry.at)}
                {entry.note ? ` · ${entry.note}` : ''}
              </Text>
            </View>
          ))}
      </View>

      {order.state === 'PAID' ? (
        <View className="ws-bar">
          <View className={`ws-button ${busy ? 'ws-button--disabled' : ''}`} id="ws-ship" onClick={ship}>
            确认发货
          </View>
        </View>
      ) : null}
      {order.state === 'REFUNDING' && !refund?.problem && !refund?.refundNo && !rejecting ? (
        <View className="ws-bar">
          <View
            className="ws-button ws-button--danger"
            id="ws-refund-reject"
            onClick={() => setRejecting(true)}
          >
            拒绝退款
          </View>
          <View
            className={`ws-button ${busy ? 'ws-button--disabled' : ''}`}
            id="ws-refund-approve"
            onClick={() => void approve()}
          >
            同意退款
          </View>
        </View>
      ) : null}
    </View>
  );
}
