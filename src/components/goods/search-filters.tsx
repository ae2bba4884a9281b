/** The filters under the sort tabs of 搜索: a price band and 仅看有货. */
import { View, Text } from '@tarojs/components';
import './search-filters.css';

export interface PriceBand {
  key: string;
  text: string;
  /** Fen, inclusive; absent = open. */
  minPrice?: number;
  maxPrice?: number;
}

export const PRICE_BANDS: readonly PriceBand[] = [
  { key: 'any', text: '不限' },
  { key: 'low', text: '¥50以下', maxPrice: 4999 },
  { key: 'mid', text: '¥50-200', minPrice: 5000, maxPrice: 20000 },
  { key: 'high', text: '¥200以上', minPrice: 20001 },
];

export interface SearchFilter {
  band: string;
  inStock: boolean;
}

export function filterRequest(filter: SearchFilter): {
  minPrice?: number;
  maxPrice?: number;
  inStock?: boolean;
} {
  const band = PRICE_BANDS.find((b) => b.key === filter.band);
  return {
    ...(band?.minPrice !== undefined && { minPrice: band.minPrice }),
    ...(band?.maxPrice !== undefined && { maxPrice: band.maxPrice }),
    ...(filter.inStock && { inStock: true }),
  };
}

export interface SearchFiltersProps {
  filter: SearchFilter;
  onChange: (filter: SearchFilter) => void;
}

export default function SearchFilters({ filter, onChange }: SearchFiltersProps) {
  const chip = (on: boolean) => `search-filters__chip ${on ? 'search-filters__chip--on' : ''}`;
  return (
    <View className="search-filters" id="search-filters">
      {PRICE_BANDS.map((band) => (
        <Text
          key={band.key}
          id={`price-band-${band.key}`}
          className={chip(filter.band === band.key)}
          onClick={() => band.key !== filter.band && onChange({ ...filter, band: band.key })}
        >
          {band.text}
        </Text>
      ))}
      <Text
        id="filter-in-stock"
        className={chip(filter.inStock)}
        onClick={() => onChange({ ...filter, inStock: !filter.inStock })}
      >
        仅看有货
      </Text>
    </View>
  );
}
