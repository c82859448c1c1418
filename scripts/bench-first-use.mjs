// Measures how soon a first visit can be used at 4x CPU slowdown: the time from the navigation's
// start until the first step's first checkbox is in the page and enabled, and until a click on it
// is handled (MUI marks the box checked, which it does only once React has rendered the new
// answer). Each run is a new browser context (empty cache and storage, as a first visit), on the
// address with no answers. The click is sent as soon as Playwright finds the box visible, stable
// and enabled, as a user who clicks the moment it appears; the page handles it once its main
// thread is free. Prints each run and the median, with the goal beside it.
//
// `--compare <dir>` also serves another build (another `vite build --outDir <dir>`) and takes the
// runs in turn, this build then that one, so both see the same host; it prints both medians and
// their ratio. Expects a build: run `npm run build` first.
// Usage: node scripts/bench-first-use.mjs [--runs N] [--compare <dir>]
// watchFirstUse and the waits run in the page, with the browser's globals.
/* global window, document, requestAnimationFrame, MutationObserver */
import os from 'node:os';
import path from 'node:path';

import { CHROMIUM_ARGS, chromiumExecutable } from './lib/chromium.mjs';
import { dist, onStopSignal, requireBuild, root } from './lib/env.mjs';
import { startPreview, stopProcess } from './lib/preview.mjs';

import { chromium } from '@playwright/test';
import { median } from './lib/stats.mjs';

const PORTS = [4192, 4193];
const CPU_SLOWDOWN = 4;
const GOAL_MS = 2500;
const DEFAULT_RUNS = 5;
const RUN_TIMEOUT_MS = 60_000;
const CHECKBOX = 'form input[type="checkbox"]';

function usage(message) {
  console.error(`bench-first-use: ${message}`);
  console.error('Usage: node scripts/bench-first-use.mjs [--runs N] [--compare <dir>]');
  process.exit(2);
}

const args = process.argv.slice(2);
let runs = DEFAULT_RUNS;
let compareDir;
for (let i = 0; i < args.length; i += 1) {
  if (args[i] === '--runs') {
    runs = Number(args[(i += 1)]);
    if (!Number.isInteger(runs) || runs < 1) usage('--runs takes a whole number, 1 or more');
  } else if (args[i] === '--compare') {
    compareDir = args[(i += 1)];
    if (!compareDir) usage('--compare takes a build folder');
    compareDir = path.resolve(compareDir);
  } else {
    usage(`unknown argument ${args[i]}`);
  }
}

requireBuild('bench-first-use');

/**
 * Runs in the page before the app. Notes (performance.now(), from the navigation's start) when
 * the first checkbox of the step's form is in the page and enabled, when the first pointerdown
 * reaches the page, and when the box's checked state, as MUI shows it, differs from the one it
 * appeared with; and, for the first and the last, the end of the next frame (a task posted from
 * its animation-frame callback, so after its style, layout and paint).
 */
function watchFirstUse(selector) {
  const times = {};
  Object.defineProperty(window, '__firstUse', { value: times });
  const afterNextFrame = (key) => {
    requestAnimationFrame(() => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        times[key] = performance.now();
      };
      channel.port2.postMessage(null);
    });
  };
  let initial;
  const shownChecked = (box) => box.closest('.MuiCheckbox-root')?.classList.contains('Mui-checked');
  const look = () => {
    const box = document.querySelector(selector);
    if (!box || box.disabled) return;
    if (times.shown === undefined) {
      times.shown = performance.now();
      initial = shownChecked(box);
      afterNextFrame('shownPainted');
    } else if (times.handled === undefined && shownChecked(box) !== initial) {
      times.handled = performance.now();
      afterNextFrame('handledPainted');
      observer.disconnect();
    }
  };
  const observer = new MutationObserver(look);
  observer.observe(document, {
    subtree: true,
    childList: true,
    attributes: true,
    attributeFilter: ['class', 'disabled'],
  });
  window.addEventListener(
    'pointerdown',
    () => {
      times.pointerdown ??= performance.now();
    },
    { capture: true },
  );
}

async function runOnce(browser, url) {
  const context = await browser.newContext();
  try {
    await context.addInitScript(watchFirstUse, CHECKBOX);
    const page = await context.newPage();
    const cdp = await context.newCDPSession(page);
    await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
    await page.goto(url, { waitUntil: 'commit', timeout: RUN_TIMEOUT_MS });
    await page.locator(CHECKBOX).first().click({ timeout: RUN_TIMEOUT_MS });
    await page.waitForFunction(
      () => {
        const times = window.__firstUse;
        return times.handledPainted !== undefined;
      },
      undefined,
      { timeout: RUN_TIMEOUT_MS, polling: 100 },
    );
    return await page.evaluate(() => ({ ...window.__firstUse }));
  } finally {
    await context.close();
  }
}

const ms = (value) => `${Math.round(value)} ms`;
const runLine = (t) =>
  `checkbox shown ${ms(t.shown)} (painted ${ms(t.shownPainted)}), clicked ${ms(t.pointerdown)}, ` +
  `handled ${ms(t.handled)} (painted ${ms(t.handledPainted)})`;

const builds = [{ label: path.relative(root, dist), dir: dist, port: PORTS[0], runs: [] }];
if (compareDir) {
  builds.push({
    label: path.relative(root, compareDir),
    dir: compareDir,
    port: PORTS[1],
    runs: [],
  });
}

let browser;
const previews = [];
onStopSignal('bench-first-use', 'Chromium and vite', async () => {
  await browser?.close();
  await Promise.all(previews.map((child) => stopProcess(child)));
});

let failed = false;
const loadAtStart = os.loadavg()[0].toFixed(1);
try {
  for (const build of builds) {
    await startPreview(build.port, (child) => previews.push(child), build.dir);
  }
  const executablePath = chromiumExecutable();
  browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  console.log(
    `First use at ${CPU_SLOWDOWN}x CPU slowdown, ${runs} runs per build, new context each ` +
      `(Chromium ${executablePath})`,
  );
  for (let run = 1; run <= runs; run += 1) {
    for (const build of builds) {
      const times = await runOnce(browser, `http://127.0.0.1:${build.port}/`);
      build.runs.push(times);
      console.log(`  ${build.label} run ${run}: ${runLine(times)}`);
    }
  }
} catch (error) {
  failed = true;
  console.error(`bench-first-use: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await browser?.close();
  await Promise.all(previews.map((child) => stopProcess(child)));
}

if (!failed) {
  console.log('');
  console.log(`== First step usable (median of ${runs}, ${CPU_SLOWDOWN}x CPU slowdown) ==`);
  const medians = builds.map((build) => {
    const figure = (key) => median(build.runs.map((times) => times[key]));
    const usable = figure('handledPainted');
    console.log(
      `${build.label}: first checkbox shown ${ms(figure('shownPainted'))}, ` +
        `a click on it handled and painted ${ms(usable)}  ` +
        `(goal ${ms(GOAL_MS)}: ${usable <= GOAL_MS ? 'met' : 'NOT met'})`,
    );
    return usable;
  });
  if (medians.length === 2) {
    console.log(
      `Ratio ${builds[0].label} / ${builds[1].label}: ${(medians[0] / medians[1]).toFixed(2)}`,
    );
  }
  console.log(`Machine: ${os.cpus().length} CPUs, load average ${loadAtStart} at start`);
}

process.exit(failed ? 1 : 0);
