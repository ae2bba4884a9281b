/**
 * The buyer's choice on the product page: one value per spec dimension and a quantity. Which values can still
 * be chosen comes from the shared rule (@shop/domain/sku-availability), the same one the cart is checked by.
 */
import { useMemo, useState } from 'react';
import type { Product, Sku } from '@shop/types';
import { MAX_LINE_QUANTITY } from '@shop/domain/cart-rules';
import {
  findSku,
  initialSelection,
  isSkuBuyable,
  specOptions,
  type SpecOptions,
} from '@shop/domain/sku-availability';

export interface SkuChoice {
  options: SpecOptions[];
  /** The SKU a complete choice names (buyable or not); undefined while a dimension is unchosen. */
  sku: Sku | undefined;
  buyable: boolean;
  /** Names of the dimensions still to choose, e.g. ['尺码']. */
  missing: string[];
  quantity: number;
  maxQuantity: number;
  /**
   * Choose a value, or unchoose it when it is already chosen; disabled values change nothing, except sold-out
   * ones (chosen to ask for 到货提醒).
   */
  toggle: (dimension: number, value: string) => void;
  setQuantity: (quantity: number) => void;
}

export function useSkuChoice(product: Product | undefined, skus: Sku[]): SkuChoice {
  const specs = useMemo(() => product?.specs ?? [], [product]);
  const [selection, setSelection] = useState<Array<string | null>>([]);
  const [quantity, setQuantity] = useState(1);
  // A new product (or its first load) starts from the values that need no choice.
  const [choiceFor, setChoiceFor] = useState<string | undefined>(undefined);
  if (product && choiceFor !== product._id) {
    setChoiceFor(product._id);
    setSelection(initialSelection(specs));
    setQuantity(1);
  }
  const current = selection.length === specs.length ? selection : initialSelection(specs);

  const options = useMemo(() => specOptions(specs, skus, current), [specs, skus, current]);
  const sku = findSku(specs, skus, current);
  const buyable = sku !== undefined && isSkuBuyable(sku);
  const missing = specs.filter((_, i) => current[i] === null).map((d) => d.name);

  // Until a SKU is named, the most any buyable SKU allows; then that SKU's own stock.
  const stockCap = sku
    ? sku.stock
    : Math.max(0, ...skus.filter(isSkuBuyable).map((candidate) => candidate.stock));
  const maxQuantity = Math.max(1, Math.min(MAX_LINE_QUANTITY, stockCap));

  const toggle = (dimension: number, value: string) => {
    const option = options[dimension]?.values.find((v) => v.value === value);
    if (!option || (option.disabled && !option.soldOut && !option.selected)) return;
    const next = [...current];
    next[dimension] = option.selected ? null : value;
    setSelection(next);
  };

  return {
    options,
    sku,
    buyable,
    missing,
    quantity: Math.min(Math.max(1, quantity), maxQuantity),
    maxQuantity,
    toggle,
    setQuantity,
  };
}
