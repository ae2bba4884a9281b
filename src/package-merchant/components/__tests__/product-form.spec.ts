/** The product form's rules: SKU rows follow the spec dimensions, yuan become fen, and a bad form says what to fix. */
import {
  emptyDraft,
  productInputOf,
  specCombinations,
  syncSkus,
  yuanToFen,
  type ProductDraft,
} from '../product-form';
import { rateText } from '../chart-scale';

function filled(patch: Partial<ProductDraft> = {}): ProductDraft {
  return {
    ...emptyDraft(),
    title: '纯棉短袖',
    categoryId: 'c0101',
    images: ['cloud://env.bucket/products/1.png'],
    ...patch,
  };
}

test('yuan typed by the merchant become integer fen; anything else is refused', () => {
  expect(yuanToFen('12')).toBe(1200);
  expect(yuanToFen('12.5')).toBe(1250);
  expect(yuanToFen('0.07')).toBe(7);
  expect(yuanToFen(' 99.90 ')).toBe(9990);
  for (const bad of ['', '-1', '1.234', 'abc', '1e3', '12.']) expect(yuanToFen(bad)).toBeUndefined();
});

test('every combination of one value per dimension is a SKU; no dimensions is one SKU', () => {
  expect(specCombinations([])).toEqual([[]]);
  expect(
    specCombinations([
      { name: '颜色', values: ['红', '蓝'] },
      { name: '尺码', values: ['M', 'L'] },
    ]),
  ).toEqual([
    ['红', 'M'],
    ['红', 'L'],
    ['蓝', 'M'],
    ['蓝', 'L'],
  ]);
});

test('changing the dimensions keeps the rows already typed and starts new ones from the first row', () => {
  let draft = filled({ specs: [{ name: '颜色', values: '红 蓝' }] });
  draft = { ...draft, skus: syncSkus(draft) };
  draft.skus = draft.skus.map((sku, i) => ({ ...sku, price: i === 0 ? '59' : '69', stock: '5' }));
  draft = { ...draft, specs: [{ name: '颜色', values: '红，蓝、白' }] };
  const rows = syncSkus(draft);
  expect(rows.map((sku) => [sku.specValues, sku.price, sku.stock])).toEqual([
    [['红'], '59', '5'],
    [['蓝'], '69', '5'],
    [['白'], '59', ''],
  ]);
});

test('a complete form becomes the ProductInput the server takes, prices in fen', () => {
  const draft = filled({ specs: [{ name: '颜色', values: '红 蓝' }], tags: '新品  包邮' });
  draft.skus = syncSkus(draft).map((sku) => ({ ...sku, price: '59.9', originalPrice: '', stock: '10' }));
  const checked = productInputOf(draft);
  expect(checked).toEqual({
    ok: true,
    input: {
      title: '纯棉短袖',
      subtitle: '',
      categoryId: 'c0101',
      images: ['cloud://env.bucket/products/1.png'],
      description: '',
      tags: ['新品', '包邮'],
      specs: [{ name: '颜色', values: ['红', '蓝'] }],
      skus: [
        { specValues: ['红'], price: 5990, originalPrice: 5990, stock: 10, onSale: true },
        { specValues: ['蓝'], price: 5990, originalPrice: 5990, stock: 10, onSale: true },
      ],
    },
  });
});

test('an existing SKU keeps its stock: saving the form never overwrites sales made meanwhile', () => {
  const draft = filled();
  draft.skus = [
    {
      key: '',
      skuId: 'p1-s1',
      specValues: [],
      price: '10',
      originalPrice: '12',
      stock: '999',
      onSale: true,
      currentStock: 3,
    },
  ];
  const checked = productInputOf(draft);
  expect(checked.ok && checked.input.skus).toEqual([
    { skuId: 'p1-s1', specValues: [], price: 1000, originalPrice: 1200, stock: 3, onSale: true },
  ]);
});

test('the first problem of a form is named in Chinese, and nothing is built', () => {
  expect(productInputOf({ ...filled(), title: ' ' })).toEqual({
    ok: false,
    problem: '请填写商品标题（60 字以内）',
  });
  expect(productInputOf(filled({ categoryId: '' }))).toMatchObject({ ok: false, problem: '请选择商品分类' });
  expect(productInputOf(filled({ images: [] }))).toMatchObject({
    ok: false,
    problem: '请至少上传一张商品图片',
  });
  const noPrice = filled();
  expect(productInputOf(noPrice)).toMatchObject({ ok: false, problem: '请填写「默认规格」的售价' });
  const cheapOriginal = filled();
  cheapOriginal.skus = syncSkus(cheapOriginal).map((sku) => ({ ...sku, price: '20', originalPrice: '10' }));
  expect(productInputOf(cheapOriginal)).toMatchObject({
    ok: false,
    problem: '「默认规格」的划线价不能低于售价',
  });
  expect(productInputOf(filled({ specs: [{ name: '颜色', values: '' }] }))).toMatchObject({
    ok: false,
    problem: '请填写完整的规格名和规格值',
  });
});

test('the funnel reads each step as a rate of the step before', () => {
  expect(rateText(1, 4)).toBe('25.0%');
  expect(rateText(3, 0)).toBe('—');
});
