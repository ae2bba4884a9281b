/**
 * Whether the current WeChat user is on the shop's staff (staff.me), for the 商家工作台 entry of 我的. The answer
 * is kept in storage so 我的 shows the entry at once, and asked again at most every few minutes: a role taken
 * away disappears on the next check, and every merchant action is checked on the server anyway.
 */
import Taro from '@tarojs/taro';
import type { StaffRole } from '@shop/types';
import { callCloud } from './cloud';
import { currentTestUser } from './test-user';

/** undefined: not staff. */
export interface StaffRoleCache {
  role?: StaffRole;
  checkedAt: number;
}

const RECHECK_MS = 5 * 60 * 1000;

/** In H5 the test user can change without WeChat changing: each keeps their own answer. */
function storageKey(): string {
  return process.env.TARO_ENV === 'h5' ? `shop.staffRole.${currentTestUser().openid}` : 'shop.staffRole';
}

export function cachedStaffRole(): StaffRoleCache | undefined {
  try {
    const saved = Taro.getStorageSync(storageKey()) as StaffRoleCache | '' | undefined;
    return saved && typeof saved.checkedAt === 'number' ? saved : undefined;
  } catch {
    return undefined;
  }
}

/** Forgets the answer (after joining the staff, say), so the next check asks the server. */
export function forgetStaffRole(): void {
  try {
    Taro.removeStorageSync(storageKey());
  } catch {
    // Nothing cached is the same as a forgotten answer.
  }
}

/**
 * The caller's role, from the cache when it is fresh. FORBIDDEN means not staff; a network failure keeps the
 * last known answer (or none) rather than hiding or showing the entry wrongly for good.
 */
export async function staffRole(force = false): Promise<StaffRole | undefined> {
  // The key is the caller's at the time of asking: in H5 the test user may change before the answer comes.
  const key = storageKey();
  const cached = cachedStaffRole();
  if (!force && cached && Date.now() - cached.checkedAt < RECHECK_MS) return cached.role;
  const answer = await callCloud('admin', 'staff.me', {});
  if (answer.ok || answer.code === 'FORBIDDEN') {
    const fresh: StaffRoleCache = { checkedAt: Date.now(), ...(answer.ok && { role: answer.data.role }) };
    try {
      Taro.setStorageSync(key, fresh);
    } catch {
      // A full storage only costs the next 我的 another check.
    }
    return fresh.role;
  }
  return cached?.role;
}
