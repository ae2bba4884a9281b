/** China's divisions as the address book checks them, and names from WeChat's address book mapped onto them. */
import {
  citiesOf,
  districtsOf,
  findRegion,
  matchRegion,
  provinces,
} from '../../../cloudfunctions/common/domain/regions';

test('the divisions: 34 provincial units, cities under their province, districts under their city', () => {
  expect(provinces()).toHaveLength(34);
  const zhejiang = provinces().find((p) => p.name === '浙江省');
  expect(zhejiang?.code).toBe('330000');
  expect(citiesOf('330000').map((c) => c.name)).toContain('杭州市');
  expect(districtsOf('330100').map((d) => d.name)).toContain('西湖区');
  expect(citiesOf('999999')).toEqual([]);
});

test('a region is real only as a whole: each part under the one before', () => {
  expect(findRegion({ province: '浙江省', city: '杭州市', district: '西湖区' })).toMatchObject({
    province: { code: '330000' },
    city: { code: '330100' },
    district: { code: '330106' },
  });
  expect(findRegion({ province: '上海市', city: '上海市', district: '浦东新区' })).toBeDefined();
  // 西湖区 exists, but not in 宁波市; 杭州市 is not in 江苏省.
  expect(findRegion({ province: '浙江省', city: '宁波市', district: '西湖区' })).toBeUndefined();
  expect(findRegion({ province: '江苏省', city: '杭州市', district: '西湖区' })).toBeUndefined();
});

test.each(['constructor', '__proto__', 'toString', 'hasOwnProperty', ''])(
  'a name like %j is no region',
  (name) => {
    expect(findRegion({ province: name, city: name, district: name })).toBeUndefined();
    expect(findRegion({ province: '浙江省', city: '杭州市', district: name })).toBeUndefined();
    expect(matchRegion({ province: name, city: '杭州市', district: '西湖区' })).toMatchObject({
      ok: false,
      part: 'province',
    });
  },
);

test("WeChat's names map onto the divisions, forgiving a missing suffix; the first unknown part is named", () => {
  expect(matchRegion({ province: '广东省', city: '广州市', district: '海珠区' })).toMatchObject({
    ok: true,
    region: { province: { code: '440000' }, city: { code: '440100' }, district: { code: '440105' } },
  });
  expect(matchRegion({ province: '北京', city: '北京市', district: '朝阳区' })).toMatchObject({
    ok: true,
    region: { province: { name: '北京市' }, district: { name: '朝阳区' } },
  });
  expect(matchRegion({ province: '内蒙古', city: '呼和浩特市', district: '新城区' })).toMatchObject({
    ok: true,
    region: { province: { name: '内蒙古自治区' } },
  });
  expect(matchRegion({ province: '浙江省', city: '杭州市', district: '不存在区' })).toEqual({
    ok: false,
    part: 'district',
    name: '不存在区',
  });
  expect(matchRegion({ province: '浙江省', city: '苏州市', district: '姑苏区' })).toEqual({
    ok: false,
    part: 'city',
    name: '苏州市',
  });
});
