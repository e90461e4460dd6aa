#!/usr/bin/env node
// Runs the test suites with Node's test runner (TypeScript through tsx) and ends with "N passed, N failed", a line
// that always agrees with the exit code.
// Usage: node scripts/test.mjs [unit|integration|ui|e2e ...] [--only PATTERN]
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensure } from './prereqs.mjs';

const root = join(fileURLToPath(import.meta.url), '..', '..');
/** Where the test/ folder is: the repository, or (for the runner's own tests) a folder of sample tests. */
const testRoot = process.env.JIT_TEST_ROOT ?? root;
/** A test that runs longer than this fails (a stuck wait cannot hang the run); a test may ask for more itself. */
const TEST_TIMEOUT_MS = Number(process.env.JIT_TEST_TIMEOUT_MS ?? 120_000);
/** The whole run is stopped after this long, whatever hangs (a hook, a child process). */
const RUN_TIMEOUT_MS = Number(process.env.JIT_TEST_RUN_TIMEOUT_MS ?? 15 * 60_000);

const args = process.argv.slice(2);
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? args.splice(onlyIdx, 2)[1] : undefined;
const suites = args.length ? args : ['unit', 'integration', 'ui'];

/** Prints the closing line and exits with a code that agrees with it. */
function finish(passed, failed, skipped = 0) {
  console.log(`\n${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ''}`);
  process.exit(failed > 0 ? 1 : 0);
}

function find(dir) {
  let out = [];
  let entries;
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const p = join(dir, name);
    if (statSync(p).isDirectory()) out = out.concat(find(p));
    else if (/\.test\.tsx?$/.test(name)) out.push(p);
  }
  return out;
}

if (!ensure(suites)) finish(0, 1);

const files = suites
  .flatMap((s) => find(join(testRoot, 'test', s)))
  .filter((f) => !only || f.includes(only))
  .map((f) => relative(root, f))
  .sort();

if (files.length === 0) {
  console.error(`no test files in ${suites.join(', ')}${only ? ` matching ${only}` : ''}`);
  finish(0, 1);
}

// A test file that defines no test (emptied by a bad edit, say) would pass silently: refuse it.
const hollow = files.filter((f) => !/\btest\(/.test(readFileSync(join(root, f), 'utf8')));
if (hollow.length) {
  console.error(`these test files define no test: ${hollow.join(', ')}`);
  finish(0, hollow.length);
}

// NODE_TEST_CONTEXT would make this run a child of an enclosing test run (the runner's own tests), which skips files.
const { NODE_TEST_CONTEXT: _ctx, ...env } = process.env;
const work = mkdtempSync(join(tmpdir(), 'jit-test-run-'));
const summaryFile = join(work, 'summary.json');
const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    `--test-timeout=${TEST_TIMEOUT_MS}`,
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${join(root, 'scripts', 'summary-reporter.mjs')}`,
    '--test-reporter-destination=stdout',
    ...files,
  ],
  {
    cwd: root,
    stdio: 'inherit',
    detached: true, // its own process group, so a stuck run is stopped with everything it started
    env: { ...env, JIT_CONNECT_TEST: '1', JIT_TEST_SUMMARY_FILE: summaryFile },
  },
);
let timedOut = false;
const watchdog = setTimeout(() => {
  timedOut = true;
  console.error(`\nthe test run took longer than ${RUN_TIMEOUT_MS / 1000} s: stopping it`);
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    child.kill('SIGKILL');
  }
}, RUN_TIMEOUT_MS);
for (const sig of ['SIGINT', 'SIGTERM'])
  process.on(sig, () => {
    try {
      process.kill(-child.pid, sig);
    } catch {
      // already gone
    }
  });

child.on('exit', (code, signal) => {
  clearTimeout(watchdog);
  let counts;
  try {
    counts = JSON.parse(readFileSync(summaryFile, 'utf8'));
  } catch {
    counts = undefined;
  }
  rmSync(work, { recursive: true, force: true });
  const { passed = 0, failed = 0, skipped = 0, failures = [] } = counts ?? {};
  if (failures.length) console.log(`\nFailed:\n${failures.map((f) => `  - ${f}`).join('\n')}`);
  const ok = code === 0 && !signal && !timedOut && counts !== undefined;
  if (ok && failed === 0) finish(passed, 0, skipped);
  if (failed > 0) finish(passed, failed, skipped);
  // The runner failed without a failing test to show for it (killed, crashed, or no counts): say so and count it.
  console.log(
    `\nthe test runner ${timedOut ? 'was stopped (timeout)' : signal ? `died of ${signal}` : `exited with code ${code}`}` +
      `${counts ? '' : ' before reporting its counts'}`,
  );
  finish(passed, 1, skipped);
});
