/**
 * The spec picker of the product page: which values can still be chosen, which SKU a full choice names,
 * and the price range a product shows.
 */
import type { Fen, Sku, SpecDimension } from '../../../types/entities';

/** One entry per spec dimension, in the product's order; null = nothing chosen yet in that dimension. */
export type SpecSelection = ReadonlyArray<string | null>;

export interface SpecValueOption {
  value: string;
  selected: boolean;
  /** No on-sale SKU with stock matches this value together with the values chosen in the other dimensions. */
  disabled: boolean;
  /**
   * Disabled only for want of stock: an on-sale SKU matches, so it can still be chosen, to ask for 到货提醒.
   * Off-sale and missing combinations stay unchoosable.
   */
  soldOut: boolean;
}

export interface SpecOptions {
  name: string;
  values: SpecValueOption[];
}

/** A SKU a buyer can put in the cart right now. */
export function isSkuBuyable(sku: Sku): boolean {
  return sku.onSale && sku.stock > 0;
}

function matchesOthers(sku: Sku, selection: SpecSelection, skipIndex: number): boolean {
  return selection.every((chosen, i) => i === skipIndex || chosen === null || sku.specValues[i] === chosen);
}

/**
 * Each value is judged against the choices in the *other* dimensions only, so a buyer can always switch
 * the value of a dimension to another one that is in stock with the rest of the selection.
 */
export function specOptions(
  specs: readonly SpecDimension[],
  skus: readonly Sku[],
  selection: SpecSelection,
): SpecOptions[] {
  const buyable = skus.filter(isSkuBuyable);
  const onSale = skus.filter((sku) => sku.onSale);
  return specs.map((dimension, i) => ({
    name: dimension.name,
    values: dimension.values.map((value) => {
      const matches = (sku: Sku) => sku.specValues[i] === value && matchesOthers(sku, selection, i);
      const disabled = !buyable.some(matches);
      return { value, selected: selection[i] === value, disabled, soldOut: disabled && onSale.some(matches) };
    }),
  }));
}

/** The SKU named by a full selection, buyable or not (the page then says 已售罄); undefined while incomplete. */
export function findSku(
  specs: readonly SpecDimension[],
  skus: readonly Sku[],
  selection: SpecSelection,
): Sku | undefined {
  if (selection.length !== specs.length || selection.some((v) => v === null)) return undefined;
  return skus.find(
    (sku) => sku.specValues.length === specs.length && sku.specValues.every((v, i) => v === selection[i]),
  );
}

/**
 * The choice to open the picker with: the only value of single-valued dimensions, so a product without
 * real choices is buyable without a tap; for a product without specs this is already complete.
 */
export function initialSelection(specs: readonly SpecDimension[]): Array<string | null> {
  return specs.map((d) => (d.values.length === 1 ? d.values[0] : null));
}

export interface PriceRange {
  min: Fen;
  max: Fen;
  /** Highest original price, for the struck-through figure. */
  originalMax: Fen;
}

/**
 * Over on-sale SKUs; a sold-out SKU still has a price worth showing. Undefined when nothing is on sale.
 */
export function priceRange(skus: readonly Sku[]): PriceRange | undefined {
  const onSale = skus.filter((s) => s.onSale);
  if (onSale.length === 0) return undefined;
  return {
    min: Math.min(...onSale.map((s) => s.price)),
    max: Math.max(...onSale.map((s) => s.price)),
    originalMax: Math.max(...onSale.map((s) => s.originalPrice)),
  };
}

/** '颜色:红 尺码:M', as cart lines and order items show a SKU; '' for a product without specs. */
export function specText(specs: readonly SpecDimension[], specValues: readonly string[]): string {
  return specs.map((d, i) => `${d.name}:${specValues[i] ?? ''}`).join(' ');
}
