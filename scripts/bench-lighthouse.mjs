// Runs Lighthouse (mobile defaults: simulated throttling) three times on the built app served
// by `vite preview`, and prints each run, the medians and the audits that did not pass.
// Expects a build: run `npm run build` first. Reports go to bench-results/.
// Usage: node scripts/bench-lighthouse.mjs
import { mkdirSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

import { chromiumExecutable } from './lib/chromium.mjs';
import { onStopSignal, requireBuild, root } from './lib/env.mjs';
import { startPreview, stopProcess } from './lib/preview.mjs';

import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { median } from './lib/stats.mjs';

const PORT = 4190;
const RUNS = 3;
const WIZARD_URL =
  `http://127.0.0.1:${PORT}/?v=1&ops=import,batch-inference&enc=bucket,dataset-group` +
  '&account=111122223333&role=PersonalizeRole&path=/service-role/&step=review';
const CATEGORIES = ['performance', 'accessibility', 'best-practices'];
const CHROME_FLAGS = ['--headless=new', '--no-sandbox', '--disable-gpu', '--disable-dev-shm-usage'];
const resultsDir = path.join(root, 'bench-results');

requireBuild('bench-lighthouse');

let preview;
let chrome;
let chromePath;

function stopChrome() {
  if (!chrome) return;
  const launched = chrome;
  chrome = undefined;
  // chrome-launcher sends SIGKILL to the browser's process group (its pid, negated).
  try {
    launched.kill();
  } catch (error) {
    console.warn(
      `bench-lighthouse: could not stop Chromium (pid ${launched.pid}): ${String(error)}`,
    );
  }
}

// Ctrl+C or a kill: Chromium runs in its own process group, so stop it and vite here.
onStopSignal('bench-lighthouse', 'Chromium and vite', () => {
  stopChrome();
  chromeLauncher.killAll(); // also a browser still starting up
  return stopProcess(preview);
});

async function runOnce(run) {
  chrome = await chromeLauncher.launch({ chromePath, chromeFlags: CHROME_FLAGS });
  const { port } = chrome;
  try {
    const result = await lighthouse(WIZARD_URL, {
      port,
      output: 'json',
      logLevel: 'error',
      onlyCategories: CATEGORIES,
    });
    if (!result) throw new Error('Lighthouse returned no result');
    const file = path.join(resultsDir, `lighthouse-run${run}.json`);
    writeFileSync(file, typeof result.report === 'string' ? result.report : result.report[0]);
    return { lhr: result.lhr, file };
  } finally {
    stopChrome();
  }
}

function figures(lhr) {
  const score = (id) => {
    const value = lhr.categories[id]?.score;
    return typeof value === 'number' ? Math.round(value * 100) : NaN;
  };
  const numeric = (id) => lhr.audits[id]?.numericValue ?? NaN;
  return {
    performance: score('performance'),
    accessibility: score('accessibility'),
    bestPractices: score('best-practices'),
    lcp: numeric('largest-contentful-paint'),
    tbt: numeric('total-blocking-time'),
    cls: numeric('cumulative-layout-shift'),
    benchmarkIndex: lhr.environment?.benchmarkIndex ?? NaN,
  };
}

/** Up to three offending elements of an audit, as `selector "label": first reason line`. */
function failingNodes(audit) {
  const items = audit.details?.items ?? [];
  const nodes = items.map((item) => item.node).filter((node) => node?.type === 'node');
  const shown = nodes.slice(0, 3).map((node) => {
    const reason = (node.explanation ?? '')
      .split('\n')
      .map((text) => text.trim())
      .find((text) => text !== '' && !/^Fix (any|all) of the following:?$/.test(text));
    const label = node.nodeLabel ? ` "${node.nodeLabel}"` : '';
    return `${node.selector ?? node.snippet}${label}${reason ? `: ${reason}` : ''}`;
  });
  if (nodes.length > shown.length) shown.push(`... and ${nodes.length - shown.length} more`);
  return shown;
}

const line = (f) =>
  `performance ${f.performance}, accessibility ${f.accessibility}, best practices ${f.bestPractices}, ` +
  `LCP ${Math.round(f.lcp)} ms, TBT ${Math.round(f.tbt)} ms, CLS ${f.cls.toFixed(3)}`;

let failed = false;
const runs = [];
const loadAtStart = os.loadavg()[0].toFixed(1);
try {
  chromePath = chromiumExecutable();
  mkdirSync(resultsDir, { recursive: true });
  await startPreview(PORT, (child) => (preview = child));
  console.log(
    `Lighthouse ${RUNS}x, mobile defaults (simulated throttling), Chromium ${chromePath}`,
  );
  console.log(`URL: ${WIZARD_URL}`);
  for (let run = 1; run <= RUNS; run += 1) {
    const { lhr, file } = await runOnce(run);
    if (lhr.runtimeError) {
      throw new Error(`run ${run}: ${lhr.runtimeError.code}: ${lhr.runtimeError.message}`);
    }
    for (const warning of lhr.runWarnings ?? []) console.warn(`  run ${run} warning: ${warning}`);
    const f = figures(lhr);
    runs.push({ lhr, figures: f });
    console.log(`  run ${run}: ${line(f)}  (${path.relative(root, file)})`);
  }
} catch (error) {
  failed = true;
  console.error(`bench-lighthouse: ${error instanceof Error ? error.message : String(error)}`);
} finally {
  await stopProcess(preview);
}

if (runs.length === RUNS) {
  const keys = ['performance', 'accessibility', 'bestPractices', 'lcp', 'tbt', 'cls'];
  const med = Object.fromEntries(keys.map((key) => [key, median(runs.map((r) => r.figures[key]))]));
  if (keys.some((key) => Number.isNaN(med[key]))) {
    failed = true;
    console.error('bench-lighthouse: a score or metric is missing from the reports.');
  }

  // Audits of the accessibility and best-practices categories that scored below 1 in any run.
  const failing = new Map();
  for (const { lhr } of runs) {
    for (const categoryId of ['accessibility', 'best-practices']) {
      for (const ref of lhr.categories[categoryId]?.auditRefs ?? []) {
        const audit = lhr.audits[ref.id];
        if (!audit || audit.score === null || audit.score >= 1) continue;
        const entry = failing.get(ref.id) ?? { categoryId, title: audit.title, runs: 0, score: 1 };
        entry.runs += 1;
        entry.nodes = failingNodes(audit);
        entry.score = Math.min(entry.score, audit.score);
        failing.set(ref.id, entry);
      }
    }
  }

  console.log('');
  console.log(`== Lighthouse (median of ${RUNS}, mobile, simulated throttling) ==`);
  console.log(
    `Performance: ${med.performance}  (runs: ${runs.map((r) => r.figures.performance).join(', ')})`,
  );
  console.log(
    `Accessibility: ${med.accessibility}  (runs: ${runs.map((r) => r.figures.accessibility).join(', ')})`,
  );
  console.log(
    `Best practices: ${med.bestPractices}  (runs: ${runs.map((r) => r.figures.bestPractices).join(', ')})`,
  );
  console.log(`LCP: ${Math.round(med.lcp)} ms`);
  console.log(`TBT: ${Math.round(med.tbt)} ms`);
  console.log(`CLS: ${med.cls.toFixed(3)}`);
  console.log(
    `Machine: ${os.cpus().length} CPUs, load average ${loadAtStart} at start, ` +
      `Lighthouse benchmarkIndex ${Math.round(median(runs.map((r) => r.figures.benchmarkIndex)))}`,
  );
  console.log(`Goal performance >= 98: ${med.performance >= 98 ? 'met' : 'NOT met'}`);
  console.log(`Goal accessibility 100: ${med.accessibility === 100 ? 'met' : 'NOT met'}`);
  console.log(`Goal best practices 100: ${med.bestPractices === 100 ? 'met' : 'NOT met'}`);
  if (failing.size === 0) {
    console.log('Accessibility and best-practices audits below 1: none');
  } else {
    console.log('Accessibility and best-practices audits below 1:');
    for (const [id, entry] of failing) {
      console.log(
        `  [${entry.categoryId}] ${id}: ${entry.title} (score ${entry.score}, ${entry.runs}/${RUNS} runs)`,
      );
      for (const node of entry.nodes) console.log(`      ${node}`);
    }
  }
  console.log(`Reports: ${path.relative(root, resultsDir)}/lighthouse-run{1..${RUNS}}.json`);
}

process.exit(failed ? 1 : 0);
