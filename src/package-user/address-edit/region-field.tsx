/**
 * 所在地区: a three-column picker (省 / 市 / 区县) fed by China's divisions (@shop/domain/regions, the data the
 * server checks addresses against), so a buyer can only pick a region the server accepts. It lives in this
 * subpackage: the division data (about 160 KB) is loaded with the address form, never with the main package.
 * The H5 build keeps three plain inputs (its picker is not reliable on every browser); the server still
 * checks what they send.
 */
import { useMemo, useState } from 'react';
import { View, Text, Input, Picker } from '@tarojs/components';
import { citiesOf, districtsOf, findRegion, provinces, type RegionOption } from '@shop/domain/regions';
import './region-field.css';

export interface Region {
  province: string;
  city: string;
  district: string;
}

export interface RegionFieldProps {
  value: Region;
  onChange: (region: Region) => void;
}

const PARTS: { key: keyof Region; placeholder: string }[] = [
  { key: 'province', placeholder: '省' },
  { key: 'city', placeholder: '市' },
  { key: 'district', placeholder: '区/县' },
];

/** The three columns for a choice of indexes; an index past its column's end falls back to the first. */
function columnsFor(indexes: readonly number[]): { columns: RegionOption[][]; indexes: number[] } {
  const provinceList = [...provinces()];
  const p = indexes[0] < provinceList.length ? indexes[0] : 0;
  const cityList = [...citiesOf(provinceList[p].code)];
  const c = indexes[1] < cityList.length ? indexes[1] : 0;
  const districtList = cityList.length > 0 ? [...districtsOf(cityList[c].code)] : [];
  const d = indexes[2] < districtList.length ? indexes[2] : 0;
  return { columns: [provinceList, cityList, districtList], indexes: [p, c, d] };
}

/** Where a chosen region sits in the columns (the first of each column when none is chosen yet). */
function indexesOf(value: Region): number[] {
  const found = findRegion(value);
  if (!found) return [0, 0, 0];
  const p = provinces().findIndex((o) => o.code === found.province.code);
  const c = citiesOf(found.province.code).findIndex((o) => o.code === found.city.code);
  const d = districtsOf(found.city.code).findIndex((o) => o.code === found.district.code);
  return [p, c, d];
}

export default function RegionField({ value, onChange }: RegionFieldProps) {
  const [scrolled, setScrolled] = useState<number[] | undefined>(undefined);
  const shown = useMemo(() => columnsFor(scrolled ?? indexesOf(value)), [scrolled, value]);

  if (process.env.TARO_ENV === 'h5') {
    return (
      <View className="region-field region-field--inputs">
        {PARTS.map((part) => (
          <Input
            key={part.key}
            id={`address-${part.key}`}
            className="region-field__input"
            placeholderClass="form-placeholder"
            placeholder={part.placeholder}
            maxlength={20}
            value={value[part.key]}
            onInput={(event) => onChange({ ...value, [part.key]: event.detail.value })}
          />
        ))}
      </View>
    );
  }
  const chosen = value.province !== '';
  return (
    <Picker
      id="address-region"
      mode="multiSelector"
      range={shown.columns.map((column) => column.map((option) => option.name))}
      value={shown.indexes}
      onColumnChange={(event) => {
        const { column, value: row } = event.detail;
        // Scrolling a column resets the columns after it to their first row.
        const next = shown.indexes.map((index, i) => (i < column ? index : i === column ? row : 0));
        setScrolled(next);
      }}
      onCancel={() => setScrolled(undefined)}
      onChange={(event) => {
        const picked = columnsFor(event.detail.value as number[]);
        const [p, c, d] = picked.indexes;
        setScrolled(undefined);
        onChange({
          province: picked.columns[0][p]?.name ?? '',
          city: picked.columns[1][c]?.name ?? '',
          district: picked.columns[2][d]?.name ?? '',
        });
      }}
    >
      <View className="region-field" id="address-region-picker">
        <Text className={chosen ? 'region-field__text' : 'form-placeholder'}>
          {chosen ? [value.province, value.city, value.district].join(' ') : '选择省 / 市 / 区'}
        </Text>
        <Text className="region-field__arrow">›</Text>
      </View>
    </Picker>
  );
}
