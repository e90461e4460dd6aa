/**
 * The Node adapters of a launch: argv reaches the program untouched (no shell: `$()`, `;`, quotes stay text), stdin
 * is fed and closed, output captured when asked, a missing program is `client-not-found`, a window client returns
 * once started; launch files are created 0600 and never written through an existing file or link.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { existsSync, readFileSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { nodeLaunchFs, nodeLookup, nodeRunner } from '../../../../electron/core/launch/index';
import { tempDir } from '../../../fixtures/sim';
import { until } from '../../../fixtures/wait';

/** A node one-liner that writes its arguments and its stdin, as JSON, to the file named first. */
const RECORD =
  "let i='';process.stdin.on('data',d=>i+=d).on('end',()=>require('fs').writeFileSync(process.argv[1]," +
  'JSON.stringify({argv:process.argv.slice(2),stdin:i})))';

const tricky = ['a b', '$(touch pwned)', 'x;y', `"q" 'r'`, '`id`', '*', '', '--', '\\'];

test('argv reaches the program exactly, stdin is fed; waited: the exit code', async () => {
  const dir = tempDir('jit-runner-');
  const out = join(dir, 'out.json');
  const r = await nodeRunner.run([process.execPath, '-e', RECORD, out, ...tricky], {
    wait: true,
    stdin: 'pw\n',
    cwd: dir,
  });
  assert.equal(r.exitCode, 0);
  assert.deepEqual(JSON.parse(readFileSync(out, 'utf8')), { argv: tricky, stdin: 'pw\n' });
  assert.ok(!existsSync(join(dir, 'pwned')), 'nothing ran through a shell');
});

test('capture (a query such as reg.exe): stdout and stderr whole, with the exit code', async () => {
  // More than one pipe buffer, so a result resolved at 'exit' instead of 'close' would be cut short.
  const script = "process.stdout.write('x'.repeat(200000) + '\\r\\n'); console.error('oops'); process.exitCode = 3";
  const r = await nodeRunner.run([process.execPath, '-e', script], { wait: true, capture: true });
  assert.equal(r.exitCode, 3);
  assert.equal(r.stdout, `${'x'.repeat(200_000)}\r\n`);
  assert.equal(r.stderr, 'oops\n');
});

test('a window client: resolves with its pid once started, and runs on', async () => {
  const dir = tempDir('jit-runner-');
  const out = join(dir, 'out.json');
  const r = await nodeRunner.run([process.execPath, '-e', RECORD, out, 'detached'], { wait: false, stdin: '' });
  assert.ok(r.pid);
  const got = await until('the detached program to write', () =>
    existsSync(out) ? (JSON.parse(readFileSync(out, 'utf8')) as { argv: string[] }) : undefined,
  );
  assert.deepEqual(got.argv, ['detached']);
});

test('a program that is not installed: client-not-found naming it', async () => {
  await assert.rejects(nodeRunner.run(['jit-no-such-client-xyz', '/v:x'], { wait: false }), {
    code: 'client-not-found',
    message: /jit-no-such-client-xyz was not found/,
  });
});

test('launch files: created 0600; an existing file or link is never written through; remove is idempotent', async () => {
  const dir = tempDir('jit-fs-');
  const p = join(dir, 'vm-3389.rdp');
  await nodeLaunchFs.writeNew(p, 'full address:s:10.0.0.4:3389\r\n', 0o600);
  assert.equal(statSync(p).mode & 0o777, 0o600);
  await assert.rejects(nodeLaunchFs.writeNew(p, 'x', 0o600), { code: 'EEXIST' });
  const victim = join(dir, 'victim');
  writeFileSync(victim, 'keep');
  symlinkSync(victim, join(dir, 'link.rdp'));
  await assert.rejects(nodeLaunchFs.writeNew(join(dir, 'link.rdp'), 'x', 0o600), { code: 'EEXIST' });
  assert.equal(readFileSync(victim, 'utf8'), 'keep');
  await nodeLaunchFs.remove(p);
  await nodeLaunchFs.remove(p);
  assert.ok(!existsSync(p));
});

test('the lookup finds programs on PATH only', () => {
  const dir = tempDir('jit-lookup-');
  writeFileSync(join(dir, 'xterm'), '#!/bin/sh\n', { mode: 0o755 });
  writeFileSync(join(dir, 'konsole'), 'not executable', { mode: 0o644 });
  assert.equal(nodeLookup('xterm', { PATH: dir }), true);
  assert.equal(nodeLookup('konsole', { PATH: dir }), false);
  assert.equal(nodeLookup('gnome-terminal', { PATH: dir }), false);
});

test('captured: what a waited program wrote to stdout comes back (notify-send prints the action clicked)', async () => {
  const r = await nodeRunner.run([process.execPath, '-e', "process.stdout.write('extend\\n')"], {
    wait: true,
    capture: true,
  });
  assert.deepEqual({ exitCode: r.exitCode, stdout: r.stdout }, { exitCode: 0, stdout: 'extend\n' });
});

test('a window client: `exited` settles with its exit code when it ends', async () => {
  const r = await nodeRunner.run([process.execPath, '-e', 'setTimeout(() => process.exit(3), 200)'], { wait: false });
  assert.ok(r.pid && r.exited);
  // The child is unref'd (it must not keep the app alive): a timer stands in for the app's running event loop.
  const alive = setInterval(() => undefined, 1000);
  try {
    assert.equal(await r.exited, 3);
  } finally {
    clearInterval(alive);
  }
});
