// Builds the app once, then serves the same build for the browser tests, on the ports of
// scripts/lib/ports.mjs:
//   PORT (default 4173)  vite preview, at the root
//   PORT + 1             vite preview, under /tools/kms/
//   PORT + 2             nginx with the shipped hosting/nginx.conf, at the root and under
//                        /tools/kms/ (when nginx is installed; the hosting spec fails without it)
// node scripts/serve-e2e.mjs [PORT]
import { build, preview } from 'vite';

import { onStopSignal } from './lib/env.mjs';
import { NGINX_MISSING, nginxExecutable, startNginx, SUB_PATH } from './lib/nginx.mjs';
import { NGINX_PORT_OFFSET, SUB_PATH_PORT_OFFSET } from './lib/ports.mjs';

const host = '127.0.0.1';
const port = Number(process.argv[2] ?? 4173);
const subPathPort = port + SUB_PATH_PORT_OFFSET;
const nginxPort = port + NGINX_PORT_OFFSET;
// Runs on other ports build into their own folder, so two runs on one machine
// never serve each other's half-written files.
const outDir = port === 4173 ? 'dist' : `dist-e2e-${String(port)}`;
await build({ logLevel: 'warn', build: { outDir } });

// nginx and the sub-path server start first: Playwright waits for the root one.
const nginx = nginxExecutable();
if (nginx === null) {
  console.error(`serve-e2e: ${NGINX_MISSING}`);
} else {
  const stopNginx = await startNginx({ nginx, port: nginxPort, outDir });
  onStopSignal('serve-e2e', 'nginx', stopNginx);
}
await preview({
  base: SUB_PATH,
  build: { outDir },
  preview: { host, port: subPathPort, strictPort: true },
});
await preview({ build: { outDir }, preview: { host, port, strictPort: true } });
console.log(
  `serving http://${host}:${String(port)}/, http://${host}:${String(subPathPort)}${SUB_PATH}` +
    (nginx === null
      ? ''
      : ` and, behind nginx, http://${host}:${String(nginxPort)}/ (and ${SUB_PATH})`),
);
