// Serves a build behind nginx with the shipped configuration (hosting/nginx.conf), for the
// browser tests: nginx's own headers, caching and fallback, not a stand-in's.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';

import { root } from './env.mjs';

/** The sub-path the tests serve the second copy under, as a team might (`/tools/kms/`). */
export const SUB_PATH = '/tools/kms/';

/** What to do when there is no nginx: said by the server and by the specs that need it. */
export const NGINX_MISSING =
  'nginx is not installed: the hosting tests serve the build behind it. Install it ' +
  '(Debian/Ubuntu: `sudo apt-get install -y nginx`; `.ci/run` does this) or set NGINX_PATH ' +
  'to an nginx executable, then start the tests again.';

/**
 * The nginx to run: $NGINX_PATH if set, else Debian's /usr/sbin/nginx or one under /usr/local;
 * null if that file does not exist.
 */
export function nginxExecutable() {
  const fromEnv = process.env.NGINX_PATH;
  const candidates = fromEnv
    ? [fromEnv]
    : ['/usr/sbin/nginx', '/usr/local/sbin/nginx', '/usr/local/bin/nginx'];
  return candidates.find((candidate) => existsSync(candidate)) ?? null;
}

/** The mime.types beside nginx's own configuration (`--conf-path` in `nginx -V`). */
function mimeTypes(nginx) {
  // nginx -V describes its build on stderr.
  const described = spawnSync(nginx, ['-V'], { encoding: 'utf8' }).stderr ?? '';
  const confPath = /--conf-path=(\S+)/.exec(described)?.[1] ?? '/etc/nginx/nginx.conf';
  return path.join(path.dirname(confPath), 'mime.types');
}

/**
 * The test's whole nginx configuration: the shipped one, included as docs/hosting.md says,
 * once at the root and once under SUB_PATH, in the `events {}` and `http {}` a shipped file
 * leaves to the host. Logs, pid and temporary files stay in `prefix`.
 */
function wrapper({ prefix, port, outDir, subRoot, mime }) {
  const shipped = path.join(root, 'hosting', 'nginx.conf');
  const temp = (name) => path.join(prefix, 'tmp', name);
  return `# Written by scripts/lib/nginx.mjs for the browser tests.
daemon off;
# One process, as the user who runs the tests: no worker switching to another user.
master_process off;
pid ${path.join(prefix, 'nginx.pid')};
error_log ${path.join(prefix, 'error.log')} warn;
events {}
http {
    include ${mime};
    default_type application/octet-stream;
    access_log off;
    client_body_temp_path ${temp('body')};
    proxy_temp_path ${temp('proxy')};
    fastcgi_temp_path ${temp('fastcgi')};
    uwsgi_temp_path ${temp('uwsgi')};
    scgi_temp_path ${temp('scgi')};
    server {
        listen 127.0.0.1:${String(port)};
        root ${outDir};
        location / {
            set $wizard_base /;
            include ${shipped};
        }
        location ^~ ${SUB_PATH} {
            root ${subRoot};
            set $wizard_base ${SUB_PATH};
            include ${shipped};
        }
    }
}
`;
}

/** Whether anything answers HTTP on 127.0.0.1:port. */
function answers(port) {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/', timeout: 2000 }, (response) => {
      response.resume();
      resolve(true);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

/**
 * Starts nginx on 127.0.0.1:port serving `outDir` at the root and under SUB_PATH with the
 * shipped configuration; resolves once it answers, to a function that stops it and removes
 * its files. Rejects (with nginx's own message) if nginx refuses the configuration or exits.
 */
export async function startNginx({ nginx, port, outDir }) {
  if (await answers(port)) {
    throw new Error(`port ${String(port)} is already in use: stop whatever serves it`);
  }
  // One folder per port, emptied first: a run that was killed outright leaves nothing behind
  // for long.
  const prefix = path.join(os.tmpdir(), `serve-e2e-nginx-${String(port)}`);
  rmSync(prefix, { recursive: true, force: true });
  mkdirSync(path.join(prefix, 'tmp'), { recursive: true });
  // SUB_PATH's folder under its own root is the same build (nginx follows the link).
  const subRoot = path.join(prefix, 'sub-root');
  const subFolder = path.join(subRoot, ...SUB_PATH.split('/').filter(Boolean));
  mkdirSync(path.dirname(subFolder), { recursive: true });
  symlinkSync(path.resolve(root, outDir), subFolder);
  const conf = path.join(prefix, 'nginx.conf');
  const mime = mimeTypes(nginx);
  writeFileSync(conf, wrapper({ prefix, port, outDir: path.resolve(root, outDir), subRoot, mime }));
  const removeFiles = () => rmSync(prefix, { recursive: true, force: true });

  // -e: nginx logs to its compiled-in error log until it has read the configuration.
  const args = ['-p', prefix, '-c', conf, '-e', path.join(prefix, 'error.log')];
  const child = spawn(nginx, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  let output = '';
  child.stderr.on('data', (chunk) => (output += chunk));
  let exited = false;
  child.on('exit', () => (exited = true));
  child.on('error', (error) => {
    output += String(error);
    exited = true;
  });
  const stop = () => {
    if (!exited) {
      try {
        process.kill(child.pid, 'SIGTERM');
      } catch {
        // already gone
      }
    }
    removeFiles();
  };
  // Stopped with this process, however it ends (Playwright ends the whole process group).
  process.once('exit', stop);

  const deadline = Date.now() + 10_000;
  while (Date.now() < deadline) {
    if (exited) {
      removeFiles();
      throw new Error(`nginx exited before serving on port ${String(port)}:\n${output.trim()}`);
    }
    if (await answers(port)) return stop;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  stop();
  throw new Error(`nginx did not answer on port ${String(port)} within 10 s:\n${output.trim()}`);
}
