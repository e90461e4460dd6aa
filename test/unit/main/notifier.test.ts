/** The Electron shell's Notifier: notify-send (with Extend) on a Linux desktop, Electron's Notification elsewhere. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { shellNotifier } from '../../../electron/main/notifier';
import type { ProcessRunner } from '../../../electron/core/ports';
import { until } from '../../fixtures/wait';

function fakes() {
  const ran: string[][] = [];
  const shown: unknown[] = [];
  const runner: ProcessRunner = {
    run: async (argv) => (ran.push(argv), { exitCode: 0, stdout: argv[1] === '--help' ? '--action' : '' }),
  };
  class FakeNotification {
    constructor(readonly options: unknown) {}
    on() {
      return this;
    }
    show() {
      shown.push(this.options);
    }
  }
  return { ran, shown, runner, NotificationClass: FakeNotification as never };
}

const note = {
  id: 'n',
  title: 'VM-FS01: access ends in 10 min',
  body: 'b',
  actions: [{ id: 'extend', label: 'Extend' }],
};
const bus = { DBUS_SESSION_BUS_ADDRESS: 'unix:path=/run/user/1000/bus' };

test('Linux with notify-send and a session bus: the desktop service, with the Extend action', async () => {
  const f = fakes();
  const n = shellNotifier({
    platform: 'linux',
    NotificationClass: f.NotificationClass,
    notifySend: { runner: f.runner, lookup: () => true },
    env: bus,
  });
  n.notify(note);
  await until('notify-send ran', () => f.ran.find((a) => a.includes('--action=extend=Extend')));
  assert.equal(f.shown.length, 0);
});

test('macOS and Windows, or Linux without notify-send: Electron’s Notification', () => {
  for (const [platform, lookup] of [
    ['darwin', true],
    ['win32', true],
    ['linux', false],
  ] as const) {
    const f = fakes();
    shellNotifier({
      platform,
      NotificationClass: f.NotificationClass,
      notifySend: { runner: f.runner, lookup: () => lookup },
      env: bus,
    }).notify(note);
    assert.equal(f.shown.length, 1, platform);
    assert.equal(f.ran.length, 0, platform);
  }
});
