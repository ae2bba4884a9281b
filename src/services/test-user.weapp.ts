/**
 * The WeChat build's stand-in for test-user.ts (Taro picks `*.weapp.ts` for weapp): identity comes from WeChat
 * itself, so this build has no test buyers at all. Only the H5 build, on the local cloud, lets one be chosen.
 */
export interface TestUser {
  openid: string;
  nickname: string;
}

export const TEST_USERS: readonly TestUser[] = [];

export function currentTestUser(): TestUser {
  throw new Error('test buyers exist only in the H5 build');
}

export function chooseTestUser(_openid: string): void {
  throw new Error('test buyers exist only in the H5 build');
}
