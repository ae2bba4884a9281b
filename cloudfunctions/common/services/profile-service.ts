/** The buyer's nickname and avatar (WeChat's avatar/nickname fill-in), shown on 我的. */
import type { BuyerProfile } from '../../../types/profile';
import { findProfile, saveProfile } from '../repositories/profile-repository';

export async function buyerProfile(openid: string): Promise<BuyerProfile> {
  return (await findProfile(openid)) ?? { nickname: '' };
}

export async function updateProfile(
  openid: string,
  profile: BuyerProfile,
  now: number,
): Promise<BuyerProfile> {
  await saveProfile(openid, profile, now);
  return { nickname: profile.nickname, ...(profile.avatar && { avatar: profile.avatar }) };
}
