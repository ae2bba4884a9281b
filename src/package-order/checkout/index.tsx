/**
 * 确认订单: the address, the items, 商品金额 / 运费 / 优惠券 / 实付款 as the server quoted them, a remark and
 * 提交订单, which opens the payment at once, as WeChat shops do; the coupon sheet offers 去领券 (claimed in place,
 * then applied). Paid, the page becomes 支付成功; otherwise the order's detail. Opened from the cart (?from=cart) or from 立即购买 (?productId=&skuId=&quantity=).
 */
import { useEffect, useMemo, useRef, useState } from 'react';
import { View, Text, Input } from '@tarojs/components';
import Taro, { useDidShow, useRouter } from '@tarojs/taro';
import { formatPrice, type CheckoutQuoteView, type OrderCouponOffer } from '@shop/types';
import EmptyState from '../../components/empty-state';
import ShippingHint from '../../components/cart/shipping-hint';
import ErrorState from '../../components/status/error-state';
import Skeleton from '../../components/status/skeleton';
import AddressCard from '../../components/address/address-card';
import { addressBookUrl, takeChosenAddress } from '../../components/address/address-choice';
import CouponSheet from '../../components/coupon/coupon-sheet';
import AmountRow from '../../components/order/amount-row';
import OrderItemRow from '../../components/order/order-item-row';
import { blockingText, itemCount, lineProblemText } from '../../components/order/order-text';
import { useCheckout, type CheckoutSource } from '../../components/order/use-checkout';
import { handOverPaymentResult } from '../../components/order/pay-and-tell';
import { orderDetailUrl } from '../../components/order/use-order-actions';
import { buyNowItem } from '../../services/checkout';
import { claimCoupon, fetchOrderCouponOffers } from '../../services/coupon';
import { errorMessage } from '../../services/error-messages';
import { payForOrder } from '../../services/payment';
import './index.css';

function couponRow(quote: CheckoutQuoteView): { text: string; accent: boolean } {
  const usable = quote.coupons.filter((c) => c.usable).length;
  if (quote.couponId) return { text: formatPrice(-quote.discount), accent: true };
  if (usable > 0) return { text: `${usable} 张可用`, accent: true };
  return { text: quote.coupons.length > 0 ? '暂无可用' : '暂无优惠券', accent: false };
}

export default function CheckoutPage() {
  const { params } = useRouter();
  const source = useMemo<CheckoutSource | undefined>(() => {
    if (params.from === 'cart') return { kind: 'cart' };
    const item = buyNowItem(params);
    return item ? { kind: 'buyNow', item } : undefined;
  }, [params]);
  const checkout = useCheckout(source ?? { kind: 'cart' });
  const { start, requote, chooseAddress } = checkout;
  const [remark, setRemark] = useState('');
  const [sheetOpen, setSheetOpen] = useState(false);
  const [offers, setOffers] = useState<OrderCouponOffer[] | undefined>(undefined);
  const [claiming, setClaiming] = useState<string | undefined>(undefined);
  const [paying, setPaying] = useState(false);
  const shownOnce = useRef(false);

  useEffect(() => {
    if (source) void start();
  }, [source, start]);

  // Back from the address book: take the chosen address, or quote again (an address may have been added or edited).
  useDidShow(() => {
    const picked = takeChosenAddress();
    if (picked) chooseAddress(picked._id);
    else if (shownOnce.current && checkout.state.phase === 'ready') void requote();
    shownOnce.current = true;
  });

  if (!source || checkout.state.phase === 'empty') {
    return (
      <View className="checkout">
        <EmptyState
          icon="cart"
          title="没有要结算的商品"
          hint="请先在购物车中选择商品"
          actionText="去购物车"
          onAction={() => Taro.switchTab({ url: '/pages/cart/index' })}
        />
      </View>
    );
  }
  if (checkout.state.phase === 'loading') {
    return (
      <View className="checkout">
        <Skeleton kind="list" />
      </View>
    );
  }
  if (checkout.state.phase === 'error') {
    return (
      <View className="checkout">
        <ErrorState code={checkout.state.code} onRetry={() => void start()} />
      </View>
    );
  }

  const { quote, quoting } = checkout.state;
  const validLines = quote.lines.filter((line) => !line.problem);
  const hasBadLines = validLines.length < quote.lines.length;
  const blocked = blockingText(quote.problems);
  const coupon = couponRow(quote);
  const canSubmit = !blocked && !quoting && !checkout.submitting;
  const unavailableRegion = quote.problems.some((p) => p.code === 'SHIPPING_UNAVAILABLE');

  const openCouponSheet = () => {
    setSheetOpen(true);
    setOffers(undefined);
    const items = validLines.map(({ productId, skuId, quantity }) => ({ productId, skuId, quantity }));
    if (items.length === 0) return;
    void fetchOrderCouponOffers(items).then((answer) => setOffers(answer.ok ? answer.data : []));
  };

  /** 去领券: the claimed coupon is applied at once (the quote judges it like any other). */
  const claimInPlace = async (templateId: string) => {
    setClaiming(templateId);
    const answer = await claimCoupon(templateId);
    setClaiming(undefined);
    if (!answer.ok) {
      void Taro.showToast({ title: errorMessage(answer.code), icon: 'none' });
      return;
    }
    void Taro.showToast({ title: '领取成功，已为你使用', icon: 'none' });
    setSheetOpen(false);
    checkout.chooseCoupon(answer.data._id);
  };

  const submit = async () => {
    const order = await checkout.submit(remark);
    if (!order) return;
    // The button stays off from here on (submitting holds): the order exists, only paying is left.
    setPaying(true);
    const result = await payForOrder(order._id);
    // Paid: 支付成功 (查看订单 / 继续逛); anything else: the order, which says what became of the payment.
    if (result.outcome === 'PAID') {
      void Taro.redirectTo({ url: `/package-order/paid/index?id=${encodeURIComponent(order._id)}` });
      return;
    }
    handOverPaymentResult(order._id, result);
    const confirmingPayment = result.outcome === 'PENDING';
    void Taro.redirectTo({ url: orderDetailUrl(order._id, { confirmingPayment }) });
  };

  return (
    <View className="checkout">
      <AddressCard
        address={quote.address}
        onClick={() => Taro.navigateTo({ url: addressBookUrl('choose', quote.address?._id) })}
      />
      {unavailableRegion ? (
        <View className="checkout__notice" id="checkout-notice-region">
          <Text>该地区暂不支持配送，请更换收货地址</Text>
        </View>
      ) : null}
      {hasBadLines ? (
        <View className="checkout__notice" id="checkout-notice-lines">
          <Text className="checkout__notice-text">部分商品暂时无法购买</Text>
          <Text
            className="checkout__notice-action"
            id="checkout-drop-lines"
            onClick={checkout.dropProblemLines}
          >
            移除并继续
          </Text>
        </View>
      ) : null}

      <View className="card checkout__items" id="checkout-lines">
        {quote.lines.map((line) => (
          <OrderItemRow key={line.skuId} item={line} problem={lineProblemText(line)} />
        ))}
      </View>

      <View className="card checkout__amounts">
        <AmountRow id="checkout-items-total" label="商品金额" value={formatPrice(quote.itemsTotal)} />
        <AmountRow
          id="checkout-shipping"
          label="运费"
          value={quote.shippingFee === 0 ? '免运费' : formatPrice(quote.shippingFee)}
        />
        <ShippingHint id="checkout-shipping-hint" rule={quote.shipping} subtotal={quote.itemsTotal} />
        <AmountRow
          id="checkout-coupon"
          label="优惠券"
          value={coupon.text}
          accent={coupon.accent}
          muted={!coupon.accent}
          onClick={openCouponSheet}
        />
        <View className="checkout__remark">
          <Text className="checkout__remark-label">订单备注</Text>
          <Input
            id="checkout-remark"
            className="checkout__remark-input"
            placeholderClass="checkout__placeholder"
            placeholder="选填，请先和商家协商一致"
            maxlength={100}
            value={remark}
            onInput={(event) => setRemark(event.detail.value)}
          />
        </View>
        <View className="checkout__subtotal">
          <Text className="checkout__subtotal-label">共 {itemCount(validLines)} 件 小计</Text>
          <Text className="checkout__subtotal-value">{formatPrice(quote.payable)}</Text>
        </View>
      </View>

      <View className="checkout__bar">
        <View className="checkout__total">
          <Text className="checkout__total-label">实付款</Text>
          <Text className="checkout__total-value" id="checkout-payable">
            {formatPrice(quote.payable)}
          </Text>
        </View>
        <View
          id="checkout-submit"
          className={`button-primary checkout__submit ${canSubmit ? '' : 'checkout__submit--off'}`}
          onClick={() => void submit()}
        >
          {paying ? '支付中…' : checkout.submitting ? '提交中…' : '提交订单'}
        </View>
      </View>

      {sheetOpen ? (
        <CouponSheet
          choices={quote.coupons}
          appliedId={quote.couponId}
          offers={offers}
          claiming={claiming}
          onClaim={(templateId) => void claimInPlace(templateId)}
          onClose={() => setSheetOpen(false)}
          onChoose={(couponId) => {
            setSheetOpen(false);
            checkout.chooseCoupon(couponId);
          }}
        />
      ) : null}
    </View>
  );
}
