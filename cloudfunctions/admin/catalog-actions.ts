/** The workspace's catalog actions: products, SKUs and stock, categories, the buyer's home page content. */
import { z } from 'zod';
import type { CatalogActions } from '../../types/merchant-catalog';
import type { ActionTable } from '../common/runtime/action-router';
import { recordChange, type Actor } from '../common/services/audit-service';
import {
  adjustStock,
  allCategories,
  createCategory,
  createProduct,
  homeContent,
  lowStock,
  merchantProductDetail,
  merchantProductList,
  removeCategory,
  saveHome,
  setProductOnSale,
  updateCategory,
  updateProduct,
} from '../common/services/product-admin-service';
import { idSchema } from '../common/validation/fields';
import {
  categoryInputSchema,
  homeContentSchema,
  productInputSchema,
  productListSchema,
  stockAdjustmentSchema,
} from '../common/validation/merchant-catalog';

const none = z.object({}) as unknown as z.ZodType<Record<string, never>>;
const productId = z.object({ productId: idSchema });
const PRODUCT_CODES = { productId: 'PRODUCT_NOT_FOUND' } as const;
const CATEGORY_CODES = { categoryId: 'CATEGORY_NOT_FOUND' } as const;

export function catalogActions(actor: () => Actor): Pick<ActionTable<'admin'>, keyof CatalogActions> {
  return {
    'products.list': { schema: productListSchema, run: (request) => merchantProductList(request) },
    'products.detail': {
      schema: productId,
      fieldCodes: PRODUCT_CODES,
      run: ({ productId: id }) => merchantProductDetail(id),
    },
    'products.create': {
      schema: productInputSchema,
      run: (input, { now }) =>
        recordChange(
          actor(),
          'products.create',
          'product',
          (detail) => detail.product._id,
          () => createProduct(input, now),
          now,
        ),
    },
    'products.update': {
      schema: productInputSchema.extend({ productId: idSchema }),
      fieldCodes: PRODUCT_CODES,
      run: ({ productId: id, ...input }, { now }) =>
        recordChange(actor(), 'products.update', 'product', id, () => updateProduct(id, input, now), now),
    },
    'products.setOnSale': {
      schema: productId.extend({ onSale: z.boolean() }),
      fieldCodes: PRODUCT_CODES,
      run: ({ productId: id, onSale }, { now }) =>
        recordChange(actor(), 'products.setOnSale', 'product', id, () => setProductOnSale(id, onSale), now),
    },
    'products.adjustStock': {
      schema: stockAdjustmentSchema,
      fieldCodes: { skuId: 'SKU_NOT_FOUND' },
      run: (request, { now }) =>
        recordChange(
          actor(),
          'products.adjustStock',
          'sku',
          request.skuId,
          () => adjustStock(request, actor().openid, now),
          now,
        ),
    },
    'products.lowStock': {
      schema: z.object({ threshold: z.number().int().min(0).max(10_000).optional() }),
      run: ({ threshold }) => lowStock(threshold ?? 10),
    },
    'categories.list': { schema: none, run: () => allCategories() },
    'categories.create': {
      schema: categoryInputSchema,
      run: (input, { now }) =>
        recordChange(
          actor(),
          'categories.create',
          'category',
          (category) => category._id,
          () => createCategory(input, now),
          now,
        ),
    },
    'categories.update': {
      schema: categoryInputSchema.extend({ categoryId: idSchema }),
      fieldCodes: CATEGORY_CODES,
      run: ({ categoryId, ...input }, { now }) =>
        recordChange(
          actor(),
          'categories.update',
          'category',
          categoryId,
          () => updateCategory(categoryId, input, now),
          now,
        ),
    },
    'categories.remove': {
      schema: z.object({ categoryId: idSchema }),
      fieldCodes: CATEGORY_CODES,
      run: ({ categoryId }, { now }) =>
        recordChange(
          actor(),
          'categories.remove',
          'category',
          categoryId,
          () => removeCategory(categoryId),
          now,
        ),
    },
    'home.get': { schema: none, run: () => homeContent() },
    'home.save': {
      schema: homeContentSchema,
      run: (content, { now }) =>
        recordChange(actor(), 'home.save', 'settings', 'home', () => saveHome(content, now), now),
    },
  };
}
