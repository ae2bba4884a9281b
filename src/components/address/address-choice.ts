/**
 * The address picked in the address book for 确认订单. navigateBack cannot carry an answer, so the book leaves
 * the choice here and checkout takes it when it shows again.
 */
import type { Address } from '@shop/types';

let chosen: Address | undefined;

export function chooseAddress(address: Address): void {
  chosen = address;
}

/** Reads the choice once, so a later return to checkout keeps whatever it shows. */
export function takeChosenAddress(): Address | undefined {
  const address = chosen;
  chosen = undefined;
  return address;
}

export function addressBookUrl(mode: 'manage' | 'choose', selectedId?: string): string {
  if (mode === 'manage') return '/package-user/address/index';
  const selected = selectedId ? `&selectedId=${encodeURIComponent(selectedId)}` : '';
  return `/package-user/address/index?mode=choose${selected}`;
}
