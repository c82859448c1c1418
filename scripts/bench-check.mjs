// Measures how long the Check step's check of a realistic setup takes at 4x CPU slowdown
// (scripts/bench-check/setup.ts says which setup and what is timed): bundled by vite and run in
// Chromium, where each round times the check and, as the baseline of the same moment, building
// the wizard's documents for the same answers. Prints what the step's first two checks take
// (its empty fields when it opens, nothing warmed up; then the pasted setup), the median and p95
// of the rest, the baseline's median, their ratio, and the goal (under 100 ms).
// Usage: node scripts/bench-check.mjs [--runs N]
/* global window */
import path from 'node:path';

import { CHROMIUM_ARGS, chromiumExecutable } from './lib/chromium.mjs';
import { root } from './lib/env.mjs';

import { chromium } from '@playwright/test';
import { build } from 'vite';
import { median, percentile } from './lib/stats.mjs';

const CPU_SLOWDOWN = 4;
const GOAL_MS = 100;
const WARM_UP = 5;

const args = process.argv.slice(2);
let runs = 30;
if (args[0] === '--runs' && Number.isInteger(Number(args[1])) && Number(args[1]) > 0) {
  runs = Number(args[1]);
} else if (args.length > 0) {
  console.error('Usage: node scripts/bench-check.mjs [--runs N]');
  process.exit(2);
}

const output = await build({
  root,
  logLevel: 'warn',
  configFile: false,
  build: {
    write: false,
    minify: true,
    lib: {
      entry: path.join(root, 'scripts', 'bench-check', 'setup.ts'),
      formats: ['iife'],
      name: 'benchCheck',
    },
  },
});
const chunk = (Array.isArray(output) ? output[0] : output).output.find(
  (item) => item.type === 'chunk',
);

const browser = await chromium.launch({
  executablePath: chromiumExecutable(),
  args: CHROMIUM_ARGS,
});
try {
  const page = await browser.newPage();
  await page.setContent('<!doctype html><title>bench-check</title>');
  await page.addScriptTag({ content: chunk.code });
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  // As the step does: it checks its empty fields when it opens, then what is pasted.
  const opening = await page.evaluate(() => window.benchCheck.timeEmptyCheck());
  const [first] = await page.evaluate(() => window.benchCheck.timeCheck(1));
  const setup = await page.evaluate(() => window.benchCheck.describeSetup());
  await page.evaluate((n) => window.benchCheck.timeCheck(n), WARM_UP);
  await page.evaluate((n) => window.benchCheck.timeBuild(n), WARM_UP);
  const check = [];
  const baseline = [];
  // In turn, one of each per round, so both see the same host.
  for (let round = 0; round < runs; round += 1) {
    check.push(...(await page.evaluate(() => window.benchCheck.timeCheck(1))));
    baseline.push(...(await page.evaluate(() => window.benchCheck.timeBuild(1))));
  }
  console.log('\n== Check a setup, at 4x CPU slowdown ==');
  console.log(
    `setup: ${setup.characters.toLocaleString('en')} characters pasted, ${setup.findings} findings`,
  );
  console.log(
    `opening the step (its empty fields checked, nothing warmed up): ${opening.toFixed(1)} ms; ` +
      `then the first check of the pasted setup: ${first.toFixed(1)} ms`,
  );
  console.log(
    `check: median ${median(check).toFixed(1)} ms, p95 ${percentile(check, 95).toFixed(1)} ms ` +
      `(${runs} runs; goal under ${GOAL_MS} ms: ${percentile(check, 95) < GOAL_MS ? 'met' : 'NOT met'})`,
  );
  console.log(
    `baseline, building the documents for the same answers: median ${median(baseline).toFixed(1)} ms`,
  );
  console.log(
    `ratio, check / baseline (medians): ${(median(check) / median(baseline)).toFixed(1)}x`,
  );
} finally {
  await browser.close();
}
