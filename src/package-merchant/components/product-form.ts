/**
 * The product form's rules, apart from the page: spec dimensions typed as text become SKU rows (one per
 * combination of values, keeping what was typed for combinations that stay), prices typed in yuan become fen,
 * and the whole form becomes the ProductInput products.create / products.update take, or the first problem in
 * words the merchant understands.
 */
import type { MerchantProductDetail, ProductInput, SpecDimension } from '@shop/types';

export interface SpecDraft {
  name: string;
  /** Values separated by spaces, commas or 、 as typed. */
  values: string;
}

export interface SkuDraft {
  /** The spec values joined: what keeps a row when the dimensions change. */
  key: string;
  skuId?: string;
  specValues: string[];
  /** Yuan, as typed. */
  price: string;
  originalPrice: string;
  /** Starting stock of a new SKU; an existing SKU's stock changes through 调整库存. */
  stock: string;
  onSale: boolean;
  /** The stock an existing SKU has now. */
  currentStock?: number;
}

export interface ProductDraft {
  title: string;
  subtitle: string;
  categoryId: string;
  images: string[];
  description: string;
  /** Tags separated by spaces. */
  tags: string;
  specs: SpecDraft[];
  skus: SkuDraft[];
}

export const MAX_IMAGES = 9;
export const MAX_SPECS = 2;

export function splitValues(text: string): string[] {
  const values = text
    .split(/[\s,，、]+/)
    .map((value) => value.trim())
    .filter(Boolean);
  return [...new Set(values)];
}

/** Every combination of one value per dimension, in dimension order; no dimensions: one SKU without values. */
export function specCombinations(specs: readonly SpecDimension[]): string[][] {
  return specs.reduce<string[][]>(
    (combos, spec) => combos.flatMap((combo) => spec.values.map((value) => [...combo, value])),
    [[]],
  );
}

function dimensionsOf(specs: readonly SpecDraft[]): SpecDimension[] {
  return specs
    .map((spec) => ({ name: spec.name.trim(), values: splitValues(spec.values) }))
    .filter((spec) => spec.name && spec.values.length > 0);
}

const keyOf = (values: readonly string[]) => values.join('\u0001');

/** The SKU rows for the draft's dimensions: rows already typed keep their prices and stock. */
export function syncSkus(draft: ProductDraft): SkuDraft[] {
  const known = new Map(draft.skus.map((sku) => [sku.key, sku]));
  const template = draft.skus[0];
  return specCombinations(dimensionsOf(draft.specs)).map(
    (values) =>
      known.get(keyOf(values)) ?? {
        key: keyOf(values),
        specValues: values,
        // A new combination starts from the first row's prices: most SKUs of a product cost the same.
        price: template?.price ?? '',
        originalPrice: template?.originalPrice ?? '',
        stock: '',
        onSale: true,
      },
  );
}

/** '12.5' → 1250; undefined for anything that is not a positive amount with at most two decimals. */
export function yuanToFen(text: string): number | undefined {
  const match = /^(\d{1,7})(?:\.(\d{1,2}))?$/.exec(text.trim());
  if (!match) return undefined;
  return Number(match[1]) * 100 + Number((match[2] ?? '').padEnd(2, '0'));
}

export function fenToYuan(fen: number): string {
  return fen % 100 === 0 ? String(fen / 100) : (fen / 100).toFixed(2);
}

export function emptyDraft(): ProductDraft {
  const draft: ProductDraft = {
    title: '',
    subtitle: '',
    categoryId: '',
    images: [],
    description: '',
    tags: '',
    specs: [],
    skus: [],
  };
  return { ...draft, skus: syncSkus(draft) };
}

export function draftOf({ product, skus }: MerchantProductDetail): ProductDraft {
  return {
    title: product.title,
    subtitle: product.subtitle,
    categoryId: product.categoryId,
    images: [...product.images],
    description: product.description,
    tags: product.tags.join(' '),
    specs: product.specs.map((spec) => ({ name: spec.name, values: spec.values.join(' ') })),
    skus: skus.map((sku) => ({
      key: keyOf(sku.specValues),
      skuId: sku._id,
      specValues: sku.specValues,
      price: fenToYuan(sku.price),
      originalPrice: fenToYuan(sku.originalPrice),
      stock: String(sku.stock),
      onSale: sku.onSale,
      currentStock: sku.stock,
    })),
  };
}

export function skuLabel(sku: Pick<SkuDraft, 'specValues'>): string {
  return sku.specValues.length > 0 ? sku.specValues.join(' / ') : '默认规格';
}

/** The request the form saves, or the first thing to fix. */
export function productInputOf(
  draft: ProductDraft,
): { ok: true; input: ProductInput } | { ok: false; problem: string } {
  const title = draft.title.trim();
  if (!title || title.length > 60) return { ok: false, problem: '请填写商品标题（60 字以内）' };
  if (draft.subtitle.trim().length > 120) return { ok: false, problem: '副标题请在 120 字以内' };
  if (!draft.categoryId) return { ok: false, problem: '请选择商品分类' };
  if (draft.images.length === 0) return { ok: false, problem: '请至少上传一张商品图片' };
  if (draft.description.length > 2000) return { ok: false, problem: '商品描述请在 2000 字以内' };
  const tags = splitValues(draft.tags);
  if (tags.length > 5 || tags.some((tag) => tag.length > 10))
    return { ok: false, problem: '标签最多 5 个，每个 10 字以内' };
  const specs = dimensionsOf(draft.specs);
  if (specs.length !== draft.specs.filter((spec) => spec.name.trim() || spec.values.trim()).length)
    return { ok: false, problem: '请填写完整的规格名和规格值' };
  if (specs.some((spec) => spec.values.length > 20)) return { ok: false, problem: '每个规格最多 20 个值' };
  const skus: ProductInput['skus'] = [];
  for (const sku of syncSkus(draft)) {
    const label = skuLabel(sku);
    const price = yuanToFen(sku.price);
    if (!price) return { ok: false, problem: `请填写「${label}」的售价` };
    const originalPrice = sku.originalPrice.trim() ? yuanToFen(sku.originalPrice) : price;
    if (!originalPrice || originalPrice < price)
      return { ok: false, problem: `「${label}」的划线价不能低于售价` };
    const stock = sku.skuId ? (sku.currentStock ?? 0) : Number(sku.stock || '0');
    if (!Number.isInteger(stock) || stock < 0 || stock > 1_000_000)
      return { ok: false, problem: `请填写「${label}」的库存` };
    skus.push({
      ...(sku.skuId && { skuId: sku.skuId }),
      specValues: sku.specValues,
      price,
      originalPrice,
      stock,
      onSale: sku.onSale,
    });
  }
  if (skus.length > 100) return { ok: false, problem: '规格组合最多 100 个' };
  return {
    ok: true,
    input: {
      title,
      subtitle: draft.subtitle.trim(),
      categoryId: draft.categoryId,
      images: draft.images,
      description: draft.description,
      tags,
      specs,
      skus,
    },
  };
}
