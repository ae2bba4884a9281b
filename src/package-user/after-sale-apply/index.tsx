/**
 * 申请售后 (?orderId=&line=): one item of a received order — how many units, 退货退款 or 仅退款, a reason from
 * the list, a note and up to five photos uploaded to cloud storage. The amount is the server's (afterSale.quote),
 * shown as the quantity changes; the request is sent with no amount at all.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import { View, Text, Textarea, Image } from '@tarojs/components';
import Taro, { useRouter } from '@tarojs/taro';
import {
  AFTER_SALE_MAX_PHOTOS,
  AFTER_SALE_REASONS,
  AFTER_SALE_TYPE_TEXT,
  AFTER_SALE_TYPES,
  formatPrice,
  type AfterSaleReason,
  type AfterSaleType,
  type Order,
} from '@shop/types';
import CheckCircle from '../../components/check-circle';
import { toast } from '../../components/common/confirm';
import EmptyState from '../../components/empty-state';
import OrderItemRow from '../../components/order/order-item-row';
import QuantityStepper from '../../components/quantity-stepper';
import ErrorState from '../../components/status/error-state';
import Skeleton from '../../components/status/skeleton';
import { createAfterSale, quoteAfterSale } from '../../services/after-sales';
import { errorMessage } from '../../services/error-messages';
import { imageUrl } from '../../services/image-url';
import { fetchOrder } from '../../services/order';
import { uploadToCloud } from '../../services/storage';
import './index.css';

const NOTE_MAX = 200;

type PageState =
  | { status: 'loading' }
  | { status: 'error'; code: string }
  | { status: 'ready'; order: Order; maxQuantity: number };

export default function AfterSaleApplyPage() {
  const { params } = useRouter();
  const orderId = params.orderId ?? '';
  const lineIndex = Number(params.line ?? '0');
  const [state, setState] = useState<PageState>({ status: 'loading' });
  const [quantity, setQuantity] = useState(1);
  const [amount, setAmount] = useState<number>();
  const [type, setType] = useState<AfterSaleType>('RETURN_REFUND');
  const [reason, setReason] = useState<AfterSaleReason>();
  const [note, setNote] = useState('');
  const [photos, setPhotos] = useState<string[]>([]);
  const [busy, setBusy] = useState(false);
  const quoteTicket = useRef(0);

  const quote = useCallback(
    async (units: number) => {
      const mine = ++quoteTicket.current;
      const answer = await quoteAfterSale(orderId, lineIndex, units);
      if (mine !== quoteTicket.current) return undefined;
      if (answer.ok) setAmount(answer.data.amount);
      return answer;
    },
    [orderId, lineIndex],
  );

  const load = useCallback(async () => {
    setState({ status: 'loading' });
    const [order, quoted] = await Promise.all([fetchOrder(orderId), quote(1)]);
    if (!order.ok) return setState({ status: 'error', code: order.code });
    if (!quoted) return;
    if (!quoted.ok) return setState({ status: 'error', code: quoted.code });
    if (quoted.data.maxQuantity < 1 || quoted.data.openId)
      return setState({ status: 'error', code: 'AFTER_SALE_UNAVAILABLE' });
    setQuantity(1);
    setState({ status: 'ready', order: order.data, maxQuantity: quoted.data.maxQuantity });
  }, [orderId, quote]);

  useEffect(() => {
    void load();
  }, [load]);

  const changeQuantity = (units: number) => {
    setQuantity(units);
    void quote(units);
  };

  const addPhotos = async () => {
    const room = AFTER_SALE_MAX_PHOTOS - photos.length;
    if (room <= 0) return toast(`最多上传 ${AFTER_SALE_MAX_PHOTOS} 张照片`);
    const chosen = await Taro.chooseMedia({
      count: room,
      mediaType: ['image'],
      sizeType: ['compressed'],
    }).catch(() => undefined);
    if (!chosen) return;
    setBusy(true);
    const uploaded: string[] = [];
    for (const [index, file] of chosen.tempFiles.entries()) {
      const extension = /\.(png|jpe?g|webp|gif)$/i.exec(file.tempFilePath)?.[1]?.toLowerCase() ?? 'jpg';
      const answer = await uploadToCloud(
        file.tempFilePath,
        `after-sales/${orderId}/${Date.now()}-${index}.${extension}`,
      );
      if (answer.ok) uploaded.push(answer.fileID);
      else toast('照片上传失败，请重试');
    }
    setBusy(false);
    setPhotos((current) => [...current, ...uploaded].slice(0, AFTER_SALE_MAX_PHOTOS));
  };

  const submit = async () => {
    if (busy) return;
    if (!reason) return toast('请选择申请原因');
    if (reason === '其他' && !note.trim()) return toast('请填写问题描述');
    setBusy(true);
    const answer = await createAfterSale({
      orderId,
      lineIndex,
      quantity,
      type,
      reason,
      note: note.trim(),
      photos,
    });
    setBusy(false);
    if (!answer.ok) return toast(errorMessage(answer.code));
    toast('申请已提交');
    void Taro.redirectTo({ url: `/package-user/after-sale/index?id=${answer.data._id}` });
  };

  if (state.status === 'loading') return <Skeleton kind="list" />;
  if (state.status === 'error') {
    if (state.code === 'AFTER_SALE_UNAVAILABLE' || state.code === 'AFTER_SALE_WINDOW_CLOSED')
      return (
        <EmptyState icon="service" title={errorMessage(state.code)} hint="可在 我的 → 售后 查看已有的申请" />
      );
    return <ErrorState code={state.code} onRetry={() => void load()} />;
  }
  const item = state.order.items[lineIndex];
  if (!item) return <EmptyState icon="service" title="商品不存在" hint="请返回订单详情" />;

  return (
    <View className="as-apply">
      <View className="card">
        <OrderItemRow item={item} />
        <View className="as-apply__row">
          <Text className="as-apply__label">申请数量</Text>
          <QuantityStepper
            id="as-quantity"
            value={quantity}
            max={state.maxQuantity}
            onChange={changeQuantity}
            onLimit={(bound) => toast(bound === 'max' ? `最多可申请 ${state.maxQuantity} 件` : '至少 1 件')}
          />
        </View>
        <View className="as-apply__row">
          <Text className="as-apply__label">退款金额</Text>
          <Text className="as-apply__amount" id="as-amount">
            {amount === undefined ? '计算中…' : formatPrice(amount)}
          </Text>
        </View>
        <Text className="as-apply__tip">按实付金额计算（含优惠分摊，不含运费），原路退回</Text>
      </View>

      <Text className="as-apply__group">售后类型</Text>
      <View className="as-apply__choices">
        {AFTER_SALE_TYPES.map((choice) => (
          <View
            key={choice}
            id={`as-type-${choice}`}
            className={`as-apply__chip ${choice === type ? 'as-apply__chip--on' : ''}`}
            onClick={() => setType(choice)}
          >
            {AFTER_SALE_TYPE_TEXT[choice]}
          </View>
        ))}
      </View>

      <Text className="as-apply__group">申请原因</Text>
      <View className="as-apply__reasons">
        {AFTER_SALE_REASONS.map((choice, index) => (
          <View
            key={choice}
            id={`as-reason-${index}`}
            className="as-apply__reason"
            onClick={() => setReason(choice)}
          >
            <Text>{choice}</Text>
            <CheckCircle checked={choice === reason} />
          </View>
        ))}
      </View>

      <Text className="as-apply__group">问题描述{reason === '其他' ? '' : '（选填）'}</Text>
      <View className="as-apply__note">
        <View className="as-apply__note-box">
          <Textarea
            id="as-note"
            className="as-apply__textarea"
            placeholderClass="as-apply__placeholder"
            placeholder={`请描述遇到的问题，最多 ${NOTE_MAX} 字`}
            maxlength={NOTE_MAX}
            value={note}
            onInput={(event) => setNote(event.detail.value)}
          />
        </View>
        <View className="as-apply__photos">
          {photos.map((photo) => (
            <Image key={photo} className="as-apply__photo" src={imageUrl(photo)} mode="aspectFill" />
          ))}
          {photos.length < AFTER_SALE_MAX_PHOTOS ? (
            <View
              className="as-apply__photo as-apply__photo--add"
              id="as-add-photo"
              onClick={() => void addPhotos()}
            >
              <Text>+ 上传凭证</Text>
              <Text className="as-apply__photo-count">
                {photos.length}/{AFTER_SALE_MAX_PHOTOS}
              </Text>
            </View>
          ) : null}
        </View>
      </View>

      <View className="as-apply__bar">
        <View
          id="as-submit"
          className={`button-primary as-apply__submit ${busy || !reason ? 'as-apply__submit--off' : ''}`}
          onClick={() => void submit()}
        >
          {busy ? '提交中…' : '提交申请'}
        </View>
      </View>
    </View>
  );
}
