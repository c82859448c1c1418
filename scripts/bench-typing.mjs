// Measures typing latency in the "Service role name" field with a 4x CPU slowdown: for each
// keystroke, the time from the keydown event to the end of the first frame that shows the new
// role name in the KMS key policy. That end is taken in a task posted (MessageChannel) from the
// frame's animation-frame callback: the callback runs at the start of the frame, the task once
// the frame's style, layout and paint are done (what the compositor and the display add after
// that, the page cannot see). Expects a build: run `npm run build` first.
//
// The same keys are also typed, in turn with the wizard, into a bare page: a plain input and a
// <pre> with the same policy text, updated by a one-line listener, no framework. What the bare
// page takes is this machine's floor at that moment (the browser's own keystroke handling, the
// frame wait, a busy host); the difference is what the wizard itself costs. Two more figures
// leave out what the page does not control: its own work (from its keydown listener, not from
// when the browser made the event), and whether each keystroke was shown in the first frame
// after the page got it (no frame ran with the old text).
//
// Each key is pressed once the previous one's frame is done, so without a pause every press
// would land at about the same point of the frame, and not the same point on both pages. Before
// each press the script waits a random 0 to 17 ms (one frame at 60 Hz), so both pages are
// measured over the whole frame. The waits come from a small seeded generator (mulberry32), so
// every run asks for the same waits, and both pages in a round for the same ones.
//
// The goal, a keystroke's JSON on screen "under one frame" (16 ms) at p95, is read as a frame
// budget: the new JSON is in the page within 16 ms of the keydown event (the browser's own
// handling of the key, the wait for the page, and the page's work), and the next frame the
// browser draws shows it. The end-to-end figure adds the wait for that frame to start, which
// depends only on where in the frame the key fell (0 to 16.7 ms at 60 Hz), and that frame's
// rendering; with keys falling anywhere in the frame, that wait alone can take most of 16 ms,
// as the bare page's figure shows. It is printed beside the goal, with what the wizard adds.
// Usage: node scripts/bench-typing.mjs
import os from 'node:os';

import { CHROMIUM_ARGS, chromiumExecutable } from './lib/chromium.mjs';
import { onStopSignal, requireBuild } from './lib/env.mjs';
import { startPreview, stopProcess } from './lib/preview.mjs';

import { chromium } from '@playwright/test';
import { pageFunctions } from 'lighthouse/core/lib/page-functions.js';
import { percentile } from './lib/stats.mjs';

const PORT = 4191;
const WIZARD_URL = `http://127.0.0.1:${PORT}/?v=1&ops=import&enc=bucket&account=111122223333&step=role`;
const CPU_SLOWDOWN = 4;
const GOAL_P95_MS = 16;
const KEY_TIMEOUT_MS = 10_000;
const ROLE_ARN_PREFIX = 'arn:aws:iam::111122223333:role/';
/** Runs per page, taken in turn (bare, wizard, bare, wizard, …) so both see the same host. */
const ROUNDS = 2;
/** The longest pause before a key press: one frame at 60 Hz. */
const MAX_PHASE_MS = 17;
/** Seeds the pauses; round r uses PHASE_SEED + r, on both pages. */
const PHASE_SEED = 0x5eed;
/** Where the bare page is served (by the browser's request interception, same origin). */
const BARE_PATH = '/bench-typing-bare-page';

/**
 * What to type: words, letter by letter, and Backspaces. The name stays within IAM's 64 and
 * never empties: the policy then shows a placeholder, not `role/<name>"`.
 */
const SCRIPT = [
  'PersonalizeServiceRole',
  -4,
  'AccessRoleForImports',
  -7,
  'BatchInferenceJobs',
  -18,
  'DatasetImportTypingBench',
  -10,
];
const KEYS = SCRIPT.flatMap((part) =>
  typeof part === 'string' ? [...part] : Array.from({ length: -part }, () => 'Backspace'),
);

requireBuild('bench-typing');

/**
 * Runs in the page before the app. A capturing keydown listener on window notes the event's
 * time; `arm(expected)` then waits, with a MutationObserver, until the key policy's JSON holds
 * `expected`, and resolves after the next frame's rendering with the times (performance.now()
 * base): the keydown, the DOM update, that frame's animation-frame callback (the frame's start)
 * and the task that runs after the frame's rendering (the frame's end).
 */
function installProbe({ timeoutMs }) {
  let keydown = null;
  window.addEventListener(
    'keydown',
    (event) => {
      const now = performance.now();
      // event.timeStamp is when the browser created the event (same clock as performance.now());
      // fall back to the listener's own time if it is missing or odd.
      const stamp = event.timeStamp > 0 && event.timeStamp <= now ? event.timeStamp : now;
      // A frame that runs before the new text is in the DOM is a frame the keystroke missed.
      const key = { start: stamp, listener: now, frameBefore: false };
      keydown = key;
      requestAnimationFrame(() => {
        key.frameBefore = !key.shown;
      });
    },
    true,
  );

  /** The <pre> in the region named "KMS key policy", or undefined. */
  function policyPre() {
    for (const section of document.querySelectorAll('section[aria-labelledby]')) {
      const ids = section.getAttribute('aria-labelledby').split(/\s+/);
      const heading = ids.map((id) => document.getElementById(id)?.textContent ?? '').join(' ');
      if (heading.trim() === 'KMS key policy') return section.querySelector('pre') ?? undefined;
    }
    return undefined;
  }

  window.__typingProbe = {
    policyText: () => policyPre()?.textContent,
    arm(expected) {
      keydown = null;
      // Found once, before the keystroke: the observer then watches this <pre> alone, and its
      // callback reads the clock before anything else.
      const pre = policyPre();
      if (pre === undefined) throw new Error('no region named "KMS key policy" with a <pre>');
      if (pre.textContent.includes(expected))
        throw new Error(`the policy already shows ${expected}`);
      this.result = new Promise((resolve) => {
        let timer;
        const observer = new MutationObserver(() => {
          const dom = performance.now();
          if (keydown === null || !pre.textContent.includes(expected)) return;
          const { start, listener } = keydown;
          keydown.shown = true;
          const late = keydown.frameBefore;
          observer.disconnect();
          clearTimeout(timer);
          requestAnimationFrame(() => {
            const frame = performance.now();
            // rAF callbacks run before the frame's style, layout and paint; a message posted
            // here is handled in a task after them.
            const channel = new MessageChannel();
            channel.port1.onmessage = () => {
              const end = performance.now();
              channel.port1.close();
              resolve({ start, listener, dom, frame, end, late });
            };
            channel.port2.postMessage(null);
          });
        });
        observer.observe(pre, { subtree: true, childList: true, characterData: true });
        timer = setTimeout(() => {
          observer.disconnect();
          resolve({
            error:
              `the policy did not show ${expected} within ${timeoutMs} ms` +
              (pre.isConnected ? '' : ' (its <pre> was replaced)'),
          });
        }, timeoutMs);
      });
    },
  };
}

/** mulberry32: a tiny seeded generator of numbers in [0, 1), the same for the same seed. */
function seededRandom(seed) {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * The bare page: the same label, heading and policy text as the wizard, a plain <input> and a
 * <pre> whose text one `input` listener rewrites. `template` is the wizard's key policy with an
 * empty role name; `placeholder` is what stands in the ARN for the empty name.
 */
function barePage(template, placeholder) {
  const escape = (text) =>
    text.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c]);
  const arn = `${ROLE_ARN_PREFIX}${placeholder}`;
  const script = `
    const template = ${JSON.stringify(template)};
    const field = document.getElementById('role');
    const text = document.getElementById('policy').firstChild;
    field.addEventListener('input', () => {
      const arn = ${JSON.stringify(ROLE_ARN_PREFIX)} + (field.value || ${JSON.stringify(placeholder)});
      text.data = template.replaceAll(${JSON.stringify(arn)}, arn);
    });`;
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>Bare page</title></head>
<body><label for="role">Service role name</label> <input id="role" autocomplete="off" spellcheck="false">
<section aria-labelledby="policy-heading"><h2 id="policy-heading">KMS key policy</h2>
<pre id="policy" style="font: 13px/1.5 monospace">${escape(template)}</pre></section>
<script>${script}</script></body></html>`;
}

/**
 * Types KEYS into the page's role name field, each after a pause drawn from `seed` (see
 * MAX_PHASE_MS); returns each keystroke's latencies.
 */
async function typeInto(page, url, seed) {
  await page.goto(url);
  const field = page.getByRole('textbox', { name: 'Service role name', exact: true });
  await field.waitFor();
  await page.getByRole('region', { name: 'KMS key policy', exact: true }).locator('pre').waitFor();
  if ((await field.inputValue()) !== '')
    throw new Error('the Service role name field is not empty');

  const cdp = await page.context().newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: CPU_SLOWDOWN });
  await field.focus();

  const random = seededRandom(seed);
  const frames = [];
  const doms = [];
  const works = [];
  const renders = [];
  const queueings = [];
  let late = 0;
  let name = '';
  for (const [index, key] of KEYS.entries()) {
    name = key === 'Backspace' ? name.slice(0, -1) : name + key;
    if (name === '') throw new Error(`keystroke ${index + 1} empties the role name: fix SCRIPT`);
    const expected = `${ROLE_ARN_PREFIX}${name}"`;
    await page.evaluate((text) => window.__typingProbe.arm(text), expected);
    await sleep(random() * MAX_PHASE_MS);
    await page.keyboard.press(key);
    const result = await page.evaluate(() => window.__typingProbe.result);
    if (result.error) throw new Error(`keystroke ${index + 1} (${key}): ${result.error}`);
    frames.push(result.end - result.start);
    doms.push(result.dom - result.start);
    works.push(result.dom - result.listener);
    renders.push(result.end - result.frame);
    if (result.late) late += 1;
    queueings.push(result.listener - result.start);
  }
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: 1 });
  await cdp.detach();
  const finalValue = await field.inputValue();
  if (finalValue !== name) throw new Error(`field holds "${finalValue}", expected "${name}"`);
  return { frames, doms, works, renders, queueings, late };
}

/**
 * Lighthouse's measure of this machine's CPU at that moment, unthrottled, on the bare page:
 * a shared or busy host scores lower, and every figure here moves with it.
 */
async function hostBenchmarkIndex(context, url) {
  const page = await context.newPage();
  await page.goto(url);
  const index = await page.evaluate(pageFunctions.computeBenchmarkIndex);
  await page.close();
  return Math.round(index);
}

let preview;
let browser;
let failed = false;
const benchmarkIndex = { before: NaN, after: NaN };
const loadAtStart = os.loadavg()[0].toFixed(1);

// Ctrl+C or a kill: close the browser and stop vite before leaving.
onStopSignal('bench-typing', 'the browser and vite', () =>
  Promise.allSettled([browser?.close(), stopProcess(preview)]),
);
const measured = {
  wizard: { frames: [], doms: [], works: [], renders: [], queueings: [], late: 0, firsts: [] },
  bare: { frames: [], doms: [], works: [], renders: [], queueings: [], late: 0, firsts: [] },
};
try {
  await startPreview(PORT, (child) => (preview = child));
  browser = await chromium.launch({
    executablePath: chromiumExecutable(),
    args: CHROMIUM_ARGS,
    handleSIGINT: false,
    handleSIGTERM: false,
    handleSIGHUP: false,
  });
  const context = await browser.newContext();
  await context.addInitScript(installProbe, { timeoutMs: KEY_TIMEOUT_MS });

  // The bare page shows the wizard's own key policy for these answers.
  const first = await context.newPage();
  await first.goto(WIZARD_URL);
  await first.getByRole('region', { name: 'KMS key policy', exact: true }).locator('pre').waitFor();
  const template = await first.evaluate(() => window.__typingProbe.policyText());
  await first.close();
  const placeholder = new RegExp(`${ROLE_ARN_PREFIX}([^"]+)"`).exec(template ?? '')?.[1];
  if (!placeholder) throw new Error(`the key policy shows no ${ROLE_ARN_PREFIX}… ARN to follow`);
  const bareUrl = new URL(BARE_PATH, WIZARD_URL).href;
  await context.route(bareUrl, (route) =>
    route.fulfill({ contentType: 'text/html', body: barePage(template, placeholder) }),
  );

  benchmarkIndex.before = await hostBenchmarkIndex(context, bareUrl);
  for (let round = 0; round < ROUNDS; round += 1) {
    for (const [which, url] of [
      ['bare', bareUrl],
      ['wizard', WIZARD_URL],
    ]) {
      const page = await context.newPage();
      page.on('pageerror', (error) => console.error(`  page error (${which}): ${error.message}`));
      const { frames, doms, works, renders, queueings, late } = await typeInto(
        page,
        url,
        PHASE_SEED + round,
      );
      await page.close();
      measured[which].frames.push(...frames);
      measured[which].doms.push(...doms);
      measured[which].works.push(...works);
      measured[which].renders.push(...renders);
      measured[which].queueings.push(...queueings);
      measured[which].late += late;
      // The round's first keystroke, into the empty field: in the wizard it also clears the
      // "Still missing" notice and opens the Review step, in renders of their own after it.
      measured[which].firsts.push({ dom: doms[0], frame: frames[0] });
    }
  }
  benchmarkIndex.after = await hostBenchmarkIndex(context, bareUrl);
} catch (error) {
  failed = true;
  console.error(`bench-typing: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  if (browser) await browser.close().catch(() => {});
  await stopProcess(preview);
}

if (!failed) {
  const stats = (values) => {
    const sorted = [...values].sort((a, b) => a - b);
    return {
      p50: percentile(sorted, 50),
      p95: percentile(sorted, 95),
      max: sorted[sorted.length - 1],
    };
  };
  const summary = ({ frames, doms, works, renders, queueings }) => ({
    frame: stats(frames),
    dom: stats(doms),
    work: stats(works),
    render: stats(renders),
    queueing: stats(queueings),
  });
  const wizard = summary(measured.wizard);
  const bare = summary(measured.bare);
  const count = measured.wizard.frames.length;
  const backspaces = KEYS.filter((key) => key === 'Backspace').length;
  const ms = (value) => `${value.toFixed(1)} ms`.padStart(9);
  const plus = (value) => `${value >= 0 ? '+' : '−'}${Math.abs(value).toFixed(1)} ms`.padStart(9);
  const table = (of) => [
    `                   p50      p95      max`,
    `  wizard      ${ms(wizard[of].p50)}${ms(wizard[of].p95)}${ms(wizard[of].max)}`,
    `  bare page   ${ms(bare[of].p50)}${ms(bare[of].p95)}${ms(bare[of].max)}`,
    `  difference  ${plus(wizard[of].p50 - bare[of].p50)}${plus(wizard[of].p95 - bare[of].p95)}`,
  ];
  console.log('');
  console.log(`== Typing latency (Service role name, ${CPU_SLOWDOWN}x CPU slowdown) ==`);
  console.log(
    `Keystrokes per page: ${count} (${ROUNDS} rounds of ${KEYS.length}: ` +
      `${KEYS.length - backspaces} letters, ${backspaces} Backspaces), wizard and bare page in turn`,
  );
  console.log(
    `Each key pressed after a random 0-${MAX_PHASE_MS} ms pause (seeded, the same on both ` +
      'pages), so the keystrokes fall anywhere in the frame',
  );
  console.log(
    'Keydown to the end of the first frame with the new name in the KMS key policy ' +
      '(after its style, layout and paint):',
  );
  for (const line of table('frame')) console.log(line);
  console.log('Keydown to the DOM update alone (before the frame wait):');
  for (const line of table('dom')) console.log(line);
  console.log(
    "That frame's rendering: its animation-frame callback to the task after it " +
      '(style, layout, paint):',
  );
  for (const line of table('render')) console.log(line);
  console.log(
    "The page's own work: its keydown listener to the DOM update (no wait for the page):",
  );
  for (const line of table('work')) console.log(line);
  console.log(
    `Keystrokes shown in the first frame after the page got them: wizard ${count - measured.wizard.late} ` +
      `of ${count}, bare page ${count - measured.bare.late} of ${count}`,
  );
  const firsts = (which) =>
    measured[which].firsts
      .map(
        ({ dom, frame }) => `${dom.toFixed(1)} ms to the DOM, ${frame.toFixed(1)} ms to the frame`,
      )
      .join('; ');
  console.log(
    `First keystroke of each round, into the empty field: wizard ${firsts('wizard')}; bare page ` +
      `${firsts('bare')}`,
  );
  const wait = (of) => `${ms(of.queueing.p95).trim()} p95, ${ms(of.queueing.max).trim()} max`;
  console.log(
    `Wait from the keydown event to the page's keydown listener: wizard ${wait(wizard)}; ` +
      `bare page ${wait(bare)}`,
  );
  console.log(
    `Machine: ${os.cpus().length} CPUs, load average ${loadAtStart} at start, Lighthouse ` +
      `benchmarkIndex ${benchmarkIndex.before} before the rounds and ${benchmarkIndex.after} after ` +
      `(Lighthouse's fixed ${CPU_SLOWDOWN}x is meant for a high-end desktop, 1500-2000)`,
  );
  // The goal, "under one frame": the keystroke's new JSON is in the page within one frame's
  // time, and the browser's next frame shows it. See the header for why the wait for that
  // frame is not counted against it.
  const ready = wizard.dom.p95 < GOAL_P95_MS;
  const shownNext = measured.wizard.late === 0;
  console.log(
    `Goal, the new JSON in the page within one frame (keydown to the DOM update, p95 under ` +
      `${GOAL_P95_MS} ms) and shown in the next frame: ${ready && shownNext ? 'met' : 'NOT met'} ` +
      `(p95 ${ms(wizard.dom.p95).trim()}; ${count - measured.wizard.late} of ${count} in the next frame)`,
  );
  const over = (value) => (value < GOAL_P95_MS ? 'under' : 'over');
  console.log(
    `End to end (keydown to the end of the frame), p95 against ${GOAL_P95_MS} ms: wizard ` +
      `${ms(wizard.frame.p95).trim()} (${over(wizard.frame.p95)}), bare page ` +
      `${ms(bare.frame.p95).trim()} (${over(bare.frame.p95)}); the wizard adds ` +
      `${plus(wizard.frame.p95 - bare.frame.p95).trim()} at p95`,
  );
  if (bare.frame.p95 >= GOAL_P95_MS) {
    console.log(
      '  Not even the bare page is under it end to end here: a keystroke waits up to a whole ' +
        'frame (16.7 ms at 60 Hz) for the next one to start, whatever the page does.',
    );
  }
}

process.exit(failed ? 1 : 0);
