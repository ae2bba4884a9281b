/** The buyer's last searches, kept on the device: a tap on one searches it again. */
import Taro from '@tarojs/taro';

const STORAGE_KEY = 'shop.searchHistory';
const MAX_ENTRIES = 10;

export function readSearchHistory(): string[] {
  try {
    const saved: unknown = Taro.getStorageSync(STORAGE_KEY);
    return Array.isArray(saved) ? saved.filter((entry): entry is string => typeof entry === 'string') : [];
  } catch {
    return [];
  }
}

/** Most recent first, each keyword once. */
export function rememberSearch(keyword: string): string[] {
  const next = [keyword, ...readSearchHistory().filter((entry) => entry !== keyword)].slice(0, MAX_ENTRIES);
  try {
    Taro.setStorageSync(STORAGE_KEY, next);
  } catch {
    // A full storage only costs the history.
  }
  return next;
}

export function clearSearchHistory(): void {
  try {
    Taro.removeStorageSync(STORAGE_KEY);
  } catch {
    // Nothing to clear.
  }
}
