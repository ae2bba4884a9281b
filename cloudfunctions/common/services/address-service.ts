/** The address book: at most MAX_ADDRESSES, exactly one default when there is any. */
import type { AddressBook } from '../../../types/api';
import type { Address, AddressInput } from '../../../types/entities';
import { MAX_ADDRESSES } from '../domain/address-rules';
import { fail } from '../runtime/domain-error';
import {
  clearDefault,
  findAddresses,
  insertAddress,
  removeAddress,
  updateAddress,
} from '../repositories/address-repository';

export async function addressBook(openid: string): Promise<AddressBook> {
  return { addresses: await findAddresses(openid) };
}

export async function addAddress(openid: string, input: AddressInput, now: number): Promise<Address> {
  const existing = await findAddresses(openid);
  if (existing.length >= MAX_ADDRESSES) fail('ADDRESS_LIMIT', `at most ${MAX_ADDRESSES} addresses`);
  // The first address is the default whatever the form said: checkout needs one to start from.
  const isDefault = input.isDefault || existing.length === 0;
  const address: Omit<Address, '_id'> = { ...input, isDefault, openid, createdAt: now, updatedAt: now };
  const _id = await insertAddress(address);
  if (isDefault && existing.length > 0) await clearDefault(openid, _id);
  return { _id, ...address };
}

export async function editAddress(
  openid: string,
  addressId: string,
  input: AddressInput,
  now: number,
): Promise<Address> {
  const current = (await findAddresses(openid)).find((address) => address._id === addressId);
  if (!current) fail('ADDRESS_NOT_FOUND', `address ${addressId} does not exist`);
  // The only default cannot be switched off by editing it; choosing another default does that.
  const isDefault = input.isDefault || current.isDefault;
  const next: Address = { ...current, ...input, isDefault, updatedAt: now };
  await updateAddress(openid, addressId, { ...input, isDefault, updatedAt: now });
  if (isDefault && !current.isDefault) await clearDefault(openid, addressId);
  return next;
}

export async function deleteAddress(openid: string, addressId: string, now: number): Promise<AddressBook> {
  const book = await findAddresses(openid);
  const target = book.find((address) => address._id === addressId);
  if (!target) fail('ADDRESS_NOT_FOUND', `address ${addressId} does not exist`);
  await removeAddress(openid, addressId);
  const rest = book.filter((address) => address._id !== addressId);
  if (target.isDefault && rest.length > 0) {
    await updateAddress(openid, rest[0]._id, { isDefault: true, updatedAt: now });
    rest[0] = { ...rest[0], isDefault: true, updatedAt: now };
  }
  return { addresses: rest };
}

export async function makeDefault(openid: string, addressId: string, now: number): Promise<AddressBook> {
  const book = await findAddresses(openid);
  if (!book.some((address) => address._id === addressId))
    fail('ADDRESS_NOT_FOUND', `address ${addressId} does not exist`);
  await updateAddress(openid, addressId, { isDefault: true, updatedAt: now });
  await clearDefault(openid, addressId);
  return { addresses: await findAddresses(openid) };
}
