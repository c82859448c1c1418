// Builds the app (unless --no-build), then runs the size, Lighthouse, typing, first-use and Check
// benchmarks one after the other. Each prints its own closing block of figures.
// Usage: node scripts/bench.mjs [--no-build]
import { spawn } from 'node:child_process';
import path from 'node:path';

import { root } from './lib/env.mjs';

const args = process.argv.slice(2);
const unknown = args.filter((arg) => arg !== '--no-build');
if (unknown.length > 0) {
  console.error(
    `bench: unknown argument(s) ${unknown.join(' ')}. Usage: node scripts/bench.mjs [--no-build]`,
  );
  process.exit(2);
}

/** Runs a command with inherited stdio; resolves with its exit code (signals count as 1). */
function run(command, commandArgs) {
  return new Promise((resolve) => {
    const child = spawn(command, commandArgs, { cwd: root, stdio: 'inherit' });
    const forward = (signal) => {
      try {
        process.kill(child.pid, signal);
      } catch {
        // already gone
      }
    };
    const onInt = () => forward('SIGINT');
    const onTerm = () => forward('SIGTERM');
    process.on('SIGINT', onInt);
    process.on('SIGTERM', onTerm);
    const done = (code) => {
      process.off('SIGINT', onInt);
      process.off('SIGTERM', onTerm);
      resolve(code);
    };
    child.on('error', (error) => {
      console.error(`bench: could not start ${command}: ${error.message}`);
      done(1);
    });
    child.on('exit', (code) => done(code ?? 1));
  });
}

if (!args.includes('--no-build')) {
  console.log('bench: npm run build');
  const code = await run('npm', ['run', 'build']);
  if (code !== 0) {
    console.error(`bench: the build failed (exit ${code}); nothing measured.`);
    process.exit(1);
  }
}

const benches = [
  'bench-size.mjs',
  'bench-lighthouse.mjs',
  'bench-typing.mjs',
  'bench-first-use.mjs',
  'bench-check.mjs',
];
const results = [];
for (const script of benches) {
  console.log(`\nbench: node scripts/${script}`);
  const started = Date.now();
  const code = await run(process.execPath, [path.join(root, 'scripts', script)]);
  results.push({ script, code, seconds: (Date.now() - started) / 1000 });
}

console.log('\n== Benchmarks run ==');
for (const { script, code, seconds } of results) {
  const status = code === 0 ? 'measured' : `FAILED to measure (exit ${code})`;
  console.log(`${script}: ${status}, ${seconds.toFixed(0)} s`);
}
process.exit(results.every((result) => result.code === 0) ? 0 : 1);
