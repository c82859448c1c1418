// Serves the built site with `vite preview` for the benchmarks, and stops it again.
import { spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';

import { dist, root } from './env.mjs';

/**
 * Whether something answers 200 on http://127.0.0.1:port/. node:http, not fetch: undici refuses
 * port 4190 (on the Fetch standard's list of blocked ports); Chromium does load it.
 */
function answers(port) {
  return new Promise((resolve) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/', timeout: 2000 }, (response) => {
      response.resume();
      resolve(response.statusCode === 200);
    });
    request.on('timeout', () => request.destroy());
    request.on('error', () => resolve(false));
  });
}

/**
 * Starts `vite preview` of the build in `outDir` (dist/ by default) on `port` (handing the child
 * to `onSpawn` at once, for cleanup) and resolves once it answers; rejects if it exits first.
 */
export async function startPreview(port, onSpawn, outDir = dist) {
  if (await answers(port)) {
    throw new Error(
      `port ${port} is already in use: stop whatever serves http://127.0.0.1:${port}/`,
    );
  }
  const bin = path.join(root, 'node_modules', '.bin', 'vite');
  const args = [
    'preview',
    '--host',
    '127.0.0.1',
    '--port',
    String(port),
    '--strictPort',
    '--outDir',
    outDir,
  ];
  const child = spawn(bin, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
  onSpawn(child);
  let output = '';
  child.stdout.on('data', (chunk) => (output += chunk));
  child.stderr.on('data', (chunk) => (output += chunk));
  let exited = false;
  child.on('exit', () => (exited = true));
  // vite's own line, `➜  Local:   http://127.0.0.1:PORT/` (colour codes aside).
  const listening = new RegExp(`Local:\\s+http://127\\.0\\.0\\.1:${port}/`);
  const colours = new RegExp(`${String.fromCharCode(27)}\\[[\\d;]*m`, 'g');
  const deadline = Date.now() + 20_000;
  while (Date.now() < deadline) {
    if (exited) {
      throw new Error(`vite preview exited before serving on port ${port}:\n${output.trim()}`);
    }
    // Ready once this vite has printed its own URL (not another server on the port) and answers.
    if (listening.test(output.replace(colours, '')) && (await answers(port)) && !exited)
      return child;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  await stopProcess(child);
  throw new Error(`vite preview did not answer on port ${port} within 20 s:\n${output.trim()}`);
}

/** Stops a child process by its pid: SIGTERM, then SIGKILL if it is still there after 3 s. */
export async function stopProcess(child) {
  if (!child || child.exitCode !== null || child.signalCode !== null) return;
  const gone = new Promise((resolve) => child.once('exit', resolve));
  try {
    process.kill(child.pid, 'SIGTERM');
  } catch {
    return;
  }
  const timer = setTimeout(() => {
    try {
      process.kill(child.pid, 'SIGKILL');
    } catch {
      // already gone
    }
  }, 3000);
  await gone;
  clearTimeout(timer);
}
