/**
 * The notify-send Notifier with a recording runner: the argv (no shell, title and body after `--`, Extend as an
 * action with --wait), the clicked action coming back as (note id, action id), a notify-send without --action still
 * showing the reminder, no notify-send meaning no Notifier, and a failing one told once, quietly.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  desktopNotifierOption,
  notifySendNotifier,
  sessionBusReachable,
} from '../../../../electron/core/notify/notify-send';
import type { ProcessRunner } from '../../../../electron/core/ports';
import { until } from '../../../fixtures/wait';

const HELP_08 = '  -A, --action=[NAME=]Text...       Specifies the actions to display to the user.\n';

function runner(answer: (argv: string[]) => { exitCode: number; stdout?: string } | Error) {
  const runs: Array<{ argv: string[]; options: Parameters<ProcessRunner['run']>[1] }> = [];
  const r: ProcessRunner = {
    run: async (argv, options) => {
      runs.push({ argv, options });
      const a = argv[1] === '--help' ? { exitCode: 0, stdout: HELP_08 } : answer(argv);
      if (a instanceof Error) throw a;
      return a;
    },
  };
  return { runner: r, runs, shown: () => runs.filter((x) => x.argv[1] !== '--help') };
}

const expiring = {
  id: 'grant:expiring|vm|3389|10',
  title: 'VM-FS01: access ends in 10 min',
  body: 'Port 3389 on VM-FS01 closes at 10:10 UTC (10 min left).',
  actions: [{ id: 'extend', label: 'Extend' }],
};

test('a reminder with Extend: argv only, --wait and the action; the click comes back as (note, action)', async () => {
  const fake = runner(() => ({ exitCode: 0, stdout: 'extend\n' }));
  const n = notifySendNotifier({ runner: fake.runner, lookup: () => true, env: { DBUS_SESSION_BUS_ADDRESS: 'x' } })!;
  const clicks: string[][] = [];
  n.onAction!((noteId, actionId) => clicks.push([noteId, actionId]));
  n.notify(expiring);
  await until('the click', () => clicks.length > 0 || undefined);
  assert.deepEqual(fake.shown()[0]!.argv, [
    'notify-send',
    '--app-name=JIT Connect',
    '--wait',
    '--expire-time=600000',
    '--action=extend=Extend',
    '--',
    expiring.title,
    expiring.body,
  ]);
  assert.deepEqual(fake.shown()[0]!.options, {
    wait: true,
    capture: true,
    env: { DBUS_SESSION_BUS_ADDRESS: 'x' },
  });
  assert.deepEqual(clicks, [[expiring.id, 'extend']]);
});

test('dismissed, or an action the note never offered: no click', async () => {
  for (const stdout of ['', 'delete\n']) {
    const fake = runner(() => ({ exitCode: 0, stdout }));
    const n = notifySendNotifier({ runner: fake.runner, lookup: () => true })!;
    const clicks: string[] = [];
    n.onAction!((_id, a) => clicks.push(a));
    n.notify(expiring);
    await until('shown', () => fake.shown().length > 0 || undefined);
    await new Promise((r) => setImmediate(r));
    assert.deepEqual(clicks, [], stdout);
  }
});

test('a note without actions: no --wait, nothing captured (the process ends at once)', async () => {
  const fake = runner(() => ({ exitCode: 0 }));
  notifySendNotifier({ runner: fake.runner, lookup: () => true })!.notify({
    id: 'grant:expired|vm|3389|end',
    title: 'VM-FS01: access ended',
    body: 'Port 3389 closed.',
  });
  await until('shown', () => fake.shown().length > 0 || undefined);
  assert.deepEqual(fake.shown()[0]!.argv, [
    'notify-send',
    '--app-name=JIT Connect',
    '--',
    'VM-FS01: access ended',
    'Port 3389 closed.',
  ]);
  assert.equal(fake.shown()[0]!.options.wait, true);
  assert.equal(fake.shown()[0]!.options.capture, false);
});

test('an old notify-send without --action: the reminder still shows, without the button', async () => {
  const runs: string[][] = [];
  const n = notifySendNotifier({
    runner: {
      run: async (argv) => {
        runs.push(argv);
        return argv[1] === '--help' ? { exitCode: 0, stdout: '  -u, --urgency=LEVEL\n' } : { exitCode: 0 };
      },
    },
    lookup: () => true,
  })!;
  n.notify(expiring);
  n.notify(expiring);
  await until('both shown', () => runs.length === 3 || undefined);
  assert.equal(runs.filter((a) => a[1] === '--help').length, 1, 'asked once');
  assert.ok(runs.slice(1).every((a) => !a.some((x) => x.startsWith('--action') || x === '--wait')));
});

test('no notify-send: no Notifier (the page notifies); not Linux, or no session bus: none either', () => {
  assert.equal(notifySendNotifier({ runner: runner(() => ({ exitCode: 0 })).runner, lookup: () => false }), undefined);
  const opts = { runner: runner(() => ({ exitCode: 0 })).runner, lookup: () => true };
  const bus = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' };
  assert.deepEqual(desktopNotifierOption('darwin', opts, bus), {});
  assert.ok(desktopNotifierOption('linux', opts, bus).notifier);
  // No bus at all (a CI job, a bare SSH session): nothing that could autolaunch a bus daemon.
  assert.deepEqual(desktopNotifierOption('linux', opts, {}), {});
  assert.equal(
    sessionBusReachable({ XDG_RUNTIME_DIR: '/run/user/1000' }, (p) => p === '/run/user/1000/bus'),
    true,
  );
  assert.equal(
    sessionBusReachable({ XDG_RUNTIME_DIR: '/run/user/1000' }, () => false),
    false,
  );
});

test('notify-send failing (no D-Bus session): one quiet warning, the app goes on', async () => {
  const warnings: string[] = [];
  const fake = runner((argv) => (argv.length > 5 ? { exitCode: 1 } : new Error('spawn failed')));
  const n = notifySendNotifier({ runner: fake.runner, lookup: () => true, warn: (m) => warnings.push(m) })!;
  n.notify(expiring);
  n.notify({ id: 'b', title: 't', body: 'b' });
  await until('both tried', () => fake.shown().length === 2 || undefined);
  await new Promise((r) => setImmediate(r));
  assert.equal(warnings.length, 1);
  assert.match(warnings[0]!, /reminders show in the app window only/);
});
