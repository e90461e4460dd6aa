/**
 * `npm test` brings its system prerequisites from one list (scripts/prereqs.mjs): without them, a user who is not
 * root gets the exact apt-get command within seconds instead of tests failing halfway; .ci/run installs the same list.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../fixtures/sim';
import { exited } from '../../fixtures/child';

const root = join(import.meta.dirname, '..', '..', '..');
const script = join(root, 'scripts', 'prereqs.mjs');

test('one list: the Debian packages of npm test, and .ci/run installs exactly that list', () => {
  const r = spawnSync(process.execPath, [script, '--packages'], { encoding: 'utf8' });
  assert.equal(r.status, 0, r.stderr);
  const pkgs = r.stdout.trim().split(' ');
  for (const p of ['chromium', 'libnss3-tools', 'openssl']) assert.ok(pkgs.includes(p), `${p} in ${r.stdout}`);
  assert.ok(!pkgs.includes('azure-cli'), 'azure-cli is for the hand-run e2e suite only');
  const ci = readFileSync(join(root, '.ci', 'run'), 'utf8');
  assert.match(ci, /node scripts\/prereqs\.mjs --packages/);
  assert.match(ci, /npm test/);
});

test('a user who is not root, with chromium off PATH: npm test stops at once with the apt-get command', async (t) => {
  // PATH holds only node: chromium, certutil and openssl are all "missing".
  const bin = tempDir('jit-prereq-path-');
  symlinkSync(process.execPath, join(bin, 'node'));
  const isRoot = process.getuid?.() === 0;
  const setpriv = ['/usr/bin/setpriv', '/bin/setpriv'].find((p) => existsSync(p));
  if (isRoot && !setpriv) return t.skip('setpriv (util-linux) is missing');
  // No suite named: what `npm test` runs. JIT_TEST_ROOT points at an empty folder, so even a wrong pass of the check
  // could not start the suites (this file among them) again.
  const argv = [process.execPath, join(root, 'scripts', 'test.mjs')];
  const cmd = isRoot ? [setpriv!, '--reuid=65534', '--regid=65534', '--clear-groups', ...argv] : argv;
  const started = Date.now();
  const child = spawn(cmd[0]!, cmd.slice(1), {
    cwd: root,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { PATH: bin, HOME: tempDir('jit-prereq-home-'), JIT_TEST_ROOT: tempDir('jit-prereq-empty-') },
  });
  let out = '';
  child.stdout!.on('data', (d: Buffer) => (out += d.toString()));
  child.stderr!.on('data', (d: Buffer) => (out += d.toString()));
  const { code } = await exited(child, 30_000, 'npm test without its prerequisites');
  const seconds = (Date.now() - started) / 1000;
  assert.equal(code, 1, out);
  assert.ok(seconds < 10, `stopped after ${seconds} s`);
  assert.match(out, /missing: chromium \(Debian package chromium\)/);
  assert.match(out, /apt-get update && apt-get install -y --no-install-recommends openssl chromium libnss3-tools/);
  assert.match(out.trimEnd().split('\n').pop()!, /^0 passed, 1 failed$/);
});
