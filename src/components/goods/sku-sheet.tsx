/**
 * The spec picker, a bottom sheet: a chip per spec value (values that cannot be bought with the other chosen
 * values are greyed and ignore taps), the chosen SKU's price and stock, and the quantity.
 */
import { View, Text, Image, ScrollView } from '@tarojs/components';
import Taro from '@tarojs/taro';
import type { Product, Sku } from '@shop/types';
import { priceRange } from '@shop/domain/sku-availability';
import { imageUrl } from '../../services/image-url';
import QuantityStepper from '../quantity-stepper';
import Price from './price';
import type { SkuChoice } from './use-sku-choice';
import './sku-sheet.css';

/** Which buttons the sheet ends with: both from the '选择' row, one 确定 from either bottom button. */
export type SkuSheetMode = 'both' | 'cart' | 'buy';

export interface SkuSheetProps {
  product: Product;
  choice: SkuChoice;
  mode: SkuSheetMode;
  skus: Sku[];
  busy: boolean;
  onClose: () => void;
  onAddToCart: () => void;
  onBuyNow: () => void;
  /** 到货提醒 for the chosen sold-out SKU: absent when it cannot be offered. */
  restock?: { waiting: boolean; onAsk: () => void };
}

export function stockText(choice: SkuChoice): string {
  if (!choice.sku) return `请选择 ${choice.missing.join(' ')}`;
  return choice.buyable ? `库存 ${choice.sku.stock} 件` : '已售罄';
}

/** The picture of the chosen value of a dimension that has pictures (the colour), else the product's cover. */
export function sheetPicture(product: Product, choice: Pick<SkuChoice, 'options'>): string {
  for (const [d, dimension] of product.specs.entries()) {
    if (!dimension.images) continue;
    const chosen = choice.options[d]?.values.find((option) => option.selected)?.value;
    const picture = chosen === undefined ? undefined : dimension.images[dimension.values.indexOf(chosen)];
    if (picture) return picture;
  }
  return product.images[0] ?? '';
}

export default function SkuSheet({
  product,
  choice,
  mode,
  skus,
  busy,
  onClose,
  onAddToCart,
  onBuyNow,
  restock,
}: SkuSheetProps) {
  const range = priceRange(skus);
  const chosenText =
    choice.sku && choice.sku.specValues.length > 0 ? `已选 ${choice.sku.specValues.join(' ')}` : '';
  const limit = (bound: 'min' | 'max') => {
    if (bound === 'min') return;
    const text =
      choice.maxQuantity < 99
        ? `库存仅剩 ${choice.maxQuantity} 件`
        : `每件商品最多购买 ${choice.maxQuantity} 件`;
    void Taro.showToast({ title: text, icon: 'none' });
  };
  const soldOut = choice.sku !== undefined && !choice.buyable;
  const button = (id: string, text: string, kind: 'cart' | 'buy', onTap: () => void) => (
    <View
      id={id}
      className={`sku-sheet__button sku-sheet__button--${kind} ${soldOut || busy ? 'sku-sheet__button--disabled' : ''}`}
      onClick={() => !soldOut && !busy && onTap()}
    >
      {soldOut ? '已售罄' : text}
    </View>
  );

  return (
    <View className="sku-sheet" id="sku-sheet" catchMove>
      <View className="sku-sheet__mask" onClick={onClose} />
      <View className="sku-sheet__panel">
        <View className="sku-sheet__head">
          <Image
            className="sku-sheet__image"
            id="sku-image"
            src={imageUrl(sheetPicture(product, choice))}
            mode="aspectFill"
          />
          <View className="sku-sheet__summary">
            {choice.sku ? (
              <Price fen={choice.sku.price} size="lg" />
            ) : range ? (
              <Price fen={range.min} maxFen={range.max} range="full" size="lg" />
            ) : null}
            <Text className={`sku-sheet__stock ${soldOut ? 'sku-sheet__stock--out' : ''}`} id="sku-stock">
              {stockText(choice)}
            </Text>
            {chosenText ? <Text className="sku-sheet__chosen">{chosenText}</Text> : null}
          </View>
          <View className="sku-sheet__close" id="sku-close" onClick={onClose} />
        </View>
        <ScrollView className="sku-sheet__body" scrollY>
          {choice.options.map((dimension, d) => (
            <View key={dimension.name} className="sku-sheet__dimension">
              <Text className="sku-sheet__dimension-name">{dimension.name}</Text>
              <View className="sku-sheet__chips">
                {dimension.values.map((option, v) => (
                  <View
                    key={option.value}
                    id={`spec-${d}-${v}`}
                    className={[
                      'sku-chip',
                      option.selected ? 'sku-chip--selected' : '',
                      option.disabled ? 'sku-chip--disabled' : '',
                      option.soldOut ? 'sku-chip--sold-out' : '',
                    ].join(' ')}
                    onClick={() => choice.toggle(d, option.value)}
                  >
                    {option.value}
                  </View>
                ))}
              </View>
            </View>
          ))}
          <View className="sku-sheet__quantity">
            <Text className="sku-sheet__dimension-name">购买数量</Text>
            <QuantityStepper
              id="sku-quantity"
              value={choice.quantity}
              max={choice.maxQuantity}
              disabled={soldOut}
              onChange={choice.setQuantity}
              onLimit={limit}
            />
          </View>
        </ScrollView>
        <View className="sku-sheet__foot">
          {soldOut && restock ? (
            <View
              id="sku-restock"
              className={`sku-sheet__button sku-sheet__button--restock ${restock.waiting ? 'sku-sheet__button--disabled' : ''}`}
              onClick={() => !restock.waiting && restock.onAsk()}
            >
              {restock.waiting ? '已设置到货提醒' : '到货提醒'}
            </View>
          ) : mode === 'both' ? (
            <View className="sku-sheet__buttons">
              {button('sku-add-cart', '加入购物车', 'cart', onAddToCart)}
              {button('sku-buy-now', '立即购买', 'buy', onBuyNow)}
            </View>
          ) : (
            button('sku-confirm', '确定', mode, mode === 'cart' ? onAddToCart : onBuyNow)
          )}
        </View>
      </View>
    </View>
  );
}
