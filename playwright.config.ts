import { defineConfig, devices } from '@playwright/test';

import { CHROMIUM_ARGS, testChromiumExecutable } from './scripts/lib/chromium.mjs';

// E2E_PORT lets two runs share a machine. A run serves on PORT, PORT+1 (sub-path) and PORT+2
// (nginx) (scripts/lib/ports.mjs): keep E2E_PORT values at least 3 apart.
const PORT = Number(process.env.E2E_PORT ?? 4173);

export default defineConfig({
  testDir: './e2e',
  fullyParallel: true,
  forbidOnly: process.env.CI !== undefined,
  retries: 0,
  workers: 2,
  reporter: [
    ['list'],
    ...(process.env.CI !== undefined ? [] : [['html', { open: 'never' }] as const]),
    ['./e2e/timeout-margin-reporter.ts'],
  ],
  use: {
    baseURL: `http://127.0.0.1:${PORT}/`,
    // A failed test keeps its trace (actions, DOM snapshots, console, network) without the
    // screencast: recording a film strip of every test cost a third of the browser tests' time.
    // answer-the-questions and copy-and-download specs, 37 tests, two back-to-back pairs on the
    // two-core machine (2026-12-08): 87 and 69 s with the screencast, 60 and 54 s without.
    trace: { mode: 'retain-on-failure', screenshots: false },
    permissions: ['clipboard-read', 'clipboard-write'],
  },
  projects: [
    {
      name: 'chromium',
      use: {
        ...devices['Desktop Chrome'],
        // Debian's headless shell, else its chromium, when present (Playwright cannot download
        // a browser on every machine); no browser at all fails the run: browser tests are never
        // skipped.
        launchOptions: { executablePath: testChromiumExecutable(), args: CHROMIUM_ARGS },
      },
    },
  ],
  webServer: {
    // Builds once (into dist/, or dist-e2e-PORT/ on another port), then serves that build at
    // the root on PORT, under /tools/kms/ on PORT+1 and behind nginx on PORT+2.
    command: `node scripts/serve-e2e.mjs ${PORT}`,
    url: `http://127.0.0.1:${PORT}/`,
    reuseExistingServer: process.env.CI === undefined,
    timeout: 120_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
