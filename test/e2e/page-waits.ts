/**
 * What a scenario waits for on the page instead of pausing for a fixed time: the page at rest before a
 * screenshot (every picture in view loaded, no transition or animation running), and Taro's toast gone.
 */
import type { Page } from 'playwright-core';

/**
 * Resolves once, on two animation frames in a row, every <img> in the viewport is complete (loaded or failed;
 * a lazy picture gets its src when it scrolls into view, hence two frames) and no finite CSS transition or
 * animation is running (a modal fading in, a sheet sliding up). Spinners that loop for ever do not count.
 */
export async function pageAtRest(page: Page, timeout = 15000): Promise<void> {
  await page.evaluate(() => {
    (window as unknown as { restFrames: number }).restFrames = 0;
  });
  await page.waitForFunction(
    () => {
      // No named helpers in here: the test runner's compiler would wrap them in a function the page lacks.
      const loading = Array.from(document.querySelectorAll('img')).some((img) => {
        const box = img.getBoundingClientRect();
        const inView = box.bottom > 0 && box.right > 0 && box.top < innerHeight && box.left < innerWidth;
        return inView && !img.complete;
      });
      const moving = document
        .getAnimations()
        .some(
          (animation) =>
            animation.playState === 'running' && animation.effect?.getTiming().iterations !== Infinity,
        );
      const state = window as unknown as { restFrames: number };
      state.restFrames = loading || moving ? 0 : state.restFrames + 1;
      return state.restFrames >= 2;
    },
    undefined,
    { polling: 'raf', timeout },
  );
}

/** Taro's H5 toast hides itself after its duration (1.5 s by default): waits until none is displayed. */
export async function toastGone(page: Page, timeout = 15000): Promise<void> {
  await page.waitForFunction(
    () =>
      Array.from(document.querySelectorAll<HTMLElement>('.taro__toast')).every(
        (toast) => getComputedStyle(toast).display === 'none',
      ),
    undefined,
    { timeout },
  );
}
