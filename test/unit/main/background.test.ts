/**
 * Life in the background with plain-object fakes of BrowserWindow, app, dialog and powerMonitor: closing the window
 * hides it while grants are live; quitting with live grants asks (Cancel keeps the app, Quit quits); start at login
 * per OS (hidden); resume re-arms the reminders.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import {
  applyStartAtLogin,
  autostartEntry,
  dialogQuitConfirm,
  guardQuit,
  keepInTray,
  rearmOnResume,
  startedHidden,
  xdgAutostartFiles,
} from '../../../electron/main/background';
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { tempDir } from '../../fixtures/sim';

type Handler = (event: { preventDefault(): void }) => void;

/** An emitter fake: `fire` returns whether a listener prevented the default. */
function emitter<T extends object>(extra: T) {
  const on = new Map<string, Handler[]>();
  const obj = {
    ...extra,
    on(name: string, h: Handler) {
      on.set(name, [...(on.get(name) ?? []), h]);
      return obj;
    },
  };
  const fire = (name: string) => {
    let prevented = false;
    for (const h of on.get(name) ?? []) h({ preventDefault: () => (prevented = true) });
    return prevented;
  };
  return { obj, fire, has: (name: string) => (on.get(name) ?? []).length > 0 };
}
const flush = () => new Promise((r) => setImmediate(r));

test('closing the window while a grant is live hides it (the app stays in the tray); with none it closes', () => {
  let hidden = 0;
  let live = 1;
  const win = emitter({ hide: () => void hidden++ });
  keepInTray(
    win.obj as never,
    () => live,
    () => false,
  );
  assert.equal(win.fire('close'), true);
  assert.equal(hidden, 1);
  live = 0;
  assert.equal(win.fire('close'), false);
  assert.equal(hidden, 1);
});

test('quitting with live grants asks: Cancel keeps the app; Quit quits, and the window then lets go', async () => {
  let quits = 0;
  const answers = [false, true];
  const asked: number[] = [];
  const app = emitter({ quit: () => void quits++ });
  const { quitting } = guardQuit(
    app.obj as never,
    () => 2,
    async (n) => (asked.push(n), answers.shift()!),
  );
  assert.equal(app.fire('before-quit'), true, 'the first quit waits for the answer');
  assert.equal(app.fire('before-quit'), true, 'a second quit while asking asks nothing more');
  await flush();
  assert.deepEqual(asked, [2]);
  assert.equal(quits, 0, 'Cancel: still running');
  assert.equal(quitting(), false);
  assert.equal(app.fire('before-quit'), true);
  await flush();
  assert.equal(quits, 1, 'Quit: app.quit() again');
  assert.equal(quitting(), true);
  assert.equal(app.fire('before-quit'), false, 'the quit it started goes through');
});

test('quitting with no live grant asks nothing', () => {
  const app = emitter({ quit: () => undefined });
  let asked = false;
  guardQuit(
    app.obj as never,
    () => 0,
    async () => (asked = true),
  );
  assert.equal(app.fire('before-quit'), false);
  assert.equal(asked, false);
});

test('the question: Cancel is the default; it says what quitting stops', async () => {
  const shown: Array<Record<string, unknown>> = [];
  const confirm = dialogQuitConfirm({
    showMessageBox: async (opts: unknown) => (shown.push(opts as Record<string, unknown>), { response: 1 }) as never,
  } as never);
  assert.equal(await confirm(3), false);
  assert.equal(shown[0]!.message, '3 grants are still live.');
  assert.deepEqual([shown[0]!.buttons, shown[0]!.defaultId, shown[0]!.cancelId], [['Quit', 'Cancel'], 1, 1]);
  assert.match(String(shown[0]!.detail), /stops reminding you/);
});

test('start at login: Windows with --hidden, macOS a login item, Linux an XDG autostart entry; off removes it', () => {
  const set: unknown[] = [];
  const app = { setLoginItemSettings: (s: unknown) => void set.push(s) };
  applyStartAtLogin(true, { platform: 'win32', app: app as never, execPath: 'C:\\JIT\\JIT Connect.exe' });
  applyStartAtLogin(true, { platform: 'darwin', app: app as never, execPath: '/Applications/JIT Connect.app' });
  applyStartAtLogin(false, { platform: 'darwin', app: app as never, execPath: '/Applications/JIT Connect.app' });
  assert.deepEqual(set, [{ openAtLogin: true, args: ['--hidden'] }, { openAtLogin: true }, { openAtLogin: false }]);

  const files = new Map<string, string>();
  const autostart = {
    path: '/home/u/.config/autostart/jit-connect.desktop',
    write: (p: string, t: string) => void files.set(p, t),
    remove: (p: string) => void files.delete(p),
  };
  applyStartAtLogin(true, {
    platform: 'linux',
    app: app as never,
    execPath: '/opt/JIT Connect/jit-connect',
    autostart,
  });
  assert.match(files.get(autostart.path)!, /^Exec="\/opt\/JIT Connect\/jit-connect" --hidden$/m);
  applyStartAtLogin(false, { platform: 'linux', app: app as never, execPath: '/x', autostart });
  assert.equal(files.size, 0);
  assert.equal(set.length, 3, 'Linux never calls the login-item API (macOS and Windows only)');
  assert.match(autostartEntry('/a "b" $c'), /^Exec="\/a \\"b\\" \\\$c" --hidden$/m);
});

test('started hidden: by the --hidden argument, or (macOS) when opened at login', () => {
  const app = (atLogin: boolean) => ({ getLoginItemSettings: () => ({ wasOpenedAtLogin: atLogin }) }) as never;
  assert.equal(startedHidden(['/x', '--hidden'], 'win32', app(false)), true);
  assert.equal(startedHidden(['/x'], 'darwin', app(true)), true);
  assert.equal(startedHidden(['/x'], 'darwin', app(false)), false);
  assert.equal(startedHidden(['/x'], 'linux', app(true)), false);
});

test('waking from sleep (or unlocking) re-arms the reminders', async () => {
  let rearmed = 0;
  const power = emitter({});
  rearmOnResume(power.obj as never, async () => void rearmed++);
  power.fire('resume');
  power.fire('unlock-screen');
  await flush();
  assert.equal(rearmed, 2);
});

test('the XDG autostart entry: under $XDG_CONFIG_HOME (absolute only), else ~/.config; not writable by others; removed', () => {
  assert.equal(xdgAutostartFiles({}, '/home/u').path, '/home/u/.config/autostart/jit-connect.desktop');
  assert.equal(
    xdgAutostartFiles({ XDG_CONFIG_HOME: 'rel' }, '/home/u').path,
    '/home/u/.config/autostart/jit-connect.desktop',
  );
  const dir = tempDir('jit-autostart-');
  const files = xdgAutostartFiles({ XDG_CONFIG_HOME: dir }, '/nowhere');
  assert.equal(files.path, join(dir, 'autostart', 'jit-connect.desktop'));
  applyStartAtLogin(true, { platform: 'linux', app: {} as never, execPath: '/opt/jit/jit-connect', autostart: files });
  assert.match(readFileSync(files.path, 'utf8'), /^Exec="\/opt\/jit\/jit-connect" --hidden$/m);
  assert.equal(statSync(files.path).mode & 0o022, 0, 'nobody else may rewrite what runs at sign-in');
  applyStartAtLogin(false, { platform: 'linux', app: {} as never, execPath: '/opt/jit/jit-connect', autostart: files });
  assert.equal(existsSync(files.path), false);
});
