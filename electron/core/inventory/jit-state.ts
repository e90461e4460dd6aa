/** The JIT state of a VM as the portal groups it: configured, not configured, unsupported (with why), or unknown. */
import type { JitPolicy, VmJit } from '../../../shared/domain/types';
import type { ServersPlan } from '../azure/shapes';

/** What decides a VM's JIT state. */
export interface JitFacts {
  /** The policy that lists the VM and its entry there, when one does. */
  policy?: { policy: JitPolicy; entry: JitPolicy['virtualMachines'][number] };
  /** Whether the subscription's policies could be read. */
  policiesRead: boolean;
  plan: ServersPlan;
  subscriptionName: string;
  /** True / false when known whether an NSG sits on the NIC or the subnet; undefined when not readable. */
  hasNsg?: boolean;
}

/** Decides the JIT state of one VM. */
export function jitStateOf(f: JitFacts): VmJit {
  if (f.policy)
    return {
      state: 'configured',
      ports: f.policy.entry.ports,
      policyId: f.policy.policy.id,
      ...(f.policy.entry.firewallPublicIp ? { firewallPublicIp: f.policy.entry.firewallPublicIp } : {}),
    };
  if (f.plan === 'P1' || f.plan === 'off')
    return {
      state: 'unsupported',
      ports: [],
      reason:
        `No Defender for Servers Plan 2 on subscription ${f.subscriptionName} ` +
        `(it is ${f.plan === 'P1' ? 'on Plan 1' : 'off'}): JIT VM access needs Plan 2.`,
    };
  if (f.hasNsg === false)
    return {
      state: 'unsupported',
      ports: [],
      reason: 'No network security group on its network interface or subnet: JIT needs one to open ports in.',
    };
  if (!f.policiesRead)
    return { state: 'unknown', ports: [], reason: 'The JIT policies of this subscription could not be read.' };
  return { state: 'not-configured', ports: [] };
}
