/** `launch`: files written 0600 before the client, removed after use or after a failed step; argv passed as is. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { launch, planLaunch, type LaunchFs, type LaunchPlan } from '../../../../electron/core/launch/index';
import type { Clock, ProcessRunner } from '../../../../electron/core/ports';
import { request } from './fixtures';

/** A fake world: files in a map, runs recorded, timers run by hand. */
function world(exitCodes: Record<string, number> = {}) {
  const files = new Map<string, { content: string; mode: number }>();
  const runs: Array<{ argv: string[]; options: Parameters<ProcessRunner['run']>[1]; filesThen: string[] }> = [];
  const timers: Array<{ fn: () => void; ms: number }> = [];
  const runner: ProcessRunner = {
    run: async (argv, options) => {
      runs.push({ argv, options, filesThen: [...files.keys()] });
      if (argv[0] === 'missing') throw new Error('ENOENT');
      return options.wait ? { pid: 1, exitCode: exitCodes[argv[0]!] ?? 0 } : { pid: 42 };
    },
  };
  const fs: LaunchFs = {
    writeNew: async (p, content, mode) => {
      if (files.has(p)) throw new Error('EEXIST');
      files.set(p, { content, mode });
    },
    remove: async (p) => void files.delete(p),
  };
  const clock: Clock = {
    now: () => 0,
    setTimeout: (fn, ms) => timers.push({ fn, ms }),
    clearTimeout: () => {},
  };
  return { files, runs, timers, deps: { runner, fs, clock } };
}

const winFile = () =>
  planLaunch(request({ platform: 'win32', port: 3389, user: 'ann', rdpSignThumbprint: 'c'.repeat(64) }));

test('a window client: file 0600 written before rdpsign and mstsc, removed after the grace period', async () => {
  const w = world();
  const plan = winFile();
  const result = await launch(plan, w.deps);
  assert.equal(result.pid, 42);
  assert.deepEqual(
    w.runs.map((r) => [r.argv[0], r.options.wait, r.filesThen.length]),
    [
      ['rdpsign', true, 1],
      ['mstsc', false, 1],
    ],
  );
  assert.equal([...w.files.values()][0]!.mode, 0o600);
  assert.equal(w.timers.length, 1);
  assert.equal(w.timers[0]!.ms, 60_000);
  w.timers[0]!.fn();
  await result.cleanedUp;
  assert.equal(w.files.size, 0);
});

test('rdpsign failing: nothing started, the file removed, the error names the certificate', async () => {
  const w = world({ rdpsign: 1 });
  await assert.rejects(launch(winFile(), w.deps), /rdpsign failed.*not started/);
  assert.deepEqual(
    w.runs.map((r) => r.argv[0]),
    ['rdpsign'],
  );
  assert.equal(w.files.size, 0);
});

test('the client failing to start: its file removed at once', async () => {
  const w = world();
  const plan: LaunchPlan = { ...winFile(), prepare: [], argv: ['missing'] };
  await assert.rejects(launch(plan, w.deps), /ENOENT/);
  assert.equal(w.files.size, 0);
});

test('ssh in this terminal: argv as planned, waited with the terminal’s stdio, the exit code returned', async () => {
  const w = world({ ssh: 255 });
  const plan = planLaunch(request({ user: 'jit user' }));
  const result = await launch(plan, w.deps);
  assert.equal(result.exitCode, 255);
  assert.deepEqual(w.runs[0]!.argv, plan.argv);
  assert.deepEqual(w.runs[0]!.options, { wait: true, inheritStdio: true });
  assert.equal(w.timers.length, 0);
});

test('xfreerdp: the password goes to stdin, not argv', async () => {
  const w = world();
  await launch(planLaunch(request({ port: 3389, password: 'pw' }, ['xfreerdp'])), w.deps);
  assert.equal(w.runs[0]!.options.stdin, 'pw\n');
  assert.ok(!w.runs[0]!.argv.join(' ').includes('pw'));
  assert.equal(w.timers.length, 0, 'no files: no timer keeps the process alive');
});
