/**
 * The number on the 购物车 tab. WeChat refuses tab bar calls from pages outside the tab bar, so the count is
 * kept here and the tab pages re-apply it when they show; pages with their own cart icon subscribe to it.
 */
import Taro from '@tarojs/taro';

const CART_TAB_INDEX = 2;

let badgeCount: number | undefined;
const listeners = new Set<(count: number) => void>();

export function cartBadgeCount(): number | undefined {
  return badgeCount;
}

/** '99+' past two digits: the badge is a dot-sized bubble. */
export function badgeText(count: number): string {
  return count > 99 ? '99+' : String(count);
}

/** Shows the known count on the tab bar; a failure (not a tab page, tab bar hidden) waits for the next show. */
export function applyCartBadge(): void {
  if (badgeCount === undefined) return;
  const ignore = () => undefined;
  try {
    const call =
      badgeCount > 0
        ? Taro.setTabBarBadge({ index: CART_TAB_INDEX, text: badgeText(badgeCount) })
        : Taro.removeTabBarBadge({ index: CART_TAB_INDEX });
    void Promise.resolve(call).catch(ignore);
  } catch {
    // Some H5 pages have no tab bar at all: the count is still kept for the next tab page.
  }
}

export function setCartBadge(count: number): void {
  badgeCount = count;
  applyCartBadge();
  listeners.forEach((listener) => listener(count));
}

export function subscribeCartBadge(listener: (count: number) => void): () => void {
  listeners.add(listener);
  return () => {
    listeners.delete(listener);
  };
}
