/**
 * Draws the tab bar icons (WeChat's tabBar needs PNG, not SVG) by rendering small SVGs in Chromium.
 * Run once when the icons change: `npx tsx scripts/make-tab-icons.ts`; the PNGs are committed.
 */
import fs from 'node:fs';
import path from 'node:path';
import { launchBrowser } from '../test/e2e/browser';

const ICONS: Record<string, string> = {
  home: '<path d="M12 38 L40 14 L68 38 V66 a4 4 0 0 1 -4 4 H50 V50 H30 V70 H16 a4 4 0 0 1 -4 -4 Z"/>',
  category:
    '<rect x="12" y="12" width="24" height="24" rx="6"/><rect x="44" y="12" width="24" height="24" rx="12"/><rect x="12" y="44" width="24" height="24" rx="6"/><rect x="44" y="44" width="24" height="24" rx="6"/>',
  cart: '<path d="M8 14 H18 L26 52 H62 L70 24 H22"/><circle cx="30" cy="64" r="5"/><circle cx="58" cy="64" r="5"/>',
  me: '<circle cx="40" cy="28" r="14"/><path d="M14 70 C14 52 26 46 40 46 C54 46 66 52 66 70"/>',
};

function svg(shape: string, colour: string): string {
  return `<svg xmlns="http://www.w3.org/2000/svg" width="81" height="81" viewBox="0 0 80 80"><g fill="none" stroke="${colour}" stroke-width="5" stroke-linejoin="round" stroke-linecap="round">${shape}</g></svg>`;
}

async function main(): Promise<void> {
  const out = path.resolve(__dirname, '..', 'src', 'assets', 'tab');
  fs.mkdirSync(out, { recursive: true });
  const browser = await launchBrowser();
  for (const [name, shape] of Object.entries(ICONS)) {
    for (const [suffix, colour] of [
      ['', '#999999'],
      ['-active', '#e93b3d'],
    ] as const) {
      const page = await browser.newPage({ viewport: { width: 81, height: 81 } });
      await page.setContent(
        `<html><body style="margin:0;background:transparent">${svg(shape, colour)}</body></html>`,
      );
      await page.screenshot({ path: path.join(out, `${name}${suffix}.png`), omitBackground: true });
      await page.close();
    }
  }
  await browser.close();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
