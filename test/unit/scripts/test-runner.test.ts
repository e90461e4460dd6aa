/**
 * `npm test`'s runner (scripts/test.mjs) counts honestly and cannot hang: run against folders of sample tests, its
 * closing line always agrees with its exit code, a suite that throws counts as failed, a stuck test times out.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../fixtures/sim';
import { exited } from '../../fixtures/child';

const root = join(import.meta.dirname, '..', '..', '..');

/** Runs the runner over sample test files; returns its exit code and the last line of its output. */
async function runSamples(files: Record<string, string>, env: Record<string, string> = {}) {
  const dir = tempDir('jit-runner-');
  for (const [name, text] of Object.entries(files)) {
    mkdirSync(join(dir, 'test', 'unit'), { recursive: true });
    writeFileSync(join(dir, 'test', 'unit', name), text);
  }
  const child = spawn(process.execPath, [join(root, 'scripts', 'test.mjs'), 'unit'], {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, JIT_TEST_ROOT: dir, ...env },
  });
  let out = '';
  child.stdout.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr.on('data', (d: Buffer) => (out += d.toString()));
  const { code } = await exited(child, 60_000, 'the test runner');
  const lines = out.trimEnd().split('\n');
  return { code, last: lines[lines.length - 1] ?? '', out };
}

const HEAD = "import { describe, test, before, after } from 'node:test';\n";

test('a passing file: "1 passed, 0 failed" as the last line, exit 0', async () => {
  const r = await runSamples({ 'ok.test.ts': `${HEAD}test('fine', () => {});\n` });
  assert.equal(r.last, '1 passed, 0 failed', r.out);
  assert.equal(r.code, 0);
});

test('a describe() that throws counts as failed, named, instead of "0 passed, 0 failed"', async () => {
  const r = await runSamples({
    'throws.test.ts': `${HEAD}describe('broken suite', () => { throw new Error('boom'); test('never', () => {}); });\n`,
    'ok.test.ts': `${HEAD}test('fine', () => {});\n`,
  });
  assert.equal(r.last, '1 passed, 1 failed', r.out);
  assert.match(r.out, /suite broken suite/);
  assert.equal(r.code, 1);
});

test('hooks: a failing before() counts its cancelled tests; a failing after() counts its suite', async () => {
  const r = await runSamples({
    'hooks.test.ts':
      `${HEAD}describe('b', () => { before(() => { throw new Error('x'); }); test('one', () => {}); test('two', () => {}); });\n` +
      `describe('a', () => { after(() => { throw new Error('y'); }); test('three', () => {}); });\n`,
  });
  assert.equal(r.last, '1 passed, 3 failed', r.out);
  assert.equal(r.code, 1);
});

test('a stuck test fails at the per-test timeout instead of hanging the run', async () => {
  const r = await runSamples(
    { 'stuck.test.ts': `${HEAD}test('waits forever', () => new Promise(() => { setInterval(() => {}, 1000); }));\n` },
    { JIT_TEST_TIMEOUT_MS: '500' },
  );
  assert.equal(r.last, '0 passed, 1 failed', r.out);
  assert.equal(r.code, 1);
});

test('a file that kills its process is counted as failed, and the line agrees with the exit code', async () => {
  const r = await runSamples({
    'exits.test.ts': `${HEAD}test('exits', () => { process.exit(3); });\n`,
  });
  assert.match(r.last, /^\d+ passed, [1-9]\d* failed$/, r.out);
  assert.equal(r.code, 1);
});

test('a file that defines no test is refused', async () => {
  const r = await runSamples({ 'empty.test.ts': '// emptied by a bad edit\n' });
  assert.equal(r.last, '0 passed, 1 failed', r.out);
  assert.match(r.out, /define no test: .*empty\.test\.ts/);
  assert.equal(r.code, 1);
});
