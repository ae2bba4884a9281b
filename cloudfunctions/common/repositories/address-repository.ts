/** The buyer's address book, always filtered by OPENID. */
import type { Address } from '../../../types/entities';
import { MAX_ADDRESSES } from '../domain/address-rules';
import { db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf, updatedCount } from './query-helpers';

const addresses = () => db.collection(COLLECTIONS.addresses);

export async function findAddresses(openid: string): Promise<Address[]> {
  const answer = await addresses()
    .where({ openid })
    .orderBy('isDefault', 'desc')
    .orderBy('updatedAt', 'desc')
    .limit(MAX_ADDRESSES + 1)
    .get();
  return documentsOf<Address>(answer);
}

export async function insertAddress(address: Omit<Address, '_id'>): Promise<string> {
  const answer = (await addresses().add({ data: address })) as { _id?: string | number };
  return String(answer._id);
}

export async function updateAddress(
  openid: string,
  addressId: string,
  fields: Partial<Address>,
): Promise<boolean> {
  return updatedCount(await addresses().where({ openid, _id: addressId }).update({ data: fields })) > 0;
}

export async function removeAddress(openid: string, addressId: string): Promise<boolean> {
  return updatedCount(await addresses().where({ openid, _id: addressId }).remove()) > 0;
}

/** Every other address of the buyer stops being the default. */
export async function clearDefault(openid: string, exceptId: string): Promise<void> {
  await addresses()
    .where({ openid, isDefault: true, _id: db.command.neq(exceptId) })
    .update({ data: { isDefault: false } });
}
