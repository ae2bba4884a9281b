/**
 * China's provinces, cities and districts (@vant/area-data: the administrative division codes, 6 digits, a
 * city's code sharing its province's first 2 and a district's its city's first 4). The server checks an
 * address's region against them and the address form's picker offers exactly them, so the two agree. Every
 * lookup is in a Map built from the data: a name such as `constructor` finds nothing.
 */
import { areaList } from '@vant/area-data';

export interface RegionNames {
  province: string;
  city: string;
  district: string;
}

export interface RegionOption {
  code: string;
  name: string;
}

interface RegionIndex {
  provinces: RegionOption[];
  citiesByProvince: Map<string, RegionOption[]>;
  districtsByCity: Map<string, RegionOption[]>;
}

let index: RegionIndex | undefined;

function group(list: Record<string, string>, prefixLength: number): Map<string, RegionOption[]> {
  const groups = new Map<string, RegionOption[]>();
  for (const [code, name] of Object.entries(list)) {
    const key = code.slice(0, prefixLength);
    const options = groups.get(key) ?? [];
    options.push({ code, name });
    groups.set(key, options);
  }
  return groups;
}

function regionIndex(): RegionIndex {
  index ??= {
    provinces: Object.entries(areaList.province_list).map(([code, name]) => ({ code, name })),
    citiesByProvince: group(areaList.city_list, 2),
    districtsByCity: group(areaList.county_list, 4),
  };
  return index;
}

export function provinces(): readonly RegionOption[] {
  return regionIndex().provinces;
}

export function citiesOf(provinceCode: string): readonly RegionOption[] {
  return regionIndex().citiesByProvince.get(provinceCode.slice(0, 2)) ?? [];
}

export function districtsOf(cityCode: string): readonly RegionOption[] {
  return regionIndex().districtsByCity.get(cityCode.slice(0, 4)) ?? [];
}

export interface RegionCodes {
  province: RegionOption;
  city: RegionOption;
  district: RegionOption;
}

/** The region with exactly these names, or undefined when they are not a real province/city/district. */
export function findRegion(names: RegionNames): RegionCodes | undefined {
  const province = provinces().find((p) => p.name === names.province);
  const city = province && citiesOf(province.code).find((c) => c.name === names.city);
  const district = city && districtsOf(city.code).find((d) => d.name === names.district);
  return province && city && district ? { province, city, district } : undefined;
}

// Suffixes the same place is written with or without (内蒙古 / 内蒙古自治区, 北京 / 北京市).
const SUFFIXES = /(特别行政区|维吾尔自治区|壮族自治区|回族自治区|自治区|自治州|地区|盟|省|市|区|县)$/;

function shortName(name: string): string {
  return name.trim().replace(SUFFIXES, '');
}

/** Exactly the name, else the only option whose short name is the same. */
function pick(options: readonly RegionOption[], name: string): RegionOption | undefined {
  const exact = options.find((o) => o.name === name.trim());
  if (exact) return exact;
  const short = shortName(name);
  const alike = options.filter((o) => shortName(o.name) === short);
  return short !== '' && alike.length === 1 ? alike[0] : undefined;
}

export type RegionMatch =
  { ok: true; region: RegionCodes } | { ok: false; part: keyof RegionNames; name: string };

/**
 * Maps names written by someone else (WeChat's address book: provinceName, cityName, countyName) onto the
 * divisions, forgiving a missing or extra suffix; answers the first part that matches nothing.
 */
export function matchRegion(names: RegionNames): RegionMatch {
  const province = pick(provinces(), names.province);
  if (!province) return { ok: false, part: 'province', name: names.province };
  const city = pick(citiesOf(province.code), names.city);
  if (!city) return { ok: false, part: 'city', name: names.city };
  const district = pick(districtsOf(city.code), names.district);
  if (!district) return { ok: false, part: 'district', name: names.district };
  return { ok: true, region: { province, city, district } };
}
