/**
 * 所在地区: a three-column picker (省 / 市 / 区县) fed by China's divisions (@shop/domain/regions, the data the
 * server checks addresses against), so a buyer can only pick a region the server accepts. It lives in this
 * subpackage: the division data (about 160 KB) is loaded with the address form, never with the main package.
 * H5's multi-column picker is not reliable on every browser, so H5 picks step by step in a bottom sheet
 * (省 → 市 → 区县, region-steps.ts) from the same data: it cannot send a region the server refuses.
 */
import { useMemo, useState } from 'react';
import { View, Text, Picker } from '@tarojs/components';
import { citiesOf, districtsOf, findRegion, provinces, type RegionOption } from '@shop/domain/regions';
import BottomSheet from '../../components/common/bottom-sheet';
import { backTo, choose, optionsAt, startSteps, STEP_TITLES, type RegionSteps } from './region-steps';
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

  if (process.env.TARO_ENV === 'h5') return <RegionSheetField value={value} onChange={onChange} />;
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
      <RegionText value={value} />
    </Picker>
  );
}

function RegionText({ value, onClick }: { value: Region; onClick?: () => void }) {
  const chosen = value.province !== '';
  return (
    <View className="region-field" id="address-region-picker" onClick={onClick}>
      <Text className={chosen ? 'region-field__text' : 'form-placeholder'}>
        {chosen ? [value.province, value.city, value.district].join(' ') : '选择省 / 市 / 区'}
      </Text>
      <Text className="region-field__arrow">›</Text>
    </View>
  );
}

/** H5: the region text opens a sheet listing one step's options; tabs above go back to an earlier step. */
function RegionSheetField({ value, onChange }: RegionFieldProps) {
  const [steps, setSteps] = useState<RegionSteps | undefined>(undefined);
  const step = steps?.picked.length ?? 0;
  return (
    <>
      <RegionText value={value} onClick={() => setSteps(startSteps())} />
      {steps ? (
        // Keyed by the step: the sheet's list scrolls from its top at each step.
        <BottomSheet key={step} id="region-sheet" title="选择所在地区" onClose={() => setSteps(undefined)}>
          <View className="region-steps__tabs">
            {steps.picked.map((option, i) => (
              <Text
                key={option.code}
                id={`region-step-${i}`}
                className="region-steps__tab"
                onClick={() => setSteps(backTo(steps, i))}
              >
                {option.name}
              </Text>
            ))}
            <Text className="region-steps__tab region-steps__tab--on">请选择{STEP_TITLES[step]}</Text>
          </View>
          <View className="region-steps__list" id={`region-options-${step}`}>
            {optionsAt(steps).map((option) => (
              <View
                key={option.code}
                className="region-steps__option"
                onClick={() => {
                  const next = choose(steps, option);
                  if (next.done) {
                    setSteps(undefined);
                    onChange(next.region);
                  } else setSteps(next.steps);
                }}
              >
                {option.name}
              </View>
            ))}
          </View>
        </BottomSheet>
      ) : null}
    </>
  );
}
