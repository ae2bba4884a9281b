import {
  findSku,
  initialSelection,
  priceRange,
  specOptions,
  specText,
} from '../../../cloudfunctions/common/domain/sku-availability';
import { product, sku, tshirtSkus } from './fixtures';

const specs = product().specs;

function disabled(selection: Array<string | null>): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const dim of specOptions(specs, tshirtSkus(), selection)) {
    out[dim.name] = dim.values.filter((v) => v.disabled).map((v) => v.value);
  }
  return out;
}

describe('specOptions', () => {
  it('with nothing chosen disables only values no buyable SKU has', () => {
    // 蓝/S is buyable and 红/M too, so every colour and size has something.
    expect(disabled([null, null])).toEqual({ 颜色: [], 尺码: [] });
  });

  it('disables sizes out of stock, off sale or missing for the chosen colour', () => {
    expect(disabled(['红', null])).toEqual({ 颜色: [], 尺码: ['S'] });
    expect(disabled(['蓝', null])).toEqual({ 颜色: [], 尺码: ['M', 'L'] });
  });

  it('judges a dimension against the other dimensions only', () => {
    // With M chosen only 红 has it; the size row still offers S (蓝/S) — switching is always possible.
    expect(disabled(['蓝', 'M'])).toEqual({ 颜色: ['蓝'], 尺码: ['M', 'L'] });
    expect(disabled([null, 'S'])).toEqual({ 颜色: ['红'], 尺码: [] });
  });

  it('marks the selected values', () => {
    const options = specOptions(specs, tshirtSkus(), ['红', 'M']);
    expect(options[0].values.filter((v) => v.selected).map((v) => v.value)).toEqual(['红']);
    expect(options[1].values.filter((v) => v.selected).map((v) => v.value)).toEqual(['M']);
  });

  it('lets a value disabled only for want of stock be chosen (到货提醒), never an off-sale or missing one', () => {
    const soldOut = (selection: Array<string | null>) =>
      specOptions(specs, tshirtSkus(), selection).map((d) =>
        d.values.filter((v) => v.soldOut).map((v) => v.value),
      );
    // 红/S has no stock; 蓝/M is off sale and 蓝/L does not exist.
    expect(soldOut(['红', null])).toEqual([[], ['S']]);
    expect(soldOut(['蓝', null])).toEqual([[], []]);
    expect(
      specOptions(specs, tshirtSkus(), [null, null]).flatMap((d) => d.values.filter((v) => v.soldOut)),
    ).toEqual([]);
  });

  it('disables everything when nothing has stock', () => {
    const none = tshirtSkus().map((s) => ({ ...s, stock: 0 }));
    const flat = specOptions(specs, none, [null, null]).flatMap((d) => d.values);
    expect(flat.every((v) => v.disabled)).toBe(true);
  });
});

describe('findSku', () => {
  it('finds the SKU of a full selection, sold out or not', () => {
    expect(findSku(specs, tshirtSkus(), ['红', 'M'])?._id).toBe('p001-s02');
    expect(findSku(specs, tshirtSkus(), ['红', 'S'])?._id).toBe('p001-s01');
  });

  it('finds nothing for a partial or unknown selection', () => {
    expect(findSku(specs, tshirtSkus(), ['红', null])).toBeUndefined();
    expect(findSku(specs, tshirtSkus(), ['红'])).toBeUndefined();
    expect(findSku(specs, tshirtSkus(), ['蓝', 'L'])).toBeUndefined();
  });

  it('handles a product without specs', () => {
    const single = [sku('p002-s01', [], { productId: 'p002' })];
    expect(initialSelection([])).toEqual([]);
    expect(findSku([], single, [])?._id).toBe('p002-s01');
  });

  it('preselects dimensions with a single value', () => {
    expect(
      initialSelection([
        { name: '规格', values: ['500g'] },
        { name: '口味', values: ['甜', '咸'] },
      ]),
    ).toEqual(['500g', null]);
  });
});

describe('priceRange', () => {
  it('spans on-sale SKUs, sold-out included, off-sale excluded', () => {
    const skus = [
      ...tshirtSkus(),
      sku('p001-s06', ['蓝', 'L'], { price: 9900, originalPrice: 12900, onSale: false }),
    ];
    expect(priceRange(skus)).toEqual({ min: 4900, max: 5900, originalMax: 6900 });
  });

  it('is undefined when nothing is on sale', () => {
    expect(priceRange(tshirtSkus().map((s) => ({ ...s, onSale: false })))).toBeUndefined();
    expect(priceRange([])).toBeUndefined();
  });
});

describe('specText', () => {
  it('names each dimension in order', () => {
    expect(specText(specs, ['红', 'M'])).toBe('颜色:红 尺码:M');
    expect(specText([], [])).toBe('');
  });
});
