import { availableParallelism } from 'node:os';

import react from '@vitejs/plugin-react';
import { configDefaults, defineConfig } from 'vitest/config';

/**
 * The test files that take long: `*simulate.test.ts` (the IAM policy simulator
 * run on the documents) and `properties.test.ts` (hundreds of random cases a
 * property). They are the `slow` project, apart from the `unit` one so that
 * `vitest run --project unit` answers in seconds; other tests that use the
 * simulator or fast-check are quick and stay in `unit`. `vitest run` runs all three
 * projects (`unit`, `ui`, `slow`).
 */
const SLOW_TESTS = ['src/**/*simulate.test.ts', 'src/**/properties.test.ts'];

/**
 * The pure layers' tests (`unit`, and `slow` among them) share their modules across the test
 * files of a worker instead of loading them again for each file (Vitest's `isolate: false`):
 * pure functions keep no state between calls, so nothing leaks from one file to the next. The
 * tests of the page (`ui`: storage, the live answers, React) stay isolated. `npx vitest run`,
 * back-to-back pairs on the quiet two-core machine (2026-12-08): 40.2 and 34.7 s with every file
 * isolated, 28.5 and 25.1 s with the pure layers' files sharing their modules.
 */
const PURE_TESTS = ['src/policy/**/*.test.{ts,tsx}', 'src/link/**/*.test.{ts,tsx}'];

export default defineConfig({
  // Relative asset URLs let the built site be served from any sub-path.
  base: './',
  plugins: [react()],
  build: {
    target: 'es2022',
    // No modulepreload polyfill: browsers without modulepreload (Safari before 17, Firefox before
    // 115) then fetch a later chunk's dependencies when it loads instead of ahead, a hint lost,
    // for 0.2 KiB gzip less on every first visit (bench:size, 159.3 -> 159.1 KiB).
    modulePreload: { polyfill: false },
    rolldownOptions: {
      output: {
        codeSplitting: {
          // Everything the first paint needs in one file (one request, and
          // gzip does better on one file than on a dozen); the later steps,
          // explanations and review tools stay in chunks of their own.
          groups: [{ name: 'app', tags: ['$initial'] }],
        },
      },
    },
  },
  test: {
    environment: 'node',
    setupFiles: ['./src/test-setup.ts'],
    // The property tests run hundreds of cases each; on a busy shared machine that can pass
    // Vitest's 5 s default without anything being wrong. Speed is measured by the benchmarks.
    testTimeout: 30_000,
    // Worker threads start faster than the default child processes; no test changes the
    // working directory or exits the process, the two things a thread cannot do. On the loaded
    // two-core machine, two back-to-back pairs of `npx vitest run --project unit --pool=forks`
    // and `--pool=threads` (2026-12-07): threads took 0.59 and 0.88 times as long.
    pool: 'threads',
    // Vitest leaves one core to its main thread by default, which is one worker on a two-core
    // machine. Every core runs tests instead: `npx vitest run` on a fresh clone, quiet machine
    // (2026-12-08): 46.6 s with the default, 30.4 s with --maxWorkers=2.
    maxWorkers: availableParallelism(),
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          include: PURE_TESTS,
          exclude: [...configDefaults.exclude, ...SLOW_TESTS],
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'ui',
          include: ['src/**/*.test.{ts,tsx}'],
          exclude: [...configDefaults.exclude, ...PURE_TESTS],
        },
      },
      { extends: true, test: { name: 'slow', include: SLOW_TESTS, isolate: false } },
    ],
  },
});
