/**
 * The address form's values and the checks it makes before sending, by the rules the server's schema reads
 * (@shop/domain/address-rules), so a buyer learns of a typo at once; the server still checks everything.
 */
import { ADDRESS_LENGTHS, MOBILE_PATTERN, addressTextLength as length } from '@shop/domain/address-rules';
import type { Address, AddressInput } from '@shop/types';

export type AddressField = 'name' | 'mobile' | 'region' | 'detail';
export type AddressErrors = Partial<Record<AddressField, string>>;

export const EMPTY_ADDRESS: AddressInput = {
  name: '',
  mobile: '',
  province: '',
  city: '',
  district: '',
  detail: '',
  isDefault: false,
};

export function formOf(address: Address): AddressInput {
  const { name, mobile, province, city, district, detail, isDefault } = address;
  return { name, mobile, province, city, district, detail, isDefault };
}

export function validateAddress(input: AddressInput): AddressErrors {
  const errors: AddressErrors = {};
  const { name, region: regionLength, detail } = ADDRESS_LENGTHS;
  if (length(input.name) < name.min) errors.name = '请填写收货人姓名';
  else if (length(input.name) > name.max) errors.name = `收货人姓名最多 ${name.max} 个字`;
  if (!MOBILE_PATTERN.test(input.mobile.trim())) errors.mobile = '请填写正确的 11 位手机号';
  const region = [input.province, input.city, input.district];
  if (region.some((part) => length(part) < regionLength.min)) errors.region = '请选择所在地区';
  else if (region.some((part) => length(part) > regionLength.max)) errors.region = '地区名称过长';
  if (length(input.detail) < detail.min) errors.detail = `请填写详细地址（至少 ${detail.min} 个字）`;
  else if (length(input.detail) > detail.max) errors.detail = `详细地址最多 ${detail.max} 个字`;
  return errors;
}

/** What is sent: trimmed, as the server stores it. */
export function cleanAddress(input: AddressInput): AddressInput {
  return {
    name: input.name.trim(),
    mobile: input.mobile.trim(),
    province: input.province.trim(),
    city: input.city.trim(),
    district: input.district.trim(),
    detail: input.detail.trim(),
    isDefault: input.isDefault,
  };
}
