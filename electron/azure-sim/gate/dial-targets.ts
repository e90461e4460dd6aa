/**
 * Which VM ports the gate maps, and at which dial addresses. For the demo (any seed that is not `scale:`), every
 * port of every JIT policy VM — its private address, its public address if any, and the Azure Firewall address and
 * mapped port if any; for scale seeds only the VMs named in `backends` (thousands of listeners would help no one).
 * VMs named in `backends` are always mapped.
 */
import type { Estate } from '../model/estate';
import { idKey } from '../model/ids';
import type { ArmResource, VmProperties } from '../model/resources';
import { vmTopology } from '../model/topology';
import type { DialKind, DialTarget } from './reachability';

/** One address and port a client dials to reach a VM port, keyed `"<ip>:<port>"`. */
export interface WantedTarget extends DialTarget {
  key: string;
  vmName: string;
  dialPort: number;
  /** Where the gate forwards the bytes (`"host:port"`), if a backend is configured for `"<vm>:<port>"`. */
  backend?: string;
}

/** The targets the estate wants mapped; `backends` is keyed by lower-case `"<vm name>:<port>"`. */
export function wantedTargets(estate: Estate, backends: ReadonlyMap<string, string>): WantedTarget[] {
  const pairs = new Map<string, { vm: ArmResource<VmProperties>; port: number }>();
  const add = (vm: ArmResource<VmProperties> | undefined, port: number) => {
    if (vm) pairs.set(`${idKey(vm.id)}|${port}`, { vm, port });
  };
  if (!estate.seed.startsWith('scale:')) {
    for (const policy of estate.jitPolicies.values()) {
      for (const entry of policy.properties.virtualMachines) {
        const vm = estate.get<ArmResource<VmProperties>>(entry.id, 'Microsoft.Compute/virtualMachines');
        for (const p of entry.ports) add(vm, p.number);
      }
    }
  }
  if (backends.size) {
    const byName = new Map<string, Array<ArmResource<VmProperties>>>();
    for (const vm of estate.list<ArmResource<VmProperties>>('Microsoft.Compute/virtualMachines')) {
      const k = vm.name.toLowerCase();
      byName.set(k, [...(byName.get(k) ?? []), vm]);
    }
    for (const key of backends.keys()) {
      const m = key.match(/^(.+):(\d+)$/);
      if (!m) continue;
      for (const vm of byName.get(m[1]!) ?? []) add(vm, Number(m[2]));
    }
  }
  const out: WantedTarget[] = [];
  for (const { vm, port } of pairs.values()) {
    const topo = vmTopology(estate, vm);
    if (!topo) continue;
    const backend = backends.get(`${vm.name.toLowerCase()}:${port}`);
    const base = { vmId: vm.id, vmName: vm.name, port, ...(backend ? { backend } : {}) };
    const target = (kind: DialKind, dialIp: string, dialPort: number) =>
      out.push({ ...base, kind, dialIp, dialPort, key: `${dialIp}:${dialPort}` });
    target('private', topo.privateIp, port);
    if (topo.publicIp) target('public', topo.publicIp, port);
    const fw = estate.firewalls.get(idKey(vm.id));
    const mapped = fw?.mappedPorts[String(port)];
    if (fw && mapped !== undefined) target('firewall', fw.publicIp, mapped);
  }
  return out;
}
