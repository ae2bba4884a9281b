/**
 * Tells the buyer when the network is gone. In WeChat the client itself says so on a failed page load; in H5 a
 * tab or page whose code is not loaded yet fails to open offline, and the router does so silently.
 */
import Taro from '@tarojs/taro';

export const OFFLINE_TEXT = '网络不可用，请检查网络后重试';

/** A page's code failed to load: webpack's ChunkLoadError, or the bare script error some browsers give. */
export function isPageLoadFailure(reason: unknown): boolean {
  if (!(reason instanceof Error)) return false;
  return reason.name === 'ChunkLoadError' || /Loading (CSS )?chunk .* failed/i.test(reason.message);
}

function tellOffline(): void {
  void Taro.showToast({ title: OFFLINE_TEXT, icon: 'none', duration: 2500 });
}

export function watchNetwork(): void {
  if (process.env.TARO_ENV === 'h5') {
    window.addEventListener('offline', tellOffline);
    window.addEventListener('unhandledrejection', (event: PromiseRejectionEvent) => {
      if (isPageLoadFailure(event.reason) || !navigator.onLine) tellOffline();
    });
    // A tab tapped while offline: the router's own failure may be swallowed, so the tap itself is heard.
    document.addEventListener(
      'click',
      (event) => {
        const target = event.target as Element | null;
        if (!navigator.onLine && target?.closest?.('.taro-tabbar__tabbar')) tellOffline();
      },
      true,
    );
    return;
  }
  try {
    Taro.onNetworkStatusChange(({ isConnected }) => {
      if (!isConnected) tellOffline();
    });
  } catch {
    // A host without network events (an old base library) still runs the shop.
  }
}
