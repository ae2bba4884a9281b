/**
 * 所在地区: WeChat's own province/city/district picker in the mini program. The H5 build has no reliable
 * region data of its own, so there it is three plain inputs.
 */
import { View, Text, Input, Picker } from '@tarojs/components';
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

export default function RegionField({ value, onChange }: RegionFieldProps) {
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
      mode="region"
      value={chosen ? [value.province, value.city, value.district] : []}
      onChange={(event) => {
        const [province = '', city = '', district = ''] = event.detail.value;
        onChange({ province, city, district });
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
