#!/usr/bin/env node
// Runs the test suites with Node's test runner (TypeScript through tsx) and ends with "N passed, N failed".
// Usage: node scripts/test.mjs [unit|integration|ui|e2e ...] [--only PATTERN]
import { spawn } from 'node:child_process';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
const args = process.argv.slice(2);
const onlyIdx = args.indexOf('--only');
const only = onlyIdx >= 0 ? args.splice(onlyIdx, 2)[1] : undefined;
const suites = args.length ? args : ['unit', 'integration', 'ui'];

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

const files = suites
  .flatMap((s) => find(join(root, 'test', s)))
  .filter((f) => !only || f.includes(only))
  .map((f) => relative(root, f))
  .sort();

if (files.length === 0) {
  console.error(`no test files in ${suites.join(', ')}${only ? ` matching ${only}` : ''}`);
  process.exit(1);
}

// A test file that defines no test (emptied by a bad edit, say) would pass silently: refuse it.
const hollow = files.filter((f) => !/\btest\(/.test(readFileSync(join(root, f), 'utf8')));
if (hollow.length) {
  console.error(`these test files define no test: ${hollow.join(', ')}`);
  console.log('0 passed, 1 failed');
  process.exit(1);
}

const child = spawn(
  process.execPath,
  [
    '--import',
    'tsx',
    '--test',
    '--test-concurrency=2',
    '--test-reporter=spec',
    '--test-reporter-destination=stdout',
    `--test-reporter=${join(root, 'scripts', 'summary-reporter.mjs')}`,
    '--test-reporter-destination=stdout',
    ...files,
  ],
  { cwd: root, stdio: 'inherit', env: { ...process.env, JIT_CONNECT_TEST: '1' } },
);
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
