/**
 * The engine's bookkeeping on request ports, kept on the stored documents as `_`-prefixed fields (persisted with
 * `--state-dir`, stripped before anything is served), and the reads other parts of the simulator need.
 */
import type { Estate } from '../model/estate';
import { idKey } from '../model/ids';
import type { JitPolicyDoc, JitRequest, JitRequestPort } from '../model/resources';

/** A request port with the engine's bookkeeping. */
export interface GrantPort extends JitRequestPort {
  /** Name of the allow rule this grant puts in every NSG that applies. */
  _rule?: string;
  /** When the allow rule appears (ms on the simulated clock): start time plus the propagation delay. */
  _appearAtMs?: number;
  /** `pending` until the allow rule appears, `applied` while it is in the NSGs, `removed` after. */
  _state?: 'pending' | 'applied' | 'removed';
  /** Allow rules of older grants this one replaces when it appears (newer request for the same VM and port). */
  _replaces?: string[];
}

/** One port of one request, with where it sits. */
export interface GrantRef {
  policy: JitPolicyDoc;
  request: JitRequest;
  vmId: string;
  port: GrantPort;
}

/** Every request port of a policy. */
export function grantsOf(policy: JitPolicyDoc): GrantRef[] {
  const out: GrantRef[] = [];
  for (const request of policy.properties.requests ?? []) {
    for (const vm of request.virtualMachines) {
      for (const port of vm.ports) out.push({ policy, request, vmId: vm.id, port: port as GrantPort });
    }
  }
  return out;
}

/** True when the port object still belongs to the policy (not replaced by a reset or a delete). */
export function owns(policy: JitPolicyDoc, port: GrantPort): boolean {
  return (policy.properties.requests ?? []).some((r) => r.virtualMachines.some((v) => v.ports.includes(port)));
}

/**
 * Grants whose allow rule is in the NSGs now, for one VM and port (the Azure Firewall DNAT rule JIT adds lives
 * exactly as long; the gate reads it from here).
 */
export function appliedGrants(estate: Estate, vmId: string, port: number): GrantRef[] {
  const key = idKey(vmId);
  const out: GrantRef[] = [];
  for (const policy of estate.jitPolicies.values()) {
    if (!policy.properties.virtualMachines.some((v) => idKey(v.id) === key)) continue;
    for (const g of grantsOf(policy)) {
      if (idKey(g.vmId) === key && g.port.number === port && g.port._state === 'applied') out.push(g);
    }
  }
  return out;
}

/** The sources a grant opens the port to: its `allowedSourceAddressPrefixes`, or its one prefix (`*` if none). */
export function grantSources(port: JitRequestPort): string[] {
  return port.allowedSourceAddressPrefixes?.length
    ? port.allowedSourceAddressPrefixes
    : [port.allowedSourceAddressPrefix ?? '*'];
}
