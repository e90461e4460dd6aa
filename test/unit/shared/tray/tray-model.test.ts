import { test } from 'node:test';
import assert from 'node:assert/strict';
import { countdown, parseTrayItemId, trayItemId, trayModel, type TrayGrant } from '../../../../shared/tray/tray-model';

const T0 = Date.parse('2026-05-01T10:00:00Z');
const MIN = 60_000;
const vm = (name: string) => `/subscriptions/s/resourceGroups/rg/providers/Microsoft.Compute/virtualMachines/${name}`;
const grant = (name: string, port: number, endMin: number, azureOffsetMs?: number): TrayGrant => ({
  vmId: vm(name),
  vmName: name,
  port,
  endTimeUtc: new Date(T0 + endMin * MIN).toISOString(),
  ...(azureOffsetMs !== undefined ? { azureOffsetMs } : {}),
});

test('no live grant: the idle icon, "No live grants" greyed out, Open JIT Connect and Quit', () => {
  const m = trayModel([grant('VM-FS01', 3389, -1)], T0);
  assert.equal(m.icon, 'idle');
  assert.equal(m.tooltip, 'JIT Connect');
  assert.deepEqual(
    m.items.map((i) => [i.id, i.label, i.enabled]),
    [
      ['no-grants', 'No live grants', false],
      ['separator', '', true],
      ['open-app', 'Open JIT Connect', true],
      ['quit', 'Quit', true],
    ],
  );
});

test('live grants: the live icon, soonest end first, countdowns, Connect again / Extend / Open each', () => {
  const m = trayModel([grant('vm-web01', 22, 95), grant('VM-FS01', 3389, 42), grant('VM-FS01', 8080, 500)], T0);
  assert.equal(m.icon, 'live');
  const grants = m.items.filter((i) => i.type === 'submenu');
  assert.deepEqual(
    grants.map((g) => g.label),
    [
      'VM-FS01 (RDP 3389) — 42 min left',
      'vm-web01 (SSH 22) — 1 h 35 min left',
      'VM-FS01 (port 8080) — 8 h 20 min left',
    ],
  );
  assert.deepEqual(
    grants[0]!.submenu!.map((s) => [s.label, s.enabled]),
    [
      ['Connect again', true],
      ['Extend', true],
      ['Open', true],
    ],
  );
  assert.equal(m.tooltip, 'JIT Connect — 3 grants live; VM-FS01 (RDP 3389): 42 min left');
  assert.deepEqual(
    m.items.slice(-2).map((i) => i.id),
    ['open-app', 'quit'],
  );
});

test('the countdown moves with the time given and runs on Azure’s clock', () => {
  const g = grant('VM-FS01', 3389, 10);
  assert.match(trayModel([g], T0).tooltip, /10 min left/);
  assert.match(trayModel([g], T0 + 4 * MIN).tooltip, /6 min left/);
  // Azure's clock two minutes ahead of ours: two minutes fewer left.
  assert.match(trayModel([{ ...g, azureOffsetMs: 2 * MIN }], T0).tooltip, /8 min left/);
  assert.equal(trayModel([g], T0 + 10 * MIN).icon, 'idle');
});

test('countdown: minutes rounded up, hours with two-digit minutes', () => {
  assert.equal(countdown(1), '1 min left');
  assert.equal(countdown(59 * MIN + 1), '1 h 00 min left');
  assert.equal(countdown(9.5 * MIN), '10 min left');
  assert.equal(countdown(125 * MIN), '2 h 05 min left');
});

test('item ids round-trip to the action and grant; ids the model never makes are refused', () => {
  const g = grant('VM-FS01', 3389, 10);
  for (const action of ['connect-again', 'extend', 'open'] as const)
    assert.deepEqual(parseTrayItemId(trayItemId(action, g)), { action, vmId: g.vmId, port: 3389 });
  assert.deepEqual(parseTrayItemId('quit'), { action: 'quit' });
  assert.deepEqual(parseTrayItemId('open-app'), { action: 'open-app' });
  for (const bad of [
    '',
    'delete|3389|x',
    'extend|0|x',
    'extend|70000|x',
    'extend|3389|',
    'extend|1.5|x',
    'grant|3389|x',
  ])
    assert.equal(parseTrayItemId(bad), undefined, bad);
});
