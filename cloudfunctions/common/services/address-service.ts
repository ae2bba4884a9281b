/**
 * The address book: at most MAX_ADDRESSES, exactly one default when there is any. Both hold under parallel
 * calls without a lock: the limit through slot ids (an add takes a free slot with an insert the database
 * refuses twice), the default through ranks read as a whole (domain/address-rules: defaultAddressOf).
 */
import type { AddressBook } from '../../../types/api';
import type { Address, AddressInput } from '../../../types/entities';
import { defaultAddressOf, freeAddressSlots, nextDefaultRank, MAX_ADDRESSES } from '../domain/address-rules';
import { fail } from '../runtime/domain-error';
import {
  addressIdFor,
  findAddresses,
  insertAddressInSlot,
  removeAddress,
  slotOf,
  updateAddress,
  type StoredAddress,
} from '../repositories/address-repository';

/** Answers as the contract names them: the default first, then the most recently changed. */
function bookOf(stored: readonly StoredAddress[]): Address[] {
  const chosen = defaultAddressOf(stored);
  const answer = ({ defaultRank: _rank, ...address }: StoredAddress): Address => ({
    ...address,
    isDefault: address._id === chosen?._id,
  });
  const rest = stored.filter((address) => address !== chosen).sort((a, b) => b.updatedAt - a.updatedAt);
  return (chosen ? [chosen, ...rest] : rest).map(answer);
}

export async function addressBook(openid: string): Promise<AddressBook> {
  return { addresses: bookOf(await findAddresses(openid)) };
}

/** Tries the free slots in a random order, so parallel adds rarely meet on one; re-reads when they do. */
export async function addAddress(openid: string, input: AddressInput, now: number): Promise<Address> {
  const { isDefault: wantsDefault, ...fields } = input;
  for (;;) {
    const book = await findAddresses(openid);
    const free = freeAddressSlots(
      book.map((address) => slotOf(openid, address._id)).filter((slot) => slot !== undefined),
    );
    if (book.length >= MAX_ADDRESSES || free.length === 0)
      fail('ADDRESS_LIMIT', `at most ${MAX_ADDRESSES} addresses`);
    const slot = free[Math.floor(Math.random() * free.length)];
    const address: StoredAddress = {
      _id: addressIdFor(openid, slot),
      ...fields,
      openid,
      defaultRank: wantsDefault ? nextDefaultRank(book) : 0,
      createdAt: now,
      updatedAt: now,
    };
    if ((await insertAddressInSlot(address)) === 'INSERTED') {
      const added = bookOf([...book, address]).find((a) => a._id === address._id);
      if (!added) fail('INTERNAL', 'the added address is missing from its book');
      return added;
    }
  }
}

export async function editAddress(
  openid: string,
  addressId: string,
  input: AddressInput,
  now: number,
): Promise<Address> {
  const book = await findAddresses(openid);
  const current = book.find((address) => address._id === addressId);
  if (!current) fail('ADDRESS_NOT_FOUND', `address ${addressId} does not exist`);
  const { isDefault: wantsDefault, ...fields } = input;
  // The default cannot be switched off by editing it; choosing another default does that.
  const isDefaultNow = defaultAddressOf(book)?._id === addressId;
  const defaultRank = wantsDefault && !isDefaultNow ? nextDefaultRank(book) : current.defaultRank;
  const next: StoredAddress = { ...current, ...fields, defaultRank, updatedAt: now };
  if (!(await updateAddress(openid, addressId, { ...fields, defaultRank, updatedAt: now })))
    fail('ADDRESS_NOT_FOUND', `address ${addressId} does not exist`);
  const edited = bookOf(book.map((address) => (address._id === addressId ? next : address))).find(
    (address) => address._id === addressId,
  );
  if (!edited) fail('INTERNAL', 'the edited address is missing from its book');
  return edited;
}

/** Removing the default needs no second write: the next rank (or the earliest address) is the default. */
export async function deleteAddress(openid: string, addressId: string, _now: number): Promise<AddressBook> {
  if (!(await removeAddress(openid, addressId)))
    fail('ADDRESS_NOT_FOUND', `address ${addressId} does not exist`);
  return addressBook(openid);
}

export async function makeDefault(openid: string, addressId: string, now: number): Promise<AddressBook> {
  const book = await findAddresses(openid);
  if (!book.some((address) => address._id === addressId))
    fail('ADDRESS_NOT_FOUND', `address ${addressId} does not exist`);
  if (!(await updateAddress(openid, addressId, { defaultRank: nextDefaultRank(book), updatedAt: now })))
    fail('ADDRESS_NOT_FOUND', `address ${addressId} does not exist`);
  return addressBook(openid);
}
