/**
 * A refresh that could not read some VMs for a passing reason (throttled, timed out, failed, a sign-in needed) must
 * not wipe them from the cache: the person would lose a good list to one bad moment (a refresh that found every
 * subscription "not signed in" once replaced 10,000 cached VMs with none). Those VMs are carried over from the
 * previous snapshot, beside the problems that say why they were not read again. A 403 is Azure's answer, not a
 * moment: access was taken away, and the VMs go.
 */
import { idKey } from '../../../shared/azure/resource-id';
import type { Vm } from '../../../shared/domain/types';
import type { InventorySnapshot } from './inventory';

const PASSING = new Set(['throttled', 'timeout', 'failed', 'needs-sign-in']);

/** The fresh snapshot, plus the previous one's VMs whose subscription or tenant could not be read this time. */
export function carryOverUnread(previous: InventorySnapshot, fresh: InventorySnapshot): InventorySnapshot {
  const subscriptions = new Set<string>();
  const tenants = new Set<string>();
  for (const p of fresh.problems) {
    if (!PASSING.has(p.kind)) continue;
    if (!p.subscriptionId) tenants.add(p.tenantId.toLowerCase());
    else if (p.what === 'virtual machines') subscriptions.add(p.subscriptionId.toLowerCase());
  }
  if (subscriptions.size === 0 && tenants.size === 0) return fresh;
  const unread = (vm: Vm) =>
    subscriptions.has(vm.subscriptionId.toLowerCase()) || tenants.has(vm.tenantId.toLowerCase());
  const earlier = new Map(previous.vms.filter(unread).map((vm) => [idKey(vm.id), vm]));
  if (earlier.size === 0) return fresh;
  // A VM the fresh read knows only from its JIT policy (no VM read: no power state, OS or address) gets its earlier
  // record back, with the fresh JIT state; a VM missing altogether comes back as it was.
  const vms = fresh.vms.map((vm) => {
    const before = earlier.get(idKey(vm.id));
    if (!before) return vm;
    earlier.delete(idKey(vm.id));
    return vm.unknown?.includes('powerState') ? { ...before, jit: vm.jit } : vm;
  });
  return { ...fresh, vms: [...vms, ...earlier.values()] };
}
