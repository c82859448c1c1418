// What the scripts share about where they run: the repository's paths, the build they measure,
// and stopping cleanly on Ctrl+C or a kill.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The repository root (scripts/lib/ is two levels below it). */
export const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const dist = path.join(root, 'dist');
export const indexHtml = path.join(dist, 'index.html');

/** Exits with status 1 and says what to do if there is no build to measure. */
export function requireBuild(script) {
  if (existsSync(indexHtml)) return;
  console.error(
    `${script}: ${path.relative(root, indexHtml)} not found. Run \`npm run build\` first.`,
  );
  process.exit(1);
}

/**
 * On SIGINT, SIGTERM or SIGHUP: prints `script: SIGNAL, stopping <what>`, awaits `cleanup` and
 * exits with status 130, whether or not the cleanup succeeded.
 */
export function onStopSignal(script, what, cleanup) {
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) {
    process.once(signal, () => {
      console.error(`${script}: ${signal}, stopping ${what}`);
      void Promise.resolve()
        .then(cleanup)
        .catch(() => {})
        .finally(() => process.exit(130));
    });
  }
}
