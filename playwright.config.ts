import { existsSync } from 'node:fs';

import { chromium, defineConfig, devices } from '@playwright/test';

// E2E_PORT lets two runs share a machine; the sub-path copy is served on the next port.
const PORT = Number(process.env.E2E_PORT ?? 4173);

/**
 * Debian's /usr/bin/chromium when present (Playwright cannot download a
 * browser on every machine), Playwright's own Chromium otherwise. No browser
 * at all fails the run with what to do: browser tests are never skipped.
 */
function chromiumExecutable(): string | undefined {
  const fromEnv = process.env.CHROMIUM_PATH;
  if (fromEnv !== undefined && fromEnv !== '') return fromEnv;
  if (existsSync('/usr/bin/chromium')) return '/usr/bin/chromium';
  if (existsSync(chromium.executablePath())) return undefined;
  throw new Error(
    'No Chromium found for the browser tests. Install one with your OS package manager ' +
      '(Debian/Ubuntu: `sudo apt-get install chromium`) or run `npx playwright install chromium`, ' +
      'or set CHROMIUM_PATH to a Chromium executable.',
  );
}

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  forbidOnly: process.env.CI !== undefined,
  retries: 0,
  workers: 2,
  reporter: process.env.CI !== undefined ? 'list' : [['list'], ['html', { open: 'never' }]],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    trace: 'retain-on-failure',
    permissions: ['clipboard-read', 'clipboard-write'],
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        launchOptions: {
          executablePath: chromiumExecutable(),
          args: ['--disable-gpu', '--disable-quic', '--disable-sync'],
        },
      },
    },
  ],
  webServer: {
    // Builds once, then serves dist/ at the root and under SUB_PATH.
    command: `node scripts/serve-e2e.mjs ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: process.env.CI === undefined,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
