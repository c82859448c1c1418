// Builds the app once, then serves the same dist/ at the root (port PORT,
// default 4173) and under a sub-path (port PORT + 1, /tools/kms/) for the
// browser tests: node scripts/serve-e2e.mjs [PORT]
import { build, preview } from 'vite';

const host = '127.0.0.1';
const port = Number(process.argv[2] ?? 4173);
// Runs on other ports build into their own folder, so two runs on one machine
// never serve each other's half-written files.
const outDir = port === 4173 ? 'dist' : `dist-e2e-${String(port)}`;
await build({ logLevel: 'warn', build: { outDir } });
// The sub-path server starts first: Playwright waits for the root one.
await preview({
  base: '/tools/kms/',
  build: { outDir },
  preview: { host, port: port + 1, strictPort: true },
});
await preview({ build: { outDir }, preview: { host, port, strictPort: true } });
console.log(`serving http://${host}:${port}/ and http://${host}:${port + 1}/tools/kms/`);
