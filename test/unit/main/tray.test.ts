/**
 * The tray with plain-object fakes of Tray, Menu and nativeImage and a fake clock: the idle icon, the live one while a
 * grant is live, countdowns redrawn each minute, menu clicks parsed into commands carried out on the app service, a
 * clock jump reported, and the icons drawn in code.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Handlers } from '../../../shared/ipc/contract';
import type { TrayCommand, TrayGrant } from '../../../shared/tray/tray-model';
import { startTray, type TrayDeps } from '../../../electron/main/tray';
import { trayIconBitmap, trayIcons } from '../../../electron/main/tray-icons';
import { trayCommands } from '../../../electron/main/tray-wiring';
import { FakeClock } from '../../fixtures/fake-clock';

const T0 = Date.parse('2026-05-01T10:00:00Z');
const MIN = 60_000;
const flush = () => new Promise((r) => setImmediate(r));
const grant = (endMin: number): TrayGrant => ({
  vmId: '/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/VM-FS01',
  vmName: 'VM-FS01',
  port: 3389,
  endTimeUtc: new Date(T0 + endMin * MIN).toISOString(),
});

type Template = Array<{ id?: string; label?: string; type?: string; submenu?: Template; click?: () => void }>;

function fakes(grants: TrayGrant[]) {
  const clock = new FakeClock(T0);
  const seen = { images: [] as string[], tooltips: [] as string[], menus: [] as Template[], destroyed: false };
  const commands: TrayCommand[] = [];
  let jumps = 0;
  const deps: TrayDeps = {
    createTray: (image) => {
      seen.images.push(String(image));
      return {
        setImage: (i) => void seen.images.push(String(i)),
        setToolTip: (t) => void seen.tooltips.push(t),
        setContextMenu: (m) => void seen.menus.push(m as unknown as Template),
        destroy: () => void (seen.destroyed = true),
      };
    },
    buildMenu: (template) => template as never,
    icons: { idle: 'IDLE' as never, live: 'LIVE' as never },
    clock,
    grants: async () => grants,
    onCommand: (c) => commands.push(c),
    onClockJump: () => jumps++,
  };
  return { clock, seen, commands, deps, jumps: () => jumps };
}

/** The menu's first grant item's action, clicked. */
function click(menu: Template, label: string) {
  const item = menu[0]!.submenu!.find((i) => i.label === label)!;
  item.click!();
}

test('idle at start; the live icon, countdown and grant menu once a grant is live; a click becomes a command', async () => {
  const grants: TrayGrant[] = [];
  const f = fakes(grants);
  const tray = startTray(f.deps);
  await flush();
  assert.deepEqual(f.seen.images, ['IDLE']);
  assert.equal(f.seen.tooltips.at(-1), 'JIT Connect');
  assert.equal(f.seen.menus.at(-1)![0]!.label, 'No live grants');

  grants.push(grant(42));
  await tray.refresh();
  assert.deepEqual(f.seen.images, ['IDLE', 'LIVE']);
  assert.equal(f.seen.tooltips.at(-1), 'JIT Connect — VM-FS01 (RDP 3389): 42 min left');
  const menu = f.seen.menus.at(-1)!;
  assert.equal(menu[0]!.label, 'VM-FS01 (RDP 3389) — 42 min left');
  assert.deepEqual(
    menu.map((i) => i.label ?? i.type),
    ['VM-FS01 (RDP 3389) — 42 min left', 'separator', 'Open JIT Connect', 'Quit'],
  );
  click(menu, 'Extend');
  click(menu, 'Connect again');
  menu.find((i) => i.label === 'Quit')!.click!();
  assert.deepEqual(f.commands, [
    { action: 'extend', vmId: grants[0]!.vmId, port: 3389 },
    { action: 'connect-again', vmId: grants[0]!.vmId, port: 3389 },
    { action: 'quit' },
  ]);
  assert.equal(tray.liveCount(), 1);
  tray.dispose();
  assert.ok(f.seen.destroyed);
});

test('the countdown is redrawn each minute on the Clock; at the end the icon goes back to idle', async () => {
  const f = fakes([grant(3)]);
  const tray = startTray(f.deps);
  await flush();
  assert.match(f.seen.tooltips.at(-1)!, /3 min left/);
  f.clock.advance(MIN);
  await flush();
  assert.match(f.seen.tooltips.at(-1)!, /2 min left/);
  f.clock.advance(MIN);
  await flush();
  f.clock.advance(MIN);
  await flush();
  assert.equal(f.seen.images.at(-1), 'IDLE');
  assert.equal(tray.liveCount(), 0);
  assert.equal(f.jumps(), 0);
  tray.dispose();
  assert.equal(f.clock.pending, 0, 'no tick left after dispose');
});

test('a clock jump (sleep) is reported at the next tick, so the reminders are re-armed', async () => {
  const f = fakes([grant(300)]);
  const tray = startTray(f.deps);
  f.clock.jump(2 * 60 * MIN);
  f.clock.advance(MIN);
  await flush();
  assert.equal(f.jumps(), 1);
  assert.match(f.seen.tooltips.at(-1)!, /2 h 59 min left/);
  tray.dispose();
});

test('tray commands go to the app service: Extend, Connect again (window shown), Open, Quit', async () => {
  const calls: Array<[string, unknown]> = [];
  const handlers = {
    'grants:extend': async (a: unknown) => (calls.push(['grants:extend', a]), {}),
    'connect:start': async (a: unknown) => (calls.push(['connect:start', a]), { connectId: 'c1' }),
  } as unknown as Handlers;
  const ui = { shown: 0, quit: 0, refreshed: 0, warnings: [] as string[] };
  const run = trayCommands(
    { handlers },
    {
      showWindow: () => void ui.shown++,
      quit: () => void ui.quit++,
      refresh: async () => void ui.refreshed++,
      warn: (m) => void ui.warnings.push(m),
    },
  );
  const vmId = grant(1).vmId;
  run({ action: 'extend', vmId, port: 3389 });
  run({ action: 'connect-again', vmId, port: 3389 });
  run({ action: 'open', vmId, port: 3389 });
  run({ action: 'quit' });
  await flush();
  assert.deepEqual(calls, [
    ['grants:extend', { vmId, port: 3389 }],
    ['connect:start', { targets: [{ vmId, port: 3389 }], launch: true }],
  ]);
  assert.deepEqual({ ...ui, warnings: ui.warnings.length }, { shown: 2, quit: 1, refreshed: 1, warnings: 0 });
});

test('icons drawn in code: a grey ring when idle, a green disc inside it when live', () => {
  const size = 32;
  const at = (buf: Buffer, x: number, y: number) => [...buf.subarray((y * size + x) * 4, (y * size + x) * 4 + 4)];
  const idle = trayIconBitmap('idle', size);
  const live = trayIconBitmap('live', size);
  assert.equal(idle.length, size * size * 4);
  assert.equal(at(idle, 16, 16)[3], 0, 'idle: the centre is transparent');
  assert.deepEqual(at(live, 16, 16), [0x44, 0x9e, 0x2e, 255], 'live: a green centre (BGRA)');
  assert.deepEqual(at(idle, 16, 0).slice(0, 3), [0x80, 0x80, 0x80], 'the ring is grey');
  assert.equal(at(idle, 0, 0)[3], 0, 'the corners are transparent');
  const made: unknown[] = [];
  const icons = trayIcons({ createFromBitmap: (buf, opts) => (made.push(opts), { buf }) as never });
  assert.deepEqual(Object.keys(icons), ['idle', 'live']);
  assert.deepEqual(made[0], { width: 32, height: 32, scaleFactor: 2 });
});
