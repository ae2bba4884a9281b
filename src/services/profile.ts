/** Typed calls of the buyer's profile (nickname and avatar from WeChat's fill-in) in the `shop` function. */
import type { BuyerProfile, Result } from '@shop/types';
import { callCloud } from './cloud';

export function fetchProfile(): Promise<Result<BuyerProfile>> {
  return callCloud('shop', 'profile.get', {});
}

/** Saves the whole profile: an avatar left out is removed, so pass the current one to keep it. */
export function saveProfile(profile: BuyerProfile): Promise<Result<BuyerProfile>> {
  return callCloud('shop', 'profile.update', {
    nickname: profile.nickname,
    ...(profile.avatar ? { avatar: profile.avatar } : {}),
  });
}
