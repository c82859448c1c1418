// The Chromium the browser tests and the scripts drive. Kept apart from env.mjs so that scripts
// without a browser do not load Playwright.
import { existsSync } from 'node:fs';

import { chromium } from '@playwright/test';

/** Flags for a Chromium that Playwright launches. */
export const CHROMIUM_ARGS = ['--disable-gpu', '--disable-quic', '--disable-sync'];

/**
 * The Chromium executable: $CHROMIUM_PATH if set, else Debian's /usr/bin/chromium if present,
 * else Playwright's own Chromium if installed. Throws, saying how to get one, if there is none.
 */
export function chromiumExecutable() {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv) return fromEnv;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  const playwrights = chromium.executablePath();
  if (existsSync(playwrights)) return playwrights;
  throw new Error(
    'No Chromium found. Install one with your OS package manager ' +
      '(Debian/Ubuntu: `sudo apt-get install chromium`) or run `npx playwright install chromium`, ' +
      'or set CHROMIUM_PATH to a Chromium executable.',
  );
}

/** Debian's package chromium-headless-shell: Chromium's headless shell, the same Blink. */
export const HEADLESS_SHELL = '/usr/bin/chromium-headless-shell';

/**
 * The Chromium the browser tests drive: $CHROMIUM_PATH if set, else Debian's headless shell if
 * present, else chromiumExecutable(). The headless shell is the browser Playwright itself runs
 * headless tests in: the same Blink, V8 and layout, without the full browser's window and
 * compositing work. The benchmarks keep the full browser, the one people use. Two specs (37
 * tests), back-to-back pairs on the busy two-core machine (2026-12-08): 119 and 99 s in
 * chromium, 77 and 67 s in the headless shell.
 */
export function testChromiumExecutable() {
  if (process.env.CHROMIUM_PATH) return process.env.CHROMIUM_PATH;
  if (existsSync(HEADLESS_SHELL)) return HEADLESS_SHELL;
  return chromiumExecutable();
}
