import {
  DEFAULT_SHIPPING_RULE,
  freeShippingRuleOf,
  freeShippingShortfall,
  shippingFee,
  type ShippingRule,
} from '../../../cloudfunctions/common/domain/shipping';

const rule: ShippingRule = {
  baseFee: 1000,
  freeFrom: 9900,
  regionExtra: { 新疆维吾尔自治区: 1500, 西藏自治区: 1500 },
  noDelivery: ['台湾省'],
};

describe('shippingFee', () => {
  it('charges the base fee below the free threshold', () => {
    expect(shippingFee(rule, '浙江省', 9899)).toEqual({ ok: true, value: 1000 });
  });

  it('ships free when the subtotal exactly meets the threshold', () => {
    expect(shippingFee(rule, '浙江省', 9900)).toEqual({ ok: true, value: 0 });
  });

  it('adds the region extra, even when the base fee is waived', () => {
    expect(shippingFee(rule, '新疆维吾尔自治区', 5000)).toEqual({ ok: true, value: 2500 });
    expect(shippingFee(rule, '西藏自治区', 20000)).toEqual({ ok: true, value: 1500 });
  });

  it('matches provinces after trimming, by full name only', () => {
    expect(shippingFee(rule, ' 新疆维吾尔自治区 ', 20000)).toEqual({ ok: true, value: 1500 });
    expect(shippingFee(rule, '新疆', 20000)).toEqual({ ok: true, value: 0 });
  });

  it('reads the region table by its own keys only: constructor, __proto__, toString are plain provinces', () => {
    for (const province of ['constructor', '__proto__', 'toString', 'hasOwnProperty']) {
      expect(shippingFee(rule, province, 5000)).toEqual({ ok: true, value: 1000 });
    }
  });

  it('charges the base part only while no address is chosen', () => {
    expect(shippingFee(rule, undefined, 100)).toEqual({ ok: true, value: 1000 });
  });

  it('charges nothing for nothing', () => {
    expect(shippingFee(rule, '新疆维吾尔自治区', 0)).toEqual({ ok: true, value: 0 });
  });

  it('refuses provinces the shop does not ship to', () => {
    expect(shippingFee(rule, '台湾省', 5000)).toEqual({
      ok: false,
      code: 'SHIPPING_UNAVAILABLE',
      detail: { province: '台湾省' },
    });
  });

  it('refuses a fractional subtotal', () => {
    expect(() => shippingFee(rule, '浙江省', 99.5)).toThrow(TypeError);
  });

  it('has a default rule with free shipping from ¥99', () => {
    expect(shippingFee(DEFAULT_SHIPPING_RULE, '上海市', 9900)).toEqual({ ok: true, value: 0 });
    expect(shippingFee(DEFAULT_SHIPPING_RULE, '上海市', 100)).toEqual({ ok: true, value: 1000 });
  });
});

describe('freeShippingShortfall (再买 ¥X 包邮)', () => {
  it('is what the subtotal lacks below the threshold, and 0 from it on', () => {
    expect(freeShippingShortfall(rule, 7900)).toBe(2000);
    expect(freeShippingShortfall(rule, 9899)).toBe(1);
    expect(freeShippingShortfall(rule, 9900)).toBe(0);
    expect(freeShippingShortfall(rule, 15800)).toBe(0);
  });

  it('is 0 when the shop charges no base fee (nothing to waive)', () => {
    expect(freeShippingShortfall({ baseFee: 0, freeFrom: 9900 }, 100)).toBe(0);
  });

  it('agrees with the fee: a base fee is charged exactly when something is still lacking', () => {
    for (const subtotal of [1, 5000, 9899, 9900, 9901, 20000]) {
      const charged = shippingFee(rule, '浙江省', subtotal);
      expect(charged).toEqual({ ok: true, value: freeShippingShortfall(rule, subtotal) > 0 ? 1000 : 0 });
    }
  });

  it('refuses a fractional subtotal', () => {
    expect(() => freeShippingShortfall(rule, 12.5)).toThrow(TypeError);
  });

  it('the pages are given only the base fee and the threshold', () => {
    expect(freeShippingRuleOf(rule)).toEqual({ baseFee: 1000, freeFrom: 9900 });
  });
});
