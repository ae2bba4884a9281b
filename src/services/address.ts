/** Typed calls of the address book actions of the `shop` function: the list, add, edit, remove, default. */
import type { Address, AddressInput, Result } from '@shop/types';
import { callCloud } from './cloud';

export async function fetchAddresses(): Promise<Result<Address[]>> {
  const answer = await callCloud('shop', 'address.list', {});
  return answer.ok ? { ok: true, data: answer.data.addresses } : answer;
}

export function addAddress(input: AddressInput): Promise<Result<Address>> {
  return callCloud('shop', 'address.add', input);
}

export function updateAddress(addressId: string, input: AddressInput): Promise<Result<Address>> {
  return callCloud('shop', 'address.update', { ...input, addressId });
}

/** Answers the book as it is afterwards: removing the default makes another one the default. */
export async function removeAddress(addressId: string): Promise<Result<Address[]>> {
  const answer = await callCloud('shop', 'address.remove', { addressId });
  return answer.ok ? { ok: true, data: answer.data.addresses } : answer;
}

export async function setDefaultAddress(addressId: string): Promise<Result<Address[]>> {
  const answer = await callCloud('shop', 'address.setDefault', { addressId });
  return answer.ok ? { ok: true, data: answer.data.addresses } : answer;
}
