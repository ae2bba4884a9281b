/** 购物车: the buyer's lines with selection and quantities, 失效商品 apart, the total, 去结算 and 猜你喜欢. */
import { useEffect, useRef, useState } from 'react';
import { View, Text } from '@tarojs/components';
import Taro, { useDidShow } from '@tarojs/taro';
import type { CartLineView } from '@shop/types';
import EmptyState from '../../components/empty-state';
import ErrorState from '../../components/status/error-state';
import Skeleton from '../../components/status/skeleton';
import CartBar from '../../components/cart/cart-bar';
import CartLine from '../../components/cart/cart-line';
import ShippingHint from '../../components/cart/shipping-hint';
import RecommendSection from '../../components/goods/recommend-section';
import { useRecommendations } from '../../components/goods/use-recommendations';
import { useCart } from '../../components/cart/use-cart';
import { errorMessage } from '../../services/error-messages';
import { applyCartBadge } from '../../store/cart-badge';
import './index.css';

async function confirm(content: string): Promise<boolean> {
  try {
    const answer = await Taro.showModal({ title: '提示', content, confirmColor: '#e93b3d' });
    return answer.confirm;
  } catch {
    return false;
  }
}

export default function CartPage() {
  const cart = useCart();
  const { reload } = cart;
  const [managing, setManaging] = useState(false);
  /** Lines marked for deletion in 管理 mode; separate from the checkout selection, which lives on the server. */
  const [marked, setMarked] = useState<string[]>([]);
  const shownOnce = useRef(false);
  // 猜你喜欢 is read once the lines are shown (a short cart cannot be scrolled to its bottom), never before.
  const recommendations = useRecommendations({
    ready: cart.state.status === 'ready',
    afterFirstScreen: true,
  });

  useEffect(() => {
    void reload(false);
  }, [reload]);

  // The cart changes on other pages (商品详情): read it again whenever the tab comes back.
  useDidShow(() => {
    applyCartBadge();
    if (shownOnce.current) void reload(true);
    shownOnce.current = true;
  });

  const view = cart.state.status === 'ready' ? cart.state.view : undefined;
  const lines = view?.lines ?? [];
  const validLines = lines.filter((line) => !line.invalid);
  const invalidLines = lines.filter((line) => line.invalid);
  const markedLive = marked.filter((id) => lines.some((line) => line.lineId === id));

  const toggleManaging = () => {
    setManaging(!managing);
    setMarked([]);
  };

  const toggleLine = (line: CartLineView) => {
    if (managing) {
      setMarked(
        markedLive.includes(line.lineId)
          ? markedLive.filter((id) => id !== line.lineId)
          : [...markedLive, line.lineId],
      );
    } else if (!line.invalid) {
      void cart.select([line.lineId], !line.selected);
    }
  };

  const toggleAll = () => {
    if (!view) return;
    if (managing) {
      setMarked(markedLive.length === lines.length ? [] : lines.map((line) => line.lineId));
    } else if (validLines.length > 0) {
      void cart.selectAll(!view.allSelected);
    }
  };

  const removeMarked = async () => {
    if (markedLive.length === 0) {
      void Taro.showToast({ title: '请选择要删除的商品', icon: 'none' });
      return;
    }
    if (!(await confirm(`确定删除这 ${markedLive.length} 种商品吗？`))) return;
    await cart.remove(markedLive);
    setMarked([]);
  };

  const clearInvalid = async () => {
    if (!(await confirm('确定清空失效商品吗？'))) return;
    await cart.remove(invalidLines.map((line) => line.lineId));
  };

  const checkout = async () => {
    await cart.idle();
    if (!view || view.selectedLineCount === 0) {
      void Taro.showToast({ title: errorMessage('NOTHING_TO_BUY'), icon: 'none' });
      return;
    }
    void Taro.navigateTo({ url: '/package-order/checkout/index?from=cart' });
  };

  const renderLine = (line: CartLineView) => (
    <CartLine
      key={line.lineId}
      line={line}
      quantity={cart.pending[line.lineId] ?? line.quantity}
      checked={managing ? markedLive.includes(line.lineId) : line.selected}
      managing={managing}
      onToggle={() => toggleLine(line)}
      onQuantity={(quantity) => cart.setQuantity(line.lineId, quantity)}
    />
  );

  return (
    <View className={`cart ${view && lines.length > 0 ? 'cart--with-bar' : ''}`}>
      <View className="cart__head">
        <Text className="cart__title">
          购物车
          {view && view.badgeCount > 0 ? (
            <Text className="cart__count">（共 {view.badgeCount} 件）</Text>
          ) : null}
        </Text>
        {lines.length > 0 ? (
          <Text className="cart__manage" id="cart-manage" onClick={toggleManaging}>
            {managing ? '完成' : '管理'}
          </Text>
        ) : null}
      </View>

      {cart.state.status === 'loading' ? <Skeleton kind="list" /> : null}
      {cart.state.status === 'error' ? (
        <ErrorState code={cart.state.code} onRetry={() => void reload(false)} />
      ) : null}
      {view && lines.length === 0 ? (
        <EmptyState
          icon="cart"
          title="购物车还是空的"
          hint="去挑几件喜欢的商品吧"
          actionText="去逛逛"
          onAction={() => Taro.switchTab({ url: '/pages/index/index' })}
        />
      ) : null}

      {validLines.length > 0 ? (
        <View className="cart__group" id="cart-lines">
          {view && !managing ? (
            <ShippingHint
              id="cart-shipping-hint"
              rule={view.shipping}
              subtotal={view.selectedTotal}
              showReached
              onAddMore={() => void Taro.switchTab({ url: '/pages/index/index' })}
            />
          ) : null}
          {validLines.map(renderLine)}
        </View>
      ) : null}

      {invalidLines.length > 0 ? (
        <View className="cart__group cart__group--invalid" id="cart-invalid">
          <View className="cart__group-head">
            <Text className="cart__group-title">失效商品 {invalidLines.length} 种</Text>
            <Text className="cart__group-action" id="cart-clear-invalid" onClick={() => void clearInvalid()}>
              清空失效商品
            </Text>
          </View>
          {invalidLines.map(renderLine)}
        </View>
      ) : null}

      {view ? <RecommendSection state={recommendations.state} onRetry={recommendations.load} /> : null}

      {view && lines.length > 0 ? (
        <CartBar
          view={view}
          managing={managing}
          markedCount={markedLive.length}
          allMarked={markedLive.length === lines.length}
          onToggleAll={toggleAll}
          onCheckout={() => void checkout()}
          onRemove={() => void removeMarked()}
        />
      ) : null}
    </View>
  );
}
