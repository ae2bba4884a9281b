/** The buyer's profile: one document per buyer, `_id` = OPENID, read and replaced by `_id`. */
import type { BuyerProfile } from '../../../types/profile';
import { db } from '../cloud';
import { COLLECTIONS } from './collections';
import { documentsOf } from './query-helpers';

interface ProfileDoc extends BuyerProfile {
  _id: string;
  updatedAt: number;
}

const profiles = () => db.collection(COLLECTIONS.buyerProfiles);

export async function findProfile(openid: string): Promise<BuyerProfile | undefined> {
  const doc = documentsOf<ProfileDoc>(await profiles().where({ _id: openid }).limit(1).get())[0];
  return doc && { nickname: doc.nickname, ...(doc.avatar && { avatar: doc.avatar }) };
}

/** Replaces the buyer's profile (set creates it): the last of parallel saves stands, whole. */
export async function saveProfile(openid: string, profile: BuyerProfile, now: number): Promise<void> {
  const doc: Omit<ProfileDoc, '_id'> = { nickname: profile.nickname, updatedAt: now };
  if (profile.avatar) doc.avatar = profile.avatar;
  await profiles().doc(openid).set({ data: doc });
}
