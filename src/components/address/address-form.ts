/**
 * The address form's values and the checks it makes before sending, the same as the server's schema
 * (common/validation/address), so a buyer learns of a typo at once; the server still checks everything.
 */
import type { Address, AddressInput } from '@shop/types';

export type AddressField = 'name' | 'mobile' | 'region' | 'detail';
export type AddressErrors = Partial<Record<AddressField, string>>;

export const MOBILE_PATTERN = /^1[3-9]\d{9}$/;

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

/** Characters as the buyer counts them (an emoji is one). */
function length(text: string): number {
  return [...text.trim()].length;
}

export function validateAddress(input: AddressInput): AddressErrors {
  const errors: AddressErrors = {};
  if (length(input.name) === 0) errors.name = '请填写收货人姓名';
  else if (length(input.name) > 20) errors.name = '收货人姓名最多 20 个字';
  if (!MOBILE_PATTERN.test(input.mobile.trim())) errors.mobile = '请填写正确的 11 位手机号';
  const region = [input.province, input.city, input.district];
  if (region.some((part) => length(part) === 0)) errors.region = '请选择所在地区';
  else if (region.some((part) => length(part) > 20)) errors.region = '地区名称过长';
  if (length(input.detail) < 2) errors.detail = '请填写详细地址（至少 2 个字）';
  else if (length(input.detail) > 100) errors.detail = '详细地址最多 100 个字';
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
