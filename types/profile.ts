/** The buyer's own profile: the nickname and avatar WeChat's fill-in gives, shown on 我的. */

/** At most this many characters in a nickname (WeChat's own nicknames fit). */
export const NICKNAME_MAX_LENGTH = 20;

export interface BuyerProfile {
  /** Empty until the buyer sets one. */
  nickname: string;
  /** A cloud:// file ID in this environment's storage; absent until the buyer chooses one. */
  avatar?: string;
}

export interface ProfileActions {
  'profile.get': { request: Record<string, never>; response: BuyerProfile };
  'profile.update': { request: { nickname: string; avatar?: string }; response: BuyerProfile };
}
