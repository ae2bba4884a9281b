/** A price in red with a small ¥, from integer fen; a range reads '¥49.00起' on cards and '¥49.00-59.00' on the product. */
import { Text } from '@tarojs/components';
import { formatPrice, formatPriceRange, type Fen } from '@shop/types';
import './price.css';

export type PriceSize = 'sm' | 'md' | 'lg';

export interface PriceProps {
  fen: Fen;
  /** The highest price of a range; shown as a range or with 起 depending on `range`. */
  maxFen?: Fen;
  range?: 'from' | 'full';
  size?: PriceSize;
  className?: string;
}

export default function Price({ fen, maxFen, range = 'from', size = 'md', className = '' }: PriceProps) {
  const isRange = maxFen !== undefined && maxFen !== fen;
  // formatPrice always starts with '¥' for the non-negative prices shown here; the symbol is drawn smaller.
  const text = isRange && range === 'full' ? formatPriceRange(fen, maxFen) : formatPrice(fen);
  return (
    <Text className={`price-tag price-tag--${size} ${className}`}>
      <Text className="price-tag__symbol">¥</Text>
      {text.replace(/^¥/, '')}
      {isRange && range === 'from' ? <Text className="price-tag__from">起</Text> : null}
    </Text>
  );
}

/** The struck-through reference price, shown only when it is above the price. */
export function OriginalPrice({ fen, price }: { fen: Fen; price: Fen }) {
  if (fen <= price) return null;
  return <Text className="price-original">{formatPrice(fen)}</Text>;
}
