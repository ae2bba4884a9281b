/** Integrity of the seed shop: what the local cloud loads must be a consistent catalog. */
import fs from 'node:fs';
import path from 'node:path';
import { priceRange } from '../../../cloudfunctions/common/domain/sku-availability';
import { idSchema } from '../../../cloudfunctions/common/validation/fields';
import { homeContentSchema } from '../../../cloudfunctions/common/validation/merchant-catalog';
import { buildSeed, type SeedShop } from '../../../scripts/seed-data/build-seed';
import { SHAPES, type ShapeName } from '../../../scripts/seed-data/shapes';

const seedDir = path.resolve(__dirname, '../../../emulator/seed');
const shop = JSON.parse(fs.readFileSync(path.join(seedDir, 'shop.json'), 'utf8')) as SeedShop;
const { categories, products, skus, coupon_templates: couponTemplates } = shop;
const categoryById = new Map(categories.map((c) => [c._id, c]));
const productById = new Map(products.map((p) => [p._id, p]));
const isFen = (n: number) => Number.isSafeInteger(n) && n >= 0;

describe('seed shop', () => {
  it('is what the generator produces (regenerate after editing scripts/seed-data)', () => {
    const { shop: generated, files } = buildSeed();
    expect(shop).toEqual(generated);
    for (const file of files) {
      expect(fs.readFileSync(path.join(seedDir, 'images', file.path), 'utf8')).toBe(file.content);
    }
    expect(buildSeed()).toEqual({ shop: generated, files });
  });

  it('has about 60 products in 8 top categories of two levels', () => {
    expect(products.length).toBeGreaterThanOrEqual(55);
    expect(products.length).toBeLessThanOrEqual(65);
    const tops = categories.filter((c) => c.parentId === null);
    expect(tops.map((c) => c.name)).toEqual(['服饰', '数码', '家居', '美妆', '食品', '母婴', '运动', '图书']);
    for (const child of categories.filter((c) => c.parentId !== null)) {
      expect(categoryById.get(child.parentId ?? '')?.parentId).toBeNull();
    }
    for (const top of tops) {
      expect(products.some((p) => p.categoryPath[0] === top._id)).toBe(true);
    }
  });

  it('uses unique, valid ids', () => {
    const ids = [...categories, ...products, ...skus, ...couponTemplates].map((d) => d._id);
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(idSchema.safeParse(id).success).toBe(true);
    products.forEach((p, i) => expect(p._id).toBe(`p${String(i + 1).padStart(3, '0')}`));
  });

  it('puts every product in an existing second-level category', () => {
    for (const p of products) {
      const category = categoryById.get(p.categoryId);
      expect(category?.parentId).toBeTruthy();
      expect(p.categoryPath).toEqual([category?.parentId, p.categoryId]);
    }
  });

  it('gives every product believable Chinese copy and 1–2 spec dimensions', () => {
    for (const p of products) {
      for (const text of [p.title, p.subtitle, p.description]) expect(text).toMatch(/\p{Script=Han}/u);
      expect(p.specs.length).toBeGreaterThanOrEqual(1);
      expect(p.specs.length).toBeLessThanOrEqual(2);
      for (const dim of p.specs) {
        expect(dim.values.length).toBeGreaterThan(0);
        expect(new Set(dim.values).size).toBe(dim.values.length);
      }
    }
  });

  it('gives every product one SKU per spec combination, consistent with its specs', () => {
    for (const p of products) {
      const own = skus.filter((s) => s.productId === p._id);
      expect(own.length).toBe(p.specs.reduce((n, d) => n * d.values.length, 1));
      const combos = new Set(own.map((s) => s.specValues.join('|')));
      expect(combos.size).toBe(own.length);
      for (const s of own) {
        expect(s.specValues).toHaveLength(p.specs.length);
        s.specValues.forEach((v, i) => expect(p.specs[i].values).toContain(v));
      }
    }
    for (const s of skus) expect(productById.has(s.productId)).toBe(true);
  });

  it('prices in integer fen, original price never below the price', () => {
    for (const s of skus) {
      expect(isFen(s.price) && s.price > 0).toBe(true);
      expect(isFen(s.originalPrice)).toBe(true);
      expect(s.originalPrice).toBeGreaterThanOrEqual(s.price);
      expect(Number.isSafeInteger(s.stock) && s.stock >= 0).toBe(true);
      expect(Number.isSafeInteger(s.sold) && s.sold >= 0).toBe(true);
    }
  });

  it('keeps the denormalised sales and price range right', () => {
    for (const p of products) {
      const own = skus.filter((s) => s.productId === p._id);
      expect(p.sales).toBe(own.reduce((n, s) => n + s.sold, 0));
      const range = priceRange(own) ?? priceRange(own.map((s) => ({ ...s, onSale: true })));
      expect([p.minPrice, p.maxPrice]).toEqual([range?.min, range?.max]);
    }
  });

  it('has the awkward cases a shop has: no stock, low stock, off sale, sold out', () => {
    expect(skus.filter((s) => s.stock === 0).length).toBeGreaterThan(5);
    expect(skus.filter((s) => s.stock > 0 && s.stock <= 5).length).toBeGreaterThan(5);
    expect(skus.filter((s) => !s.onSale).length).toBeGreaterThan(0);
    expect(products.filter((p) => !p.onSale).length).toBeGreaterThanOrEqual(2);
    const buyable = (id: string) => skus.some((s) => s.productId === id && s.onSale && s.stock > 0);
    expect(products.filter((p) => p.onSale && !buyable(p._id)).map((p) => p.title)).toEqual(['海南金煌芒果']);
    // The first product is the one to try first: every SKU buyable.
    expect(skus.filter((s) => s.productId === 'p001').every((s) => s.onSale && s.stock > 0)).toBe(true);
  });

  it('ships 2–3 small pictures per product, and an icon per category, as files', () => {
    for (const p of products) {
      expect(p.images.length).toBeGreaterThanOrEqual(2);
      expect(p.images.length).toBeLessThanOrEqual(3);
      p.images.forEach((image, i) => expect(image).toBe(`/assets/products/${p._id}-${i + 1}.svg`));
    }
    const assets = [...products.flatMap((p) => p.images), ...categories.map((c) => c.icon)];
    for (const asset of assets) {
      const file = path.join(seedDir, 'images', asset.replace(/^\/assets\//, ''));
      const svg = fs.readFileSync(file, 'utf8');
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg"')).toBe(true);
      expect(svg).not.toContain('<text');
      expect(Buffer.byteLength(svg)).toBeLessThan(3 * 1024);
    }
  });

  it('opens with a 首页 the merchant could have saved: banners to a buyable product and to categories, notices', () => {
    const home = shop.settings.find((doc) => doc._id === 'home');
    if (!home || !('banners' in home)) throw new Error('no home settings in the seed');
    const checked = homeContentSchema.safeParse({ banners: home.banners, notices: home.notices });
    expect(checked.success).toBe(true);
    expect(home.banners.length).toBeGreaterThanOrEqual(2);
    expect(home.banners.length).toBeLessThanOrEqual(3);
    expect(home.notices.length).toBeGreaterThanOrEqual(1);
    // The home read's copy of the top-level categories, in display order, as the categories themselves.
    expect(home.categories).toEqual(
      categories.filter((c) => c.parentId === null).sort((a, b) => a.sort - b.sort),
    );
    const kinds = new Set(home.banners.map((banner) => banner.link.kind));
    expect(kinds).toEqual(new Set(['product', 'category']));
    for (const { link, image } of home.banners) {
      if (link.kind === 'product') {
        const product = productById.get(link.productId);
        expect(product?.onSale && !product.soldOut).toBe(true);
      }
      if (link.kind === 'category') expect(categoryById.has(link.categoryId)).toBe(true);
      const svg = fs.readFileSync(path.join(seedDir, 'images', image.replace(/^\/assets\//, '')), 'utf8');
      // Wide as the 首页 swiper (702×300), drawn at 2×.
      expect(svg.startsWith('<svg xmlns="http://www.w3.org/2000/svg" width="1404" height="600"')).toBe(true);
    }
  });

  it('has believable reviews of about fifteen products, with matching summaries on the products', () => {
    const { reviews } = shop;
    const reviewed = new Set(reviews.map((r) => r.productId));
    expect(reviewed.size).toBeGreaterThanOrEqual(12);
    expect(new Set(reviews.map((r) => r._id)).size).toBe(reviews.length);
    for (const review of reviews) {
      expect(Number.isInteger(review.rating) && review.rating >= 1 && review.rating <= 5).toBe(true);
      expect(review.content).toMatch(/\p{Script=Han}/u);
      expect(review.buyerName).toMatch(/^买家\*\*\*[0-9a-f]{3}$/);
      expect(skus.find((s) => s._id === review.skuId)?.productId).toBe(review.productId);
    }
    for (const p of products) {
      const own = reviews.filter((r) => r.productId === p._id);
      expect(p.reviewCount ?? 0).toBe(own.length);
      expect(p.ratingTotal ?? 0).toBe(own.reduce((n, r) => n + r.rating, 0));
      expect(p.positiveCount ?? 0).toBe(own.filter((r) => r.rating >= 4).length);
    }
  });

  it('has the coupon templates checkout offers', () => {
    expect(couponTemplates.map((t) => t.title)).toEqual(['新人专享券', '满99减10', '满199减30', '美妆9折券']);
    for (const t of couponTemplates) {
      for (const id of t.categoryIds ?? []) expect(categoryById.has(id)).toBe(true);
      expect(isFen(t.rule.threshold)).toBe(true);
      if (t.rule.kind === 'AMOUNT_OFF') expect(isFen(t.rule.amount) && t.rule.amount > 0).toBe(true);
      else expect(t.rule.percentOff > 0 && t.rule.percentOff < 100).toBe(true);
      expect(t.issued).toBeLessThanOrEqual(t.totalLimit);
      if (t.validity.kind === 'FIXED') expect(t.validity.to).toBeGreaterThan(Date.UTC(2030, 0, 1));
    }
    expect(couponTemplates.filter((t) => t.newcomerOnly)).toHaveLength(1);
  });
});

describe('seed pictures', () => {
  // Each picture is the shape of what the product is: the drawing of a shape is unique to it, so a product
  // drawn as its category's stand-in (a diaper as a baby bottle) shows here as the wrong drawing.
  const coverFor = (title: string) => {
    const product = products.find((p) => p.title.includes(title));
    if (!product) throw new Error(`no product ${title}`);
    return fs.readFileSync(path.join(seedDir, product.images[0].replace('/assets/', 'images/')), 'utf8');
  };
  const drawn = (shape: ShapeName) => SHAPES[shape]({ fill: '#000000', dark: '#000000', light: '#000000' });
  const outline = (svg: string) => (svg.match(/d="([^"]+)"/g) ?? []).join();

  it.each([
    ['纸尿裤', 'diaper'],
    ['牛仔裤', 'jeans'],
    ['芒果', 'mango'],
    ['充电宝', 'powerBank'],
    ['帐篷', 'tent'],
    ['羽毛球拍', 'racket'],
  ] as [string, ShapeName][])('%s is drawn as a %s', (title, shape) => {
    expect(outline(coverFor(title))).toContain(outline(drawn(shape)));
    for (const other of ['babyBottle', 'dress', 'apple'] as ShapeName[]) {
      if (other !== shape) expect(outline(coverFor(title))).not.toContain(outline(drawn(other)));
    }
  });
});
