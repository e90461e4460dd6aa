/**
 * Joins one subscription's reads into VM views. Every join goes through `IdMap` (case-insensitive): Compute, Network
 * and Defender spell the same ids differently. Fields that could not be read are listed in `unknown`.
 */
import { IdMap, parseResourceId } from '../../../shared/azure/resource-id';
import type { JitPolicy, PowerState, Vm } from '../../../shared/domain/types';
import type { NicRead, PublicIpRead, VmRead } from '../azure/shapes';
import { jitStateOf, type JitFacts } from './jit-state';
import { poolsForVnet } from './p2s';
import type { NetworkIndex, SubscriptionReads } from './reads';
import { jitOnlyRows } from './jit-only';

/** Options of the join. */
export interface JoinOptions {
  /** Admin-set CIDRs of VPNs the user cannot read; they reach every VM. */
  privateSourceRanges?: string[];
}

type PolicyEntry = NonNullable<JitFacts['policy']>;

/** Indexes the policies of a subscription by the VMs they list. */
export function policiesByVm(policies: JitPolicy[] | undefined): IdMap<PolicyEntry> {
  const map = new IdMap<PolicyEntry>();
  for (const policy of policies ?? [])
    for (const entry of policy.virtualMachines) map.set(entry.vmId, { policy, entry });
  return map;
}

/** The VM's primary NIC among those read (the VM lists the primary first). */
function primaryNic(vm: VmRead, nics: IdMap<NicRead>): NicRead | undefined {
  for (const id of vm.nicIds) {
    const nic = nics.get(id);
    if (nic) return nic;
  }
  return undefined;
}

/** Joins one subscription's reads into its VM views. */
export function joinSubscription(reads: SubscriptionReads, index: NetworkIndex, opts: JoinOptions = {}): Vm[] {
  const ranges = opts.privateSourceRanges ?? [];
  const policies = policiesByVm(reads.policies);
  if (!reads.vms) return reads.policies ? jitOnlyRows(reads, policies, ranges) : [];
  const nics = new IdMap<NicRead>();
  for (const n of reads.nics ?? []) nics.set(n.id, n);
  const pips = new IdMap<PublicIpRead>();
  for (const p of reads.publicIps ?? []) pips.set(p.id, p);
  const { subscription } = reads;
  return reads.vms.map((vm) => {
    const unknown: string[] = [];
    const nic = primaryNic(vm, nics);
    const cfg = nic ? (nic.ipConfigs.find((c) => c.primary) ?? nic.ipConfigs[0]) : undefined;
    const sub = cfg?.subnetId ? index.subnets.get(cfg.subnetId) : undefined;
    if (!nic) unknown.push('privateIp', 'publicIp', 'nsgs', 'p2sPools');
    else if (!sub) unknown.push('nsgs.subnet', 'p2sPools');
    const pip = cfg?.publicIpId ? pips.get(cfg.publicIpId) : undefined;
    if (cfg?.publicIpId && !pip) unknown.push('publicIp');
    const nsgs: Vm['nsgs'] = {
      ...(nic?.nsgId ? { nic: nic.nsgId } : {}),
      ...(sub?.subnet.nsgId ? { subnet: sub.subnet.nsgId } : {}),
    };
    const hasNsg = nsgs.nic || nsgs.subnet ? true : nic && sub ? false : undefined;
    const jit = jitStateOf({
      policy: policies.get(vm.id),
      policiesRead: reads.policies !== undefined,
      plan: reads.plan,
      subscriptionName: subscription.displayName,
      ...(hasNsg !== undefined ? { hasNsg } : {}),
    });
    // Compute upper-cases resource groups; the NIC's own id keeps the group's name as created.
    const rg = parseResourceId(vm.id)?.resourceGroup ?? '';
    const nicRg = nic ? parseResourceId(nic.id)?.resourceGroup : undefined;
    const row: Vm = {
      id: vm.id,
      name: vm.name,
      resourceGroup: nicRg && nicRg.toLowerCase() === rg.toLowerCase() ? nicRg : rg,
      subscriptionId: subscription.subscriptionId,
      subscriptionName: subscription.displayName,
      tenantId: subscription.tenantId,
      location: vm.location,
      osType: vm.osType ?? 'unknown',
      ...(vm.size ? { size: vm.size } : {}),
      powerState: vm.powerState as PowerState,
      ...(cfg?.privateIp ? { privateIp: cfg.privateIp } : {}),
      ...(pip?.ipAddress ? { publicIp: pip.ipAddress } : {}),
      nsgs,
      p2sPools: sub ? poolsForVnet(index, sub.vnetId, ranges) : poolsForVnet(index, '', ranges),
      jit,
      ...(sub ? { vnetId: sub.vnetId } : {}),
    };
    if (unknown.length) row.unknown = unknown;
    return row;
  });
}
