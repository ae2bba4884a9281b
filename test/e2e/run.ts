/**
 * Browser end-to-end tests: the H5 build served by the local cloud, driven in Debian's Chromium through
 * playwright-core. Each scenario saves screenshots under test-output/e2e/.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { findChromium, launchBrowser, MISSING_CHROMIUM_MESSAGE } from './browser';
import { ROOT, startShop } from './shop-server';
import { scenarios, type Scenario } from './scenarios';
import { orderScenarios } from './order-scenarios';
import { merchantScenarios } from './merchant-scenarios';
import { afterSalesScenarios } from './after-sales-scenarios';
import { buyerListScenarios } from './buyer-lists-scenarios';
import { selectByName } from '../support/select-by-name';
import { pageAtRest } from './page-waits';

export const OUTPUT_DIR = path.join(ROOT, 'test-output', 'e2e');

async function runScenario(browser: Browser, baseUrl: string, scenario: Scenario): Promise<string[]> {
  const context = await browser.newContext({
    viewport: { width: 390, height: 844 },
    deviceScaleFactor: 2,
    isMobile: true,
    hasTouch: true,
  });
  const page: Page = await context.newPage();
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  page.on('pageerror', (error) => consoleErrors.push(error.message));
  const shot = async (name: string, target: Page = page) => {
    // Not a pause: the pictures in view loaded and nothing sliding or fading.
    await pageAtRest(target);
    await target.screenshot({ path: path.join(OUTPUT_DIR, `${scenario.name}-${name}.png`) });
  };
  const problems: string[] = [];
  try {
    await scenario.run({ page, baseUrl, shot });
  } catch (error) {
    problems.push(error instanceof Error ? error.message : String(error));
    await shot('failure').catch(() => undefined);
  }
  for (const error of consoleErrors) problems.push(`console error: ${error}`);
  await context.close();
  return problems;
}

async function main(): Promise<void> {
  if (!findChromium()) {
    console.error(MISSING_CHROMIUM_MESSAGE);
    process.exit(1);
  }
  const selection = selectByName(
    [...scenarios, ...orderScenarios, ...merchantScenarios, ...afterSalesScenarios, ...buyerListScenarios],
    process.argv.slice(2),
    'scenario',
  );
  if (!selection.ok) {
    console.error(`e2e: ${selection.message}`);
    process.exit(1);
  }
  fs.mkdirSync(OUTPUT_DIR, { recursive: true });
  const shop = await startShop();
  const browser = await launchBrowser();
  let passed = 0;
  let failed = 0;
  try {
    for (const scenario of selection.selected) {
      const started = Date.now();
      const problems = await runScenario(browser, shop.url, scenario);
      const seconds = ((Date.now() - started) / 1000).toFixed(1);
      if (problems.length === 0) {
        passed += 1;
        console.log(`✓ ${scenario.name} (${seconds}s)`);
      } else {
        failed += 1;
        console.log(`✗ ${scenario.name} (${seconds}s)`);
        for (const problem of problems) console.log(`    ${problem}`);
      }
    }
  } finally {
    await browser.close();
    await shop.close();
    fs.rmSync(shop.dataDir, { recursive: true, force: true });
  }
  console.log(`screenshots: ${path.relative(ROOT, OUTPUT_DIR)}/`);
  console.log(`e2e: ${passed} passed, ${failed} failed`);
  process.exit(failed === 0 ? 0 : 1);
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
