/**
 * Keeping `products.soldOut` in step with stock (sold-out-repository): after stock is taken, a product whose
 * SKU reached 0 is recomputed (claim a token, read whether any SKU has stock, write the flag while the token
 * stands); after stock comes back, a product with that SKU buyable is cleared under a fresh token. Each step
 * is conditional or repeatable, so parallel orders, cancels and retries leave the flag of the last change.
 * A failure is logged, never the caller's: the stock write already happened.
 */
import { randomUUID } from 'node:crypto';
import { findSkusByIds } from '../repositories/catalog-repository';
import {
  clearSoldOut,
  markStockChange,
  productHasStock,
  writeSoldOut,
} from '../repositories/sold-out-repository';

async function logged(what: string, work: () => Promise<void>): Promise<void> {
  try {
    await work();
  } catch (error) {
    console.error(`[sold-out] ${what} failed`, error);
  }
}

/** Recomputes the flag of one product from its SKUs. */
export async function recomputeSoldOut(productId: string): Promise<void> {
  const token = randomUUID();
  await markStockChange(productId, token);
  await writeSoldOut(productId, token, !(await productHasStock(productId)));
}

/** Stock of these SKUs was taken: the products of those now at 0 may have sold out. One read when none is. */
export async function stockTaken(skuIds: readonly string[]): Promise<void> {
  await logged(`after taking ${skuIds.join(',')}`, async () => {
    const skus = await findSkusByIds([...new Set(skuIds)]);
    const emptied = new Set(skus.filter((sku) => sku.stock <= 0).map((sku) => sku.productId));
    await Promise.all([...emptied].map(recomputeSoldOut));
  });
}

/** Stock of these SKUs came back: products with one of them buyable are not sold out. */
export async function stockGivenBack(skuIds: readonly string[]): Promise<void> {
  await logged(`after giving back ${skuIds.join(',')}`, async () => {
    const skus = await findSkusByIds([...new Set(skuIds)]);
    const buyable = new Set(skus.filter((sku) => sku.onSale && sku.stock > 0).map((sku) => sku.productId));
    await Promise.all([...buyable].map((productId) => clearSoldOut(productId, randomUUID())));
  });
}
