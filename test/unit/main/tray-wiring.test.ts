/**
 * `startBackground`, the one call main.ts makes, with fakes of every Electron object: the tray reads the grant store,
 * the window is kept while a grant is live, Quit asks, resume re-arms, start at login is applied, and the window's
 * event sink redraws the tray when a connect finishes.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { GrantStore } from '../../../electron/core/grants/grant-store';
import { startBackground, trayRefreshingSink, withStartAtLogin } from '../../../electron/main/tray-wiring';
import type { Handlers } from '../../../shared/ipc/contract';
import { FakeClock } from '../../fixtures/fake-clock';
import { tempDir } from '../../fixtures/sim';

const flush = () => new Promise((r) => setImmediate(r));

test('startBackground: tray on the store, window kept while live, Quit asks, resume re-arms, login item set', async () => {
  const configDir = tempDir('jit-tray-');
  const clock = new FakeClock(Date.now());
  await new GrantStore(configDir).record({
    vmId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/VM-FS01',
    vmName: 'VM-FS01',
    port: 3389,
    source: '10.13.1.0/24',
    dialAddress: '10.10.1.4:3389',
    startTimeUtc: new Date(clock.now()).toISOString(),
    endTimeUtc: new Date(clock.now() + 30 * 60_000).toISOString(),
  });
  const on = new Map<string, Array<(e: { preventDefault(): void }) => void>>();
  const listen = (name: string, h: (e: { preventDefault(): void }) => void) =>
    void on.set(name, [...(on.get(name) ?? []), h]);
  const fire = (name: string) => {
    let prevented = false;
    for (const h of on.get(name) ?? []) h({ preventDefault: () => (prevented = true) });
    return prevented;
  };
  const tooltips: string[] = [];
  const login: unknown[] = [];
  const asked: number[] = [];
  let rearmed = 0;
  const bg = startBackground({
    electron: {
      Tray: class {
        setImage() {}
        setToolTip(t: string) {
          tooltips.push(t);
        }
        setContextMenu() {}
        destroy() {}
      } as never,
      Menu: { buildFromTemplate: (t: unknown) => t as never },
      nativeImage: { createFromBitmap: () => ({}) as never },
      app: {
        on: (name: string, h: never) => (listen(name, h), undefined),
        quit: () => undefined,
        setLoginItemSettings: (s: unknown) => void login.push(s),
        getLoginItemSettings: () => ({ wasOpenedAtLogin: false }),
      } as never,
      dialog: { showMessageBox: async () => (asked.push(1), { response: 1 }) } as never,
      powerMonitor: { on: (name: string, h: never) => (listen(`power:${name}`, h), undefined) } as never,
    },
    service: { handlers: {} as Handlers, rearmReminders: async () => void rearmed++ },
    configDir,
    showWindow: () => undefined,
    startAtLogin: true,
    platform: 'win32',
    execPath: 'C:\\JIT\\JIT Connect.exe',
    argv: ['C:\\JIT\\JIT Connect.exe', '--hidden'],
    clock,
    warn: (m) => assert.fail(m),
  });
  await bg.tray.refresh();
  assert.match(tooltips.at(-1)!, /VM-FS01 \(RDP 3389\): 30 min left/);
  assert.equal(bg.hidden, true);
  assert.deepEqual(login, [{ openAtLogin: true, args: ['--hidden'] }]);

  let hidden = 0;
  bg.attachWindow({ on: (_n: string, h: never) => listen('win:close', h), hide: () => void hidden++ } as never);
  assert.equal(fire('win:close'), true);
  assert.equal(hidden, 1);
  assert.equal(fire('before-quit'), true, 'a live grant: asked first');
  await flush();
  assert.equal(asked.length, 1);
  fire('power:resume');
  await flush();
  assert.equal(rearmed, 1);

  let refreshed = 0;
  const sent: string[] = [];
  const sink = trayRefreshingSink(
    (c) => void sent.push(c),
    () => ({ ...bg.tray, refresh: async () => void refreshed++ }),
  );
  sink('connect:finished', { connectId: 'c' } as never);
  sink('session:changed', {} as never);
  assert.deepEqual(sent, ['connect:finished', 'session:changed']);
  assert.equal(refreshed, 1);
  bg.tray.dispose();
});

test('saving startAtLogin applies it to the OS at once; other settings leave the login item alone', async () => {
  const applied: boolean[] = [];
  const handlers = withStartAtLogin(
    {
      'settings:set': async (args: { patch: Record<string, unknown> }) => ({
        settings: { startAtLogin: args.patch.startAtLogin ?? false, justificationTemplate: '' },
        managed: [],
      }),
    } as unknown as Handlers,
    () => ({ setStartAtLogin: (v: boolean) => void applied.push(v) }),
  );
  await handlers['settings:set']({ patch: { startAtLogin: true } });
  await handlers['settings:set']({ patch: { justificationTemplate: 'Ticket {ticket}' } });
  assert.deepEqual(applied, [true]);
});
