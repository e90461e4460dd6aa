/** Builders for JIT network access policies and their port rules. */
import type { Estate } from '../model/estate';
import { rgId } from '../model/ids';
import type { ArmResource, JitPolicyDoc, JitPortRule, VmProperties } from '../model/resources';
import { idCase } from './id-case';
import type { Placement } from './placement';

/** A JIT port rule with the portal's defaults (TCP, PT3H, any source). */
export function jitPort(number: number, opts: { max?: string; allowed?: string | string[] } = {}): JitPortRule {
  const allowed = opts.allowed ?? '*';
  return {
    number,
    protocol: 'TCP',
    maxRequestAccessDuration: opts.max ?? 'PT3H',
    ...(Array.isArray(allowed) ? { allowedSourceAddressPrefixes: allowed } : { allowedSourceAddressPrefix: allowed }),
  };
}

/** Adds a JIT policy (`default`, as the portal names it) listing VMs of one resource group and region. */
export function addJitPolicy(
  estate: Estate,
  p: Placement,
  vms: Array<{ vm: ArmResource<VmProperties>; ports: JitPortRule[]; firewallPublicIp?: string }>,
  name = 'default',
): JitPolicyDoc {
  const id = `${rgId(p.subscriptionId, p.resourceGroup)}/providers/Microsoft.Security/locations/${p.location}/jitNetworkAccessPolicies/${name}`;
  const doc: JitPolicyDoc = {
    id,
    name,
    type: 'Microsoft.Security/locations/jitNetworkAccessPolicies',
    kind: 'Basic',
    location: p.location,
    properties: {
      virtualMachines: vms.map((v) => ({
        id: idCase.security(v.vm.id),
        ports: v.ports,
        ...(v.firewallPublicIp ? { publicIpAddress: v.firewallPublicIp } : {}),
      })),
      requests: [],
      provisioningState: 'Succeeded',
    },
  };
  estate.putJitPolicy(doc);
  return doc;
}
