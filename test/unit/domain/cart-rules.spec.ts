import {
  buildCartView,
  cartBadgeCount,
  checkLineQuantity,
  lineInvalidReason,
  MAX_CART_LINES,
  planAddToCart,
} from '../../../cloudfunctions/common/domain/cart-rules';
import type { CartLine, Product, Sku } from '../../../types/entities';
import { cartLine, NOW, product, sku, tshirtSkus } from './fixtures';

const ctx = { openid: 'o-buyer', now: NOW, newId: () => 'new-line' };
const red = (overrides: Partial<Sku> = {}) => sku('p001-s02', ['红', 'M'], overrides);

describe('planAddToCart', () => {
  it('inserts a new selected line', () => {
    const plan = planAddToCart(
      [],
      { productId: 'p001', skuId: 'p001-s02', quantity: 2 },
      product(),
      red(),
      ctx,
    );
    expect(plan).toEqual({
      ok: true,
      value: {
        kind: 'INSERT',
        line: {
          _id: 'new-line',
          openid: 'o-buyer',
          productId: 'p001',
          skuId: 'p001-s02',
          quantity: 2,
          selected: true,
          addedAt: NOW,
        },
      },
    });
  });

  it('merges into the line of the same SKU', () => {
    const plan = planAddToCart(
      [cartLine({ quantity: 3 })],
      { productId: 'p001', skuId: 'p001-s02', quantity: 2 },
      product(),
      red(),
      ctx,
    );
    expect(plan).toEqual({ ok: true, value: { kind: 'MERGE', lineId: 'l1', quantity: 5 } });
  });

  it('clamps a merge to the stock, and refuses once the line holds all of it', () => {
    const low = red({ stock: 4 });
    const input = { productId: 'p001', skuId: 'p001-s02', quantity: 3 };
    expect(planAddToCart([cartLine({ quantity: 3 })], input, product(), low, ctx)).toEqual({
      ok: true,
      value: { kind: 'MERGE', lineId: 'l1', quantity: 4, clamped: 'STOCK' },
    });
    expect(planAddToCart([cartLine({ quantity: 4 })], input, product(), low, ctx)).toEqual({
      ok: false,
      code: 'OUT_OF_STOCK',
      detail: { available: 4 },
    });
  });

  it('clamps at 99 per line, then refuses with QUANTITY_OUT_OF_RANGE', () => {
    const plenty = red({ stock: 500 });
    const input = { productId: 'p001', skuId: 'p001-s02', quantity: 10 };
    const at95 = planAddToCart([cartLine({ quantity: 95 })], input, product(), plenty, ctx);
    expect(at95).toEqual({
      ok: true,
      value: { kind: 'MERGE', lineId: 'l1', quantity: 99, clamped: 'LIMIT' },
    });
    const at99 = planAddToCart([cartLine({ quantity: 99 })], input, product(), plenty, ctx);
    expect(at99.ok || at99.code).toBe('QUANTITY_OUT_OF_RANGE');
  });

  it('clamps a first add above the stock too', () => {
    const plan = planAddToCart(
      [],
      { productId: 'p001', skuId: 'p001-s02', quantity: 5 },
      product(),
      red({ stock: 2 }),
      ctx,
    );
    expect(plan.ok && plan.value).toMatchObject({ kind: 'INSERT', line: { quantity: 2 }, clamped: 'STOCK' });
  });

  it.each([0, -1, 100, 1.5, Number.NaN])('refuses quantity %p', (quantity) => {
    const plan = planAddToCart([], { productId: 'p001', skuId: 'p001-s02', quantity }, product(), red(), ctx);
    expect(plan).toEqual({ ok: false, code: 'QUANTITY_OUT_OF_RANGE', detail: { min: 1, max: 99 } });
  });

  it.each<[string, Product | undefined, Sku | undefined, string]>([
    ['missing product', undefined, red(), 'PRODUCT_NOT_FOUND'],
    ['missing sku', product(), undefined, 'SKU_NOT_FOUND'],
    ['sku of another product', product(), red({ productId: 'p999' }), 'SKU_NOT_FOUND'],
    ['product off sale', product({ onSale: false }), red(), 'PRODUCT_OFF_SALE'],
    ['sku off sale', product(), red({ onSale: false }), 'PRODUCT_OFF_SALE'],
    ['stock 0', product(), red({ stock: 0 }), 'OUT_OF_STOCK'],
  ])('refuses a %s', (_name, p, s, code) => {
    const plan = planAddToCart([], { productId: 'p001', skuId: 'p001-s02', quantity: 1 }, p, s, ctx);
    expect(plan.ok).toBe(false);
    expect(!plan.ok && plan.code).toBe(code);
  });

  it('refuses a new line in a full cart but still merges into an existing one', () => {
    const full: CartLine[] = Array.from({ length: MAX_CART_LINES }, (_, i) =>
      cartLine({ _id: `l${i}`, skuId: i === 0 ? 'p001-s02' : `x${i}` }),
    );
    const input = { productId: 'p001', skuId: 'p001-s02', quantity: 1 };
    expect(planAddToCart(full, input, product(), red(), ctx).ok).toBe(true);
    const other = sku('p001-s03', ['红', 'L']);
    const plan = planAddToCart(full, { ...input, skuId: 'p001-s03' }, product(), other, ctx);
    expect(plan).toEqual({ ok: false, code: 'CART_FULL', detail: { max: 100 } });
    expect(planAddToCart(full.slice(1), { ...input, skuId: 'p001-s03' }, product(), other, ctx).ok).toBe(
      true,
    );
  });
});

describe('checkLineQuantity', () => {
  it('accepts 1..99 within the stock', () => {
    expect(checkLineQuantity(cartLine({ quantity: 1 }), 10, red({ stock: 10 }))).toEqual({
      ok: true,
      value: 10,
    });
  });

  it('refuses raising past the stock', () => {
    expect(checkLineQuantity(cartLine({ quantity: 1 }), 11, red({ stock: 10 }))).toEqual({
      ok: false,
      code: 'OUT_OF_STOCK',
      detail: { available: 10 },
    });
  });

  it('allows lowering a line that is still above the stock', () => {
    expect(checkLineQuantity(cartLine({ quantity: 8 }), 6, red({ stock: 3 })).ok).toBe(true);
  });

  it.each([0, 100, 2.5])('refuses %p', (q) => {
    expect(checkLineQuantity(cartLine(), q, red()).ok).toBe(false);
  });
});

describe('lineInvalidReason', () => {
  it.each<[string, Product | undefined, Sku | undefined, number, string | undefined]>([
    ['valid', product(), red(), 1, undefined],
    ['exactly the stock', product(), red({ stock: 3 }), 3, undefined],
    ['product deleted', undefined, red(), 1, 'OFF_SALE'],
    ['product off sale', product({ onSale: false }), red(), 1, 'OFF_SALE'],
    ['sku off sale', product(), red({ onSale: false }), 1, 'OFF_SALE'],
    ['sku gone', product(), undefined, 1, 'SKU_GONE'],
    ['stock 0', product(), red({ stock: 0 }), 1, 'OUT_OF_STOCK'],
    ['stock short', product(), red({ stock: 2 }), 3, 'STOCK_SHORT'],
  ])('%s', (_name, p, s, quantity, reason) => {
    expect(lineInvalidReason(cartLine({ quantity }), p, s)).toBe(reason);
  });
});

describe('buildCartView', () => {
  const products = new Map([['p001', product()]]);
  const skus = new Map(tshirtSkus().map((s) => [s._id, s]));

  it('totals only selected valid lines and counts every line in the badge', () => {
    const lines = [
      cartLine({ _id: 'a', skuId: 'p001-s02', quantity: 2, addedAt: 1 }), // 49.00 × 2, valid
      cartLine({ _id: 'b', skuId: 'p001-s03', quantity: 1, addedAt: 3 }), // 59.00, valid
      cartLine({ _id: 'c', skuId: 'p001-s03', quantity: 1, selected: false, addedAt: 2 }), // not selected
      cartLine({ _id: 'd', skuId: 'p001-s01', quantity: 1, addedAt: 4 }), // out of stock
      cartLine({ _id: 'e', skuId: 'p001-s04', quantity: 5, addedAt: 5 }), // stock 2: short
    ];
    const view = buildCartView(lines, products, skus);
    expect(view.lines.map((l) => l.lineId)).toEqual(['e', 'd', 'b', 'c', 'a']);
    expect(view.lines.map((l) => l.invalid)).toEqual([
      'STOCK_SHORT',
      'OUT_OF_STOCK',
      undefined,
      undefined,
      undefined,
    ]);
    expect(view.selectedTotal).toBe(4900 * 2 + 5900);
    expect(view.selectedLineCount).toBe(2);
    expect(view.selectedQuantity).toBe(3);
    expect(view.allSelected).toBe(false);
    expect(view.badgeCount).toBe(10);
    expect(cartBadgeCount(lines)).toBe(10);
    expect(view.lines[2]).toMatchObject({
      title: '纯棉圆领短袖T恤',
      specText: '颜色:红 尺码:L',
      image: '/assets/products/p001-1.svg',
    });
  });

  it('is all-selected when every valid line is, ignoring invalid ones', () => {
    const view = buildCartView(
      [cartLine({ _id: 'a' }), cartLine({ _id: 'd', skuId: 'p001-s01', selected: false })],
      products,
      skus,
    );
    expect(view.allSelected).toBe(true);
  });

  it('is empty and not all-selected for an empty cart', () => {
    expect(buildCartView([], products, skus)).toEqual({
      lines: [],
      selectedLineCount: 0,
      selectedQuantity: 0,
      selectedTotal: 0,
      allSelected: false,
      badgeCount: 0,
    });
  });
});
