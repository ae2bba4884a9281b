/**
 * H5 only: the local cloud identifies the caller by the x-wx-openid header, so the H5 shop lets a developer pick
 * which test buyer they are. WeChat builds never use it: identity there comes from WeChat itself, and the weapp
 * build takes test-user.weapp.ts instead, so no test buyer reaches it (test/compiler checks dist/weapp).
 */
export interface TestUser {
  openid: string;
  nickname: string;
}

/** The owner `npm start` names in SHOP_ADMIN_OPENIDS. */
export const TEST_SHOP_OWNER = 'test-shop-owner';

export const TEST_USERS: readonly TestUser[] = [
  { openid: 'test-buyer-alice', nickname: '测试买家 小艾' },
  { openid: 'test-buyer-bob', nickname: '测试买家 小博' },
  { openid: 'test-buyer-carol', nickname: '测试买家 小卡' },
  // `npm start` names this user the shop's owner (SHOP_ADMIN_OPENIDS), so 我的 shows them 商家工作台.
  { openid: TEST_SHOP_OWNER, nickname: '测试店主 小店' },
];

const STORAGE_KEY = 'shop.testUser';

export function currentTestUser(): TestUser {
  const saved = typeof localStorage === 'undefined' ? null : localStorage.getItem(STORAGE_KEY);
  return TEST_USERS.find((user) => user.openid === saved) ?? TEST_USERS[0];
}

export function chooseTestUser(openid: string): void {
  if (typeof localStorage !== 'undefined') localStorage.setItem(STORAGE_KEY, openid);
}
