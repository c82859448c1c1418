// Takes screenshots of the built wizard: node scripts/screenshot.mjs URL OUT.png [width] [height] [colorScheme]
import { CHROMIUM_ARGS, chromiumExecutable } from './lib/chromium.mjs';

import { chromium } from '@playwright/test';

const [url, out, width = '1280', height = '900', scheme = 'light'] = process.argv.slice(2);
if (!url || !out) {
  console.error('usage: node scripts/screenshot.mjs URL OUT.png [width] [height] [light|dark]');
  process.exit(2);
}
const browser = await chromium.launch({
  executablePath: chromiumExecutable(),
  args: CHROMIUM_ARGS,
});
const page = await browser.newPage({
  viewport: { width: Number(width), height: Number(height) },
  colorScheme: scheme,
});
page.on('console', (message) => {
  if (message.type() === 'error') console.error('console:', message.text());
});
page.on('pageerror', (error) => {
  console.error('pageerror:', error.message);
});
await page.goto(url);
await page.waitForTimeout(300);
await page.screenshot({ path: out, fullPage: true });
await browser.close();
