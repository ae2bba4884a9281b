/** How an address reads on cards: the region in one line, the mobile half hidden where others may look. */
import type { AddressSnapshot } from '@shop/types';

export function regionText(address: Pick<AddressSnapshot, 'province' | 'city' | 'district'>): string {
  // Municipalities repeat themselves (北京市 北京市 东城区): say it once.
  const parts = [address.province, address.city, address.district].filter(Boolean);
  return parts.filter((part, index) => part !== parts[index - 1]).join(' ');
}

export function fullAddressText(address: AddressSnapshot): string {
  return `${regionText(address)} ${address.detail}`;
}

/** 139****5678. */
export function maskedMobile(mobile: string): string {
  return /^\d{11}$/.test(mobile) ? `${mobile.slice(0, 3)}****${mobile.slice(7)}` : mobile;
}
