// Prints what the yaml package's stringify would add to a chunk: the function bundled and
// minified alone by the project's Vite, raw and gzip -9 bytes. cloudformation.ts cites it for
// writing its YAML itself.
// Usage: node scripts/bench-yaml-size.mjs
import { createRequire } from 'node:module';
import { gzipSync } from 'node:zlib';

import { build } from 'vite';

import { root } from './lib/env.mjs';

const ENTRY = '\0yaml-stringify';

const output = await build({
  root,
  configFile: false,
  logLevel: 'silent',
  plugins: [
    {
      name: 'yaml-stringify-entry',
      resolveId: (id) => (id === ENTRY ? ENTRY : undefined),
      load: (id) => (id === ENTRY ? "export { stringify } from 'yaml';\n" : undefined),
    },
  ],
  build: {
    write: false,
    minify: true,
    rolldownOptions: { input: ENTRY, preserveEntrySignatures: 'strict' },
  },
});
const code = (Array.isArray(output) ? output : [output])
  .flatMap((result) => result.output)
  .filter((item) => item.type === 'chunk')
  .map((chunk) => chunk.code)
  .join('');
const { version } = createRequire(import.meta.url)('yaml/package.json');
const kib = (bytes) => `${(bytes / 1024).toFixed(1)} KiB`;
const gzip = gzipSync(code, { level: 9 }).length;
console.log(
  `yaml ${version} stringify, minified: ${kib(Buffer.byteLength(code))} (${kib(gzip)} gzip)`,
);
