/**
 * Pure rules of the merchant's product form: a product's SKUs must cover its spec dimensions exactly once
 * per combination, prices must make sense, and the listing fields (price range) follow from the SKUs.
 */
import type { Fen, Sku, SpecDimension } from '../../../types/entities';
import type { SkuInput } from '../../../types/merchant-catalog';

/** Why a form cannot be saved: a message for the INVALID_INPUT answer; undefined when it can. */
export function productFormProblem(
  specs: readonly SpecDimension[],
  skus: readonly SkuInput[],
): string | undefined {
  for (const dimension of specs) {
    if (new Set(dimension.values).size !== dimension.values.length)
      return `spec ${dimension.name} repeats a value`;
    if (dimension.images && dimension.images.length !== dimension.values.length)
      return `spec ${dimension.name} needs one image per value`;
  }
  if (new Set(specs.map((d) => d.name)).size !== specs.length) return 'two specs share a name';
  const combinations = new Set<string>();
  const skuIds = new Set<string>();
  for (const sku of skus) {
    if (sku.specValues.length !== specs.length) return 'each SKU needs one value per spec';
    if (sku.specValues.some((value, i) => !specs[i].values.includes(value)))
      return `SKU ${sku.specValues.join('/')} names a value its spec does not have`;
    const key = JSON.stringify(sku.specValues);
    if (combinations.has(key)) return `two SKUs are ${sku.specValues.join('/') || 'the same'}`;
    combinations.add(key);
    if (sku.originalPrice < sku.price) return 'an original price is below its price';
    if (sku.skuId !== undefined) {
      if (skuIds.has(sku.skuId)) return `SKU ${sku.skuId} appears twice`;
      skuIds.add(sku.skuId);
    }
  }
  return undefined;
}

/**
 * The listing's price range: over on-sale SKUs, or over all when none is on sale (the product then shows its
 * last prices in the workspace; buyers see it only once something is on sale).
 */
export function listingPrices(skus: ReadonlyArray<Pick<Sku, 'price' | 'onSale'>>): {
  minPrice: Fen;
  maxPrice: Fen;
} {
  const priced = skus.some((s) => s.onSale) ? skus.filter((s) => s.onSale) : skus;
  if (priced.length === 0) return { minPrice: 0, maxPrice: 0 };
  const prices = priced.map((s) => s.price);
  return { minPrice: Math.min(...prices), maxPrice: Math.max(...prices) };
}

/**
 * The stock an adjustment may apply: the condition of the conditional write. A decrement needs that much
 * left; an increment needs nothing.
 */
export function stockNeededFor(delta: number): number {
  return delta < 0 ? -delta : 0;
}
