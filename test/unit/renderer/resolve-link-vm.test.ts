/** Which VM of the list a deep link names: the dialog shows it, or says why none. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { resolveLinkVm } from '../../../renderer/src/deep-link/resolve-link-vm';
import type { Vm } from '../../../renderer/src/vm-list/vm-filter';

const vm = (name: string, rg: string): Vm =>
  ({
    id: `/subscriptions/00000000-0000-4000-8000-000000000001/resourceGroups/${rg}/providers/Microsoft.Compute/virtualMachines/${name}`,
    name,
    resourceGroup: rg,
    subscriptionName: 'Contoso Production',
  }) as Vm;
const vms = [vm('VM-FS01', 'rg-servers'), vm('vm-web01', 'rg-a'), vm('vm-web01', 'rg-b')];

test('by name in any case, by resource id in any case', () => {
  assert.deepEqual(resolveLinkVm(vms, { vm: 'vm-fs01', vmKind: 'name', port: 3389 }), { vm: vms[0] });
  assert.deepEqual(resolveLinkVm(vms, { vm: vms[2]!.id.toUpperCase(), vmKind: 'id', port: 22 }), { vm: vms[2] });
});

test('a name two VMs share, or none has, is explained with what to do', () => {
  const twice = resolveLinkVm(vms, { vm: 'vm-web01', vmKind: 'name', port: 22 });
  assert.ok('problem' in twice);
  assert.match(twice.problem, /2 VMs are named vm-web01: rg-a .*rg-b/);
  assert.match(twice.fix, /resource id/);
  const none = resolveLinkVm(vms, { vm: 'vm-nowhere', vmKind: 'name', port: 22 });
  assert.ok('problem' in none && /not in your VM list/.test(none.problem));
});
