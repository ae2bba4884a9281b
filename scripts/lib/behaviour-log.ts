/**
 * A generated shop for judging recommendations offline: a catalog of departments, categories, words and prices,
 * and a behaviour log of buyers who mostly stay with one or two categories and a price level, sometimes buy
 * across a department or anything popular, view before buying, and meet products launched along the way.
 * Seeded: the same seed gives the same log, byte for byte.
 */
import type { ContentProfile } from '../../cloudfunctions/common/domain/content-similarity';
import type { Purchase, View } from '../../cloudfunctions/common/domain/recommendations';

const DAY_MS = 24 * 60 * 60 * 1000;

/** mulberry32: small, fast and good enough to draw a behaviour log from. */
export function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export interface LogShape {
  departments: number;
  categoriesPerDepartment: number;
  productsPerCategory: number;
  buyers: number;
  /** The log spans this many days, ending at `end`. */
  days: number;
  /** Products launched in the last `newDays` count as new. */
  newDays: number;
  end: number;
}

export const DEFAULT_SHAPE: LogShape = {
  departments: 10,
  categoriesPerDepartment: 4,
  productsPerCategory: 15,
  buyers: 3000,
  days: 120,
  newDays: 14,
  end: Date.UTC(2026, 10, 1),
};

export interface GeneratedProduct extends ContentProfile {
  createdAt: number;
  /** How much buyers like it beyond fitting their taste: a long tail. */
  appeal: number;
}

export interface BehaviourLog {
  products: GeneratedProduct[];
  purchases: Purchase[];
  views: View[];
  shape: LogShape;
}

const TAGS = ['热卖', '新品', '包邮', '特价', '进口', '限时'];

function pick<T>(random: () => number, items: readonly T[]): T {
  return items[Math.floor(random() * items.length)];
}

/** Picks one item with probability proportional to its weight. */
function weighted<T>(random: () => number, items: readonly T[], weight: (item: T) => number): T {
  const weights = items.map(weight);
  const total = weights.reduce((sum, w) => sum + w, 0);
  let r = random() * total;
  for (let i = 0; i < items.length; i += 1) {
    r -= weights[i];
    if (r <= 0) return items[i];
  }
  return items[items.length - 1];
}

function makeCatalog(random: () => number, shape: LogShape): GeneratedProduct[] {
  const products: GeneratedProduct[] = [];
  for (let d = 0; d < shape.departments; d += 1) {
    const department = `d${d}`;
    const departmentWords = [`${department}w1`, `${department}w2`];
    for (let c = 0; c < shape.categoriesPerDepartment; c += 1) {
      const category = `${department}c${c}`;
      const vocabulary = Array.from({ length: 8 }, (_, i) => `${category}w${i}`);
      const basePrice = Math.round(2000 * 2 ** (random() * 5));
      for (let p = 0; p < shape.productsPerCategory; p += 1) {
        const words = new Set([pick(random, departmentWords)]);
        while (words.size < 4) words.add(pick(random, vocabulary));
        const tags = TAGS.filter(() => random() < 0.2);
        // Launch dates spread over the log; about one product in six in its last `newDays`.
        const age = random() < 0.17 ? random() * shape.newDays : shape.newDays + random() * shape.days;
        products.push({
          _id: `${category}p${String(p).padStart(2, '0')}`,
          categoryPath: [department, category],
          tags,
          terms: [...words],
          minPrice: Math.round(basePrice * 2 ** (random() * 2 - 1)),
          createdAt: shape.end - Math.round(age * DAY_MS),
          appeal: 1 / (1 + Math.floor(random() * 10)) ** 1.2,
        });
      }
    }
  }
  return products;
}

/** How much a buyer of this price level likes a price: 1 at their level, less an octave away. */
function priceFit(level: number, price: number): number {
  return 2 ** -Math.abs(Math.log2(price / level));
}

export function generateBehaviourLog(seed: number, shape: LogShape = DEFAULT_SHAPE): BehaviourLog {
  const random = seededRandom(seed);
  const products = makeCatalog(random, shape);
  const byCategory = new Map<string, GeneratedProduct[]>();
  const byDepartment = new Map<string, GeneratedProduct[]>();
  for (const product of products) {
    const [department, category] = product.categoryPath;
    byCategory.set(category, [...(byCategory.get(category) ?? []), product]);
    byDepartment.set(department, [...(byDepartment.get(department) ?? []), product]);
  }
  const categories = [...byCategory.keys()];
  const purchases: Purchase[] = [];
  const views: View[] = [];
  const start = shape.end - shape.days * DAY_MS;

  for (let b = 0; b < shape.buyers; b += 1) {
    const openid = `buyer${String(b).padStart(5, '0')}`;
    const first = pick(random, categories);
    const favourites = [first];
    if (random() < 0.5) favourites.push(pick(random, categories));
    const level = pick(random, byCategory.get(first) ?? products).minPrice * 2 ** (random() - 0.5);
    const orders = 1 + Math.floor(-Math.log(1 - random()) * 2.5);
    let at = start + random() * shape.days * 0.3 * DAY_MS;
    for (let o = 0; o < orders; o += 1) {
      at = Math.min(shape.end - 1, at + random() * (shape.days / (orders + 1)) * DAY_MS);
      const available = (list: readonly GeneratedProduct[]) => list.filter((p) => p.createdAt <= at);
      const r = random();
      const department = favourites[0].slice(0, favourites[0].indexOf('c'));
      const pool =
        r < 0.7
          ? available(byCategory.get(pick(random, favourites)) ?? [])
          : r < 0.85
            ? available(byDepartment.get(department) ?? [])
            : available(products);
      if (pool.length === 0) continue;
      // Buyers like what is new to them a little more: a launch gets its first buyers.
      const fit = (p: GeneratedProduct) =>
        p.appeal * priceFit(level, p.minPrice) * (at - p.createdAt < shape.newDays * DAY_MS ? 2 : 1);
      const chosen = weighted(random, pool, fit);
      for (let v = 0; v < 1 + Math.floor(random() * 3); v += 1) {
        const seen = weighted(random, available(byCategory.get(chosen.categoryPath[1]) ?? []), fit);
        views.push({ openid, productId: seen._id, at: at - (v + 1) * 60_000 });
      }
      const items = [{ productId: chosen._id, quantity: 1 }];
      if (random() < 0.2) {
        const extra = weighted(random, available(byDepartment.get(department) ?? []), fit);
        if (extra._id !== chosen._id) items.push({ productId: extra._id, quantity: 1 });
      }
      purchases.push({ openid, orderId: `${openid}o${o}`, at, items });
    }
  }
  return { products, purchases, views, shape };
}
