import { addressInputSchema, addressUpdateSchema } from '../../../cloudfunctions/common/validation/address';
import {
  addToCartSchema,
  removeCartLinesSchema,
  selectCartLinesSchema,
  setCartQuantitySchema,
} from '../../../cloudfunctions/common/validation/cart';
import { createOrderSchema, quoteCheckoutSchema } from '../../../cloudfunctions/common/validation/checkout';

const address = {
  name: '张三',
  mobile: '13800138000',
  province: '浙江省',
  city: '杭州市',
  district: '西湖区',
  detail: '文三路1号',
  isDefault: true,
};

describe('address input', () => {
  it('accepts a mainland address, trims text and defaults isDefault', () => {
    const { isDefault: _ignored, ...rest } = address;
    expect(addressInputSchema.parse({ ...rest, name: ' 张三 ' })).toEqual({ ...address, isDefault: false });
  });

  it.each(['13800138000', '19912345678'])('accepts mobile %s', (mobile) => {
    expect(addressInputSchema.safeParse({ ...address, mobile }).success).toBe(true);
  });

  it.each(['12800138000', '1380013800', '138001380001', '+8613800138000', '1380013800a', ''])(
    'refuses mobile %p',
    (mobile) => {
      expect(addressInputSchema.safeParse({ ...address, mobile }).success).toBe(false);
    },
  );

  it('bounds the detail by characters, not UTF-16 units', () => {
    expect(addressInputSchema.safeParse({ ...address, detail: '1' }).success).toBe(false);
    expect(addressInputSchema.safeParse({ ...address, detail: '𠀀'.repeat(100) }).success).toBe(true);
    expect(addressInputSchema.safeParse({ ...address, detail: '路'.repeat(101) }).success).toBe(false);
  });

  it('refuses empty regions, over-long names and control characters', () => {
    expect(addressInputSchema.safeParse({ ...address, province: '  ' }).success).toBe(false);
    expect(addressInputSchema.safeParse({ ...address, name: '名'.repeat(21) }).success).toBe(false);
    expect(addressInputSchema.safeParse({ ...address, detail: '文三路\n1号' }).success).toBe(false);
  });

  it('needs an id to update', () => {
    expect(addressUpdateSchema.safeParse(address).success).toBe(false);
    expect(addressUpdateSchema.safeParse({ ...address, addressId: 'a1' }).success).toBe(true);
  });
});

describe('cart inputs', () => {
  it('requires the quantity', () => {
    expect(addToCartSchema.safeParse({ productId: 'p001', skuId: 'p001-s01' }).success).toBe(false);
    expect(addToCartSchema.parse({ productId: 'p001', skuId: 'p001-s01', quantity: 1 }).quantity).toBe(1);
  });

  it.each([0, 100, 1.5, '2', null])('refuses quantity %p', (quantity) => {
    expect(setCartQuantitySchema.safeParse({ lineId: 'l1', quantity }).success).toBe(false);
  });

  it.each(['', 'p 001', 'p001;drop', 'x'.repeat(65), { $ne: null }])('refuses id %p', (productId) => {
    expect(addToCartSchema.safeParse({ productId, skuId: 'p001-s01', quantity: 1 }).success).toBe(false);
  });

  it('needs 1..100 distinct line ids', () => {
    expect(removeCartLinesSchema.safeParse({ lineIds: [] }).success).toBe(false);
    expect(removeCartLinesSchema.safeParse({ lineIds: ['a', 'a'] }).success).toBe(false);
    expect(selectCartLinesSchema.safeParse({ lineIds: ['a', 'b'], selected: true }).success).toBe(true);
    const many = Array.from({ length: 101 }, (_, i) => `l${i}`);
    expect(removeCartLinesSchema.safeParse({ lineIds: many }).success).toBe(false);
  });

  it('drops fields it does not know, such as the userInfo WeChat adds to events', () => {
    const parsed = addToCartSchema.parse({
      productId: 'p001',
      skuId: 'p001-s01',
      quantity: 2,
      userInfo: { openId: 'x' },
      price: 1,
    });
    expect(parsed).toEqual({ productId: 'p001', skuId: 'p001-s01', quantity: 2 });
  });
});

describe('checkout inputs', () => {
  const items = [{ productId: 'p001', skuId: 'p001-s01', quantity: 1 }];

  it('tells "no coupon" (null) from "suggest one" (absent)', () => {
    expect(quoteCheckoutSchema.parse({ items, couponId: null }).couponId).toBeNull();
    expect(quoteCheckoutSchema.parse({ items }).couponId).toBeUndefined();
  });

  it('needs an address, a request id and the confirmed payable to create an order', () => {
    expect(createOrderSchema.safeParse({ items, addressId: 'a1' }).success).toBe(false);
    expect(
      createOrderSchema.safeParse({
        items,
        addressId: 'a1',
        requestId: 'req-00000001',
        expectedPayable: 5900,
      }).success,
    ).toBe(true);
    expect(
      createOrderSchema.safeParse({ items, addressId: 'a1', requestId: 'short', expectedPayable: 5900 })
        .success,
    ).toBe(false);
  });

  it('refuses an empty order', () => {
    expect(quoteCheckoutSchema.safeParse({ items: [] }).success).toBe(false);
  });
});
