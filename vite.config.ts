import react from '@vitejs/plugin-react';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  // Relative asset URLs let the built site be served from any sub-path.
  base: './',
  plugins: [react()],
  build: {
    target: 'es2022',
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
    include: ['src/**/*.test.{ts,tsx}'],
    environment: 'node',
    setupFiles: ['./src/test-setup.ts'],
    // The property tests run a thousand cases each; on a busy shared machine that can pass
    // Vitest's 5 s default without anything being wrong. Speed is measured by the benchmarks.
    testTimeout: 30_000,
  },
});
