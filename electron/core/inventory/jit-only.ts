/**
 * The view of a caller who cannot read VMs, NICs or VNets (Microsoft's API-only least-privilege JIT role): the VMs
 * the subscription's JIT policies list, with their ports and firewall, and what could not be read in `unknown`.
 * Such VMs stay connectable: the policy id, VM id, ports and firewall address are all a request needs.
 */
import { parseResourceId, type IdMap } from '../../../shared/azure/resource-id';
import type { Vm } from '../../../shared/domain/types';
import type { PublicIpRead } from '../azure/shapes';
import { jitStateOf, type JitFacts } from './jit-state';
import type { SubscriptionReads } from './reads';

const UNKNOWN = ['osType', 'size', 'powerState', 'privateIp', 'nsgs', 'p2sPools'];

/**
 * A public IP whose NIC is named after the VM by a common convention (`<vm>-nic`, the portal's `<vm><digits>`,
 * `az vm create`'s `<vm>VMNic`). A guess, flagged as `inferred`: without NIC read there is no other link.
 */
function publicIpByNicName(vmName: string, pips: PublicIpRead[]): PublicIpRead | undefined {
  const v = vmName.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^${v}(-nic|vmnic|\\d{1,4})?$`, 'i');
  return pips.find((p) => {
    const nic = p.ipConfigId?.match(/\/networkInterfaces\/([^/]+)\/ipConfigurations\//i)?.[1];
    return nic !== undefined && re.test(nic) && !!p.ipAddress;
  });
}

/** The rows of the policies' VMs (one per VM id, case-insensitively). */
export function jitOnlyRows(
  reads: SubscriptionReads,
  policies: IdMap<NonNullable<JitFacts['policy']>>,
  privateSourceRanges: string[],
): Vm[] {
  const { subscription } = reads;
  return [...policies.values()].map(({ policy, entry }) => {
    const parts = parseResourceId(entry.vmId);
    const name = parts?.name ?? entry.vmId;
    const pip = reads.publicIps ? publicIpByNicName(name, reads.publicIps) : undefined;
    const unknown = [...UNKNOWN, ...(pip ? [] : ['publicIp'])];
    return {
      id: entry.vmId,
      name,
      resourceGroup: parts?.resourceGroup ?? policy.resourceGroup,
      subscriptionId: subscription.subscriptionId,
      subscriptionName: subscription.displayName,
      tenantId: subscription.tenantId,
      location: policy.location,
      osType: 'unknown',
      powerState: 'unknown',
      ...(pip?.ipAddress ? { publicIp: pip.ipAddress } : {}),
      nsgs: {},
      p2sPools: privateSourceRanges.map((prefix) => ({ prefix, via: 'admin-setting' as const })),
      jit: jitStateOf({
        policy: { policy, entry },
        policiesRead: true,
        plan: reads.plan,
        subscriptionName: subscription.displayName,
      }),
      unknown,
      ...(pip ? { inferred: ['publicIp'] } : {}),
    };
  });
}
