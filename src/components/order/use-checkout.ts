/**
 * The state of 确认订单: what is being bought, the chosen address and coupon, and the server's quote of it.
 * Every change asks the server for a new quote (the page never prices anything itself); only the answer to the
 * latest question is shown. Submitting sends one request id per page visit, so a retry or a double tap can
 * only ever create one order.
 */
import { useCallback, useRef, useState } from 'react';
import Taro from '@tarojs/taro';
import type { CheckoutItemRequest, CheckoutQuoteView, Order } from '@shop/types';
import { fetchCart } from '../../services/cart';
import { newRequestId, quoteCheckout } from '../../services/checkout';
import { errorMessage } from '../../services/error-messages';
import { createOrder } from '../../services/order';
import { toast } from '../common/confirm';
import { blockingText } from './order-text';

export type CheckoutSource = { kind: 'cart' } | { kind: 'buyNow'; item: CheckoutItemRequest };

interface Selection {
  items: CheckoutItemRequest[];
  /** Undefined: the buyer's default address. */
  addressId?: string;
  /** Undefined: let the server suggest the best coupon; null: the buyer chose none. */
  couponId?: string | null;
}

export type CheckoutState =
  | { phase: 'loading' }
  | { phase: 'empty' }
  | { phase: 'error'; code: string }
  | { phase: 'ready'; quote: CheckoutQuoteView; quoting: boolean };

/** Order refusals that mean the quote on screen is out of date: quote again so the page shows why. */
const STALE_QUOTE_CODES = new Set([
  'PRICE_CHANGED',
  'OUT_OF_STOCK',
  'PRODUCT_OFF_SALE',
  'PRODUCT_NOT_FOUND',
  'SKU_NOT_FOUND',
  'QUANTITY_OUT_OF_RANGE',
  'SHIPPING_UNAVAILABLE',
  'NOTHING_TO_BUY',
  'ADDRESS_REQUIRED',
]);

async function priceChangedNotice(): Promise<void> {
  try {
    await Taro.showModal({
      title: '价格有变动',
      content: '商品价格或优惠有变动，已为你更新实付金额，请确认后重新提交。',
      showCancel: false,
      confirmText: '知道了',
      confirmColor: '#e93b3d',
    });
  } catch {
    toast(errorMessage('PRICE_CHANGED'));
  }
}

export function useCheckout(source: CheckoutSource) {
  const [state, setState] = useState<CheckoutState>({ phase: 'loading' });
  const [submitting, setSubmitting] = useState(false);
  const [requestId] = useState(() => newRequestId());
  const selection = useRef<Selection>({ items: [] });
  const ticket = useRef(0);
  const submittingRef = useRef(false);
  const stateRef = useRef(state);

  const show = useCallback((next: CheckoutState) => {
    stateRef.current = next;
    setState(next);
  }, []);

  /** Quotes the current selection; answers the quote shown afterwards, if any. */
  const requote = useCallback(async (): Promise<CheckoutQuoteView | undefined> => {
    const mine = ++ticket.current;
    const current = stateRef.current;
    if (current.phase === 'ready') show({ ...current, quoting: true });
    else show({ phase: 'loading' });
    // At most one fallback each for a vanished coupon and a vanished address, then a final answer.
    for (let attempt = 0; attempt < 3; attempt += 1) {
      const { items, addressId, couponId } = selection.current;
      const answer = await quoteCheckout({
        items,
        ...(addressId !== undefined && { addressId }),
        ...(couponId !== undefined && { couponId }),
      });
      if (mine !== ticket.current) return undefined;
      if (!answer.ok && answer.code === 'COUPON_UNUSABLE' && typeof couponId === 'string') {
        // The chosen coupon went meanwhile (used by another order): fall back to the server's suggestion.
        toast('所选优惠券已不可用');
        selection.current = { ...selection.current, couponId: undefined };
        continue;
      }
      if (!answer.ok) {
        show({ phase: 'error', code: answer.code });
        return undefined;
      }
      if (addressId !== undefined && !answer.data.address) {
        // The chosen address was deleted in the address book: show the default one instead.
        selection.current = { ...selection.current, addressId: undefined };
        continue;
      }
      show({ phase: 'ready', quote: answer.data, quoting: false });
      return answer.data;
    }
    show({ phase: 'error', code: 'INTERNAL' });
    return undefined;
  }, [show]);

  const start = useCallback(async () => {
    if (source.kind === 'buyNow') {
      selection.current = { ...selection.current, items: [source.item] };
      await requote();
      return;
    }
    show({ phase: 'loading' });
    const cart = await fetchCart();
    if (!cart.ok) {
      show({ phase: 'error', code: cart.code });
      return;
    }
    const items = cart.data.lines
      .filter((line) => line.selected && !line.invalid)
      .map(({ productId, skuId, quantity }) => ({ productId, skuId, quantity }));
    if (items.length === 0) {
      show({ phase: 'empty' });
      return;
    }
    selection.current = { ...selection.current, items };
    await requote();
  }, [requote, show, source]);

  const chooseAddress = useCallback(
    (addressId: string) => {
      selection.current = { ...selection.current, addressId };
      void requote();
    },
    [requote],
  );

  const chooseCoupon = useCallback(
    (couponId: string | null) => {
      selection.current = { ...selection.current, couponId };
      void requote();
    },
    [requote],
  );

  /** Drops the lines the quote cannot sell (sold out, off sale) and quotes the rest. */
  const dropProblemLines = useCallback(() => {
    const current = stateRef.current;
    if (current.phase !== 'ready') return;
    const blocked = new Set(current.quote.lines.filter((l) => l.problem).map((l) => l.skuId));
    const items = selection.current.items.filter((item) => !blocked.has(item.skuId));
    if (items.length === 0) {
      show({ phase: 'empty' });
      return;
    }
    selection.current = { ...selection.current, items };
    void requote();
  }, [requote, show]);

  /** Creates the order for the quote on screen; answers it, or undefined after telling the buyer why not. */
  const submit = useCallback(
    async (remark: string): Promise<Order | undefined> => {
      const current = stateRef.current;
      if (submittingRef.current || current.phase !== 'ready' || current.quoting) return undefined;
      const { quote } = current;
      const blocked = blockingText(quote.problems);
      if (blocked || !quote.address) {
        toast(blocked ?? errorMessage('ADDRESS_REQUIRED'));
        return undefined;
      }
      submittingRef.current = true;
      setSubmitting(true);
      const answer = await createOrder({
        items: selection.current.items,
        addressId: quote.address._id,
        couponId: quote.couponId ?? null,
        requestId,
        expectedPayable: quote.payable,
        ...(remark.trim() && { remark: remark.trim() }),
        ...(source.kind === 'cart' && { fromCart: true }),
      });
      if (answer.ok) return answer.data; // The page leaves; the button stays disabled until then.
      submittingRef.current = false;
      setSubmitting(false);
      if (answer.code === 'PRICE_CHANGED') {
        await requote();
        await priceChangedNotice();
      } else if (answer.code === 'COUPON_UNUSABLE' || answer.code === 'COUPON_NOT_FOUND') {
        toast('所选优惠券已不可用，已为你重新计算');
        selection.current = { ...selection.current, couponId: undefined };
        await requote();
      } else if (answer.code === 'ADDRESS_NOT_FOUND') {
        toast(errorMessage('ADDRESS_NOT_FOUND'));
        selection.current = { ...selection.current, addressId: undefined };
        await requote();
      } else if (STALE_QUOTE_CODES.has(answer.code)) {
        toast(errorMessage(answer.code));
        await requote();
      } else {
        // NETWORK and the like: the order may or may not exist; the same request id makes a retry safe.
        toast(errorMessage(answer.code));
      }
      return undefined;
    },
    [requestId, requote, source.kind],
  );

  return { state, submitting, start, requote, chooseAddress, chooseCoupon, dropProblemLines, submit };
}
