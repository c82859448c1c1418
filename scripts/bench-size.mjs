// Prints what a first visit downloads from dist/ (index.html and the code it loads; raw and
// gzip -9 bytes), compared with the stack's floor, then the chunks loaded later. Expects a
// build: run `npm run build` first.
// Usage: node scripts/bench-size.mjs
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';

import { dist, indexHtml, requireBuild } from './lib/env.mjs';

/**
 * The stack's floor, as the issue gives it (not measured here): React 19 with an MUI theme,
 * Typography and Button, 106.1 KiB gzip.
 */
const FLOOR_KIB = 106.1;
const GOAL_RATIO = 1.5;
const AIM_RATIO = 1.35;

requireBuild('bench-size');

const kib = (bytes) => bytes / 1024;
const fmtKib = (bytes) => `${kib(bytes).toFixed(1)} KiB`;

/** The value of attribute `name` in one HTML start tag. */
function attribute(tag, name) {
  const match = new RegExp(`\\s${name}\\s*=\\s*(?:"([^"]*)"|'([^']*)'|([^\\s>]+))`, 'i').exec(tag);
  return match ? (match[1] ?? match[2] ?? match[3]) : undefined;
}

/** Resolves a URL found in dist/index.html or in a chunk to a file inside dist/, or null. */
function resolveInDist(reference, fromFile) {
  if (/^(?:[a-z][a-z0-9+.-]*:)?\/\//i.test(reference) || reference.startsWith('data:')) return null;
  const clean = reference.split(/[?#]/)[0];
  const resolved = clean.startsWith('/')
    ? path.join(dist, clean)
    : path.resolve(path.dirname(fromFile), clean);
  if (!resolved.startsWith(dist + path.sep) || !existsSync(resolved)) return null;
  return resolved;
}

/** The `type` values that make a <script> a classic script (besides none at all). */
const JS_TYPES = new Set(['text/javascript', 'application/javascript', 'text/ecmascript']);

/** The entry files index.html loads before any interaction. */
function entryFiles(html) {
  const files = [];
  const tags = html.replace(/<!--[\s\S]*?-->/g, '').match(/<(?:script|link)\b[^>]*>/gi) ?? [];
  for (const tag of tags) {
    let reference;
    if (/^<script/i.test(tag)) {
      // Module and classic scripts; not data blocks such as type="application/json".
      const type = (attribute(tag, 'type') ?? '').trim().toLowerCase();
      if (type !== '' && type !== 'module' && !JS_TYPES.has(type)) continue;
      reference = attribute(tag, 'src');
    } else {
      const rel = (attribute(tag, 'rel') ?? '').toLowerCase().split(/\s+/);
      if (!rel.includes('modulepreload') && !rel.includes('stylesheet')) continue;
      reference = attribute(tag, 'href');
    }
    if (!reference) continue;
    const file = resolveInDist(reference, indexHtml);
    if (file) files.push(file);
    else console.warn(`bench-size: index.html refers to ${reference}, not found in dist/`);
  }
  return files;
}

// Static import/export-from statements of a minified ES module: `import{a as b}from"./X.js"`,
// `import"./X.js"`, `export*from"./X.js"`. Dynamic `import("./X.js")` has a parenthesis after
// `import` and is not matched. Only relative specifiers are considered; rolldown writes dynamic
// ones as template literals: import(`./X.js`).
const STATIC_IMPORT =
  /(?:^|[;}\s])(?:import|export)\s*(?:[\w$*{}\s,]*?\s*from\s*)?["'](\.{1,2}\/[^"'\s]+)["']/g;
const DYNAMIC_IMPORT = /\bimport\(\s*["'`](\.{1,2}\/[^"'`\s]+)["'`]\s*\)/g;

const isJs = (file) => /\.m?js$/.test(file);

/** The files in dist/ that `file`'s imports of one kind (STATIC_IMPORT, DYNAMIC_IMPORT) name. */
function importsMatching(file, regex) {
  const code = readFileSync(file, 'utf8');
  return [...code.matchAll(regex)]
    .map((match) => resolveInDist(match[1], file))
    .filter((target) => target !== null);
}

/** `files` and every file their static imports reach, in the order first found. */
function withStaticImports(files) {
  const found = new Set();
  const queue = [...files];
  while (queue.length > 0) {
    const file = queue.shift();
    if (found.has(file)) continue;
    found.add(file);
    if (isJs(file)) queue.push(...importsMatching(file, STATIC_IMPORT));
  }
  return found;
}

function sizes(file) {
  const data = readFileSync(file);
  return { raw: data.length, gzip: gzipSync(data, { level: 9 }).length };
}

function walk(dir) {
  return readdirSync(dir).flatMap((entry) => {
    const full = path.join(dir, entry);
    return statSync(full).isDirectory() ? walk(full) : [full];
  });
}

const entries = entryFiles(readFileSync(indexHtml, 'utf8'));
if (entries.length === 0) {
  console.error('bench-size: dist/index.html loads no script or stylesheet found in dist/.');
  process.exit(1);
}
// index.html itself (with its inline styles) comes first: every first visit downloads it.
const firstVisit = withStaticImports([indexHtml, ...entries]);

// Chunks that a dynamic import() reaches, with their own static imports: loaded on demand.
const codeFiles = walk(dist).filter((file) => /\.(?:m?js|css)$/.test(file));
const onDemand = withStaticImports(
  codeFiles.filter(isJs).flatMap((file) => importsMatching(file, DYNAMIC_IMPORT)),
);
const lazy = codeFiles.filter((file) => !firstVisit.has(file)).sort();

const name = (file) => path.relative(dist, file);
const width = Math.max(20, ...[...firstVisit, ...lazy].map((file) => name(file).length));
const row = (label, raw, gzip) =>
  `  ${label.padEnd(width)}  ${String(raw).padStart(9)}  ${String(gzip).padStart(9)}`;

function table(files, annotate) {
  let raw = 0;
  let gzip = 0;
  const lines = [row('file', 'raw B', 'gzip-9 B')];
  for (const file of files) {
    const size = sizes(file);
    raw += size.raw;
    gzip += size.gzip;
    lines.push(row(name(file), size.raw, size.gzip) + (annotate ? annotate(file) : ''));
  }
  lines.push(row('total', raw, gzip));
  return { lines, raw, gzip };
}

const first = table([...firstVisit]);
const later = table(lazy, (file) =>
  onDemand.has(file) || file.endsWith('.css') ? '' : '  (no import() reaches it)',
);

console.log(
  'First visit (index.html, its scripts, modulepreloads, stylesheets, their static imports):',
);
console.log(first.lines.join('\n'));
console.log('');
if (lazy.length > 0) {
  console.log('Loaded later (through dynamic import(), not on the first visit):');
  console.log(later.lines.join('\n'));
} else {
  console.log('Loaded later: none (the first-visit files hold everything).');
}

// The goal (and the floor) count the JS and CSS; index.html is shown beside them.
const html = sizes(indexHtml);
const code = { raw: first.raw - html.raw, gzip: first.gzip - html.gzip };
const ratio = kib(code.gzip) / FLOOR_KIB;
// Rounded half up for display: 106.1 x 1.5 = 159.15 KiB shows as 159.2.
const shown = (value) => (Math.round(value * 10 + 1e-9) / 10).toFixed(1);
const verdict = (limit, miss) => (ratio <= limit ? 'met' : miss);

console.log('');
console.log('== Bundle size (gzip -9) ==');
console.log(
  `First visit: ${fmtKib(code.gzip)} gzip of JS and CSS (${fmtKib(code.raw)} raw, ` +
    `${firstVisit.size - 1} files), plus index.html ${fmtKib(html.gzip)} gzip`,
);
console.log(
  `Ratio to the stack floor ${FLOOR_KIB} KiB (React 19 + MUI theme, Typography, Button): ${ratio.toFixed(3)}x`,
);
console.log(
  `Goal: at most ${GOAL_RATIO}x (${shown(FLOOR_KIB * GOAL_RATIO)} KiB): ${verdict(GOAL_RATIO, 'NOT met')}`,
);
console.log(
  `Aim: ${AIM_RATIO}x (${shown(FLOOR_KIB * AIM_RATIO)} KiB): ${verdict(AIM_RATIO, 'not met')}`,
);
console.log(
  `Loaded later: ${fmtKib(later.gzip)} gzip (${fmtKib(later.raw)} raw, ${lazy.length} files)`,
);
