#!/usr/bin/env node
// `npm run bench [-- NAME]`: runs the benchmarks under test/bench (TypeScript through tsx) and prints their numbers.
// Without a name: the simulator's benches (simulator, jit-grant). With a name: the benches whose file name contains
// it, e.g. `npm run bench -- inventory` (several minutes: 5,000 and 500 VMs, whole-process runs, az side by side) or
// `npm run bench -- ui` (the app in Chromium: filter latency over 10,000 VMs, warm start, double-click, bundle size).
import { spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(fileURLToPath(import.meta.url), '..', '..');
/** Benches that run only when named: they take minutes. */
const ON_REQUEST = ['inventory', 'connect', 'ui'];
const only = process.argv[2];
const files = readdirSync(join(root, 'test', 'bench'))
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => (only ? f.includes(only) : !ON_REQUEST.some((n) => f.startsWith(`${n}.`))))
  .sort();
if (files.length === 0) {
  console.error(`no bench under test/bench matches "${only}"`);
  process.exit(1);
}
let failed = 0;
for (const f of files) {
  console.log(`\n## ${f}`);
  const r = spawnSync(process.execPath, ['--import', 'tsx', join(root, 'test', 'bench', f)], {
    cwd: root,
    stdio: 'inherit',
  });
  if (r.status !== 0) failed++;
}
process.exit(failed ? 1 : 0);
