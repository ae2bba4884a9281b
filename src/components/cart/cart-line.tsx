/** One cart line: check box, image, title, spec, price and its quantity stepper; invalid lines say why. */
import { View, Text, Image } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { CartLineView } from '@shop/types';
import { MAX_LINE_QUANTITY } from '@shop/domain/cart-rules';
import { imageUrl } from '../../services/image-url';
import CheckCircle from '../check-circle';
import Price from '../goods/price';
import { productUrl } from '../goods/format';
import QuantityStepper from '../quantity-stepper';
import { invalidReasonText } from './invalid-reason';
import './cart-line.css';

export interface CartLineProps {
  line: CartLineView;
  /** The quantity on screen: a tap not yet answered shows at once. */
  quantity: number;
  checked: boolean;
  /** In 管理 mode every line, valid or not, can be marked for deletion. */
  managing: boolean;
  onToggle: () => void;
  onQuantity: (quantity: number) => void;
}

export default function CartLine({ line, quantity, checked, managing, onToggle, onQuantity }: CartLineProps) {
  const invalid = line.invalid !== undefined;
  const max = Math.min(MAX_LINE_QUANTITY, line.stock);
  // A STOCK_SHORT line is fixed by lowering its quantity, so it keeps its stepper.
  const showStepper = !invalid || line.invalid === 'STOCK_SHORT';
  const limit = (bound: 'min' | 'max') => {
    const title =
      bound === 'min'
        ? '至少购买 1 件'
        : max < MAX_LINE_QUANTITY
          ? `库存仅剩 ${line.stock} 件`
          : `每件商品最多购买 ${MAX_LINE_QUANTITY} 件`;
    void Taro.showToast({ title, icon: 'none' });
  };
  return (
    <View className={`cart-line ${invalid ? 'cart-line--invalid' : ''}`} id={`cart-line-${line.lineId}`}>
      {invalid && !managing ? (
        <Text className="cart-line__invalid-tag">失效</Text>
      ) : (
        <CheckCircle id={`cart-check-${line.lineId}`} checked={checked} onToggle={onToggle} />
      )}
      <Image
        className="cart-line__image"
        src={imageUrl(line.image)}
        mode="aspectFill"
        onClick={() => Taro.navigateTo({ url: productUrl(line.productId) })}
      />
      <View className="cart-line__body">
        <Text className="cart-line__title">{line.title || '商品已删除'}</Text>
        {line.specText ? <Text className="cart-line__spec">{line.specText}</Text> : null}
        {invalid ? <Text className="cart-line__reason">{invalidReasonText(line)}</Text> : null}
        <View className="cart-line__foot">
          {line.price > 0 ? <Price fen={line.price} size="sm" className="cart-line__price" /> : <View />}
          {showStepper ? (
            <QuantityStepper
              id={`cart-stepper-${line.lineId}`}
              value={quantity}
              max={max}
              onChange={onQuantity}
              onLimit={limit}
            />
          ) : null}
        </View>
      </View>
    </View>
  );
}
