/** A refresh that fails for a passing reason keeps the VMs it could not read; a 403 does not. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { carryOverUnread } from '../../../../electron/core/inventory/carry-over';
import type { InventorySnapshot } from '../../../../electron/core/inventory/inventory';
import type { InventoryProblem, Vm } from '../../../../shared/domain/types';

const T = 'tenant-1';
const vm = (name: string, sub: string): Vm =>
  ({
    id: `/subscriptions/${sub}/resourceGroups/RG/providers/Microsoft.Compute/virtualMachines/${name}`,
    name,
    subscriptionId: sub,
    tenantId: T,
    powerState: 'running',
    jit: { state: 'configured', ports: [] },
  }) as unknown as Vm;
const snap = (vms: Vm[], problems: InventoryProblem[] = []): InventorySnapshot => ({
  vms,
  problems,
  tenants: [],
  subscriptions: [],
  readAt: '2026-11-29T12:00:00Z',
});
const previous = snap([vm('a', 's1'), vm('b', 's2')]);

test('the whole tenant could not be read (sign-in needed): every VM of it stays', () => {
  const fresh = snap([], [{ tenantId: T, what: 'the tenant', kind: 'needs-sign-in', message: 'm' }]);
  assert.deepEqual(
    carryOverUnread(previous, fresh).vms.map((v) => v.name),
    ['a', 'b'],
  );
});

test("one subscription's VM list throttled: only its VMs stay; the other subscription's fresh list wins", () => {
  const fresh = snap(
    [],
    [{ tenantId: T, subscriptionId: 'S1', what: 'virtual machines', kind: 'throttled', message: 'm' }],
  );
  assert.deepEqual(
    carryOverUnread(previous, fresh).vms.map((v) => v.name),
    ['a'],
  );
});

test('a 403, or a failure of another read, carries nothing over', () => {
  for (const p of [
    { tenantId: T, subscriptionId: 's1', what: 'virtual machines', kind: 'forbidden', message: 'm' },
    { tenantId: T, subscriptionId: 's1', what: 'JIT policies', kind: 'failed', message: 'm' },
  ] as InventoryProblem[])
    assert.deepEqual(carryOverUnread(previous, snap([], [p])).vms, []);
});
