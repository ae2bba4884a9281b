/**
 * The buyer's address book, always filtered by OPENID. Each address's `_id` names one of the buyer's
 * MAX_ADDRESSES slots, so the limit holds however many adds race: two adds cannot insert the same `_id`.
 */
import { createHash } from 'node:crypto';
import type { Address } from '../../../types/entities';
import { MAX_ADDRESSES } from '../domain/address-rules';
import { db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, insertUnlessExists, updatedCount } from './query-helpers';

/** As stored: the default is not a flag but the highest rank (domain/address-rules: defaultAddressOf). */
export type StoredAddress = Omit<Address, 'isDefault'> & { defaultRank: number };

const addresses = () => db.collection(COLLECTIONS.addresses);

/** `a<hash of the buyer>-<slot>`: the buyer's OPENID never shows in an id. */
export function addressIdFor(openid: string, slot: number): string {
  return `a${createHash('sha256').update(openid).digest('hex').slice(0, 24)}-${slot}`;
}

/** The slot an id names, if it is one of the buyer's slot ids. */
export function slotOf(openid: string, addressId: string): number | undefined {
  const prefix = addressIdFor(openid, 0).slice(0, -1);
  if (!addressId.startsWith(prefix)) return undefined;
  const slot = Number(addressId.slice(prefix.length));
  return Number.isInteger(slot) && slot >= 0 && slot < MAX_ADDRESSES ? slot : undefined;
}

export async function findAddresses(openid: string): Promise<StoredAddress[]> {
  const answer = await addresses()
    .where({ openid })
    .limit(MAX_ADDRESSES + 1)
    .get();
  return documentsOf<StoredAddress>(answer);
}

/** Inserts into one slot: 'TAKEN' when another add took the slot first. */
export async function insertAddressInSlot(address: StoredAddress): Promise<'INSERTED' | 'TAKEN'> {
  const result = await insertUnlessExists(addresses(), { ...address });
  return result === 'INSERTED' ? 'INSERTED' : 'TAKEN';
}

export async function updateAddress(
  openid: string,
  addressId: string,
  fields: Partial<StoredAddress>,
): Promise<boolean> {
  return updatedCount(await addresses().where({ openid, _id: addressId }).update({ data: fields })) > 0;
}

export async function removeAddress(openid: string, addressId: string): Promise<boolean> {
  return updatedCount(await addresses().where({ openid, _id: addressId }).remove()) > 0;
}
