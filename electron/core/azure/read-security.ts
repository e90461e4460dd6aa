/** Defender for Cloud reads of one subscription: JIT policies (one list) and the Defender for Servers plan. */
import type { JitPort, JitProtocol } from '../../../shared/domain/types';
import { parseResourceId } from '../../../shared/azure/resource-id';
import type { SecurityCenter } from '@azure/arm-security';
import type { JitPolicyRead, ServersPlan } from './shapes';

type Security = SecurityCenter;

interface PortRule {
  number: number;
  protocol: string;
  maxRequestAccessDuration: string;
  allowedSourceAddressPrefix?: string;
  allowedSourceAddressPrefixes?: string[];
}

/** A JIT port rule as the view shows it: one list of allowed sources (`['*']` for any). */
export function jitPortOf(p: PortRule): JitPort {
  const sources = p.allowedSourceAddressPrefixes?.length
    ? p.allowedSourceAddressPrefixes
    : [p.allowedSourceAddressPrefix ?? '*'];
  return {
    number: p.number,
    protocol: (p.protocol === 'TCP' || p.protocol === 'UDP' ? p.protocol : '*') as JitProtocol,
    maxDuration: p.maxRequestAccessDuration,
    allowedSources: sources,
    // A list (allowedSourceAddressPrefixes) wants one of its entries verbatim; a single prefix takes what lies inside.
    ...(p.allowedSourceAddressPrefixes?.length ? { sourcesExact: true } : {}),
  };
}

/** Every JIT policy of the subscription (all regions, one list). */
export async function readJitPolicies(security: Security, signal: AbortSignal): Promise<JitPolicyRead[]> {
  const out: JitPolicyRead[] = [];
  for await (const p of security.jitNetworkAccessPolicies.list({ abortSignal: signal })) {
    if (!p.id) continue;
    const parts = parseResourceId(p.id);
    out.push({
      id: p.id,
      name: p.name ?? '',
      subscriptionId: parts?.subscriptionId ?? '',
      resourceGroup: parts?.resourceGroup ?? '',
      location: p.location ?? '',
      virtualMachines: (p.virtualMachines ?? []).map((vm) => ({
        vmId: vm.id,
        ports: vm.ports.map(jitPortOf),
        ...(vm.publicIpAddress ? { firewallPublicIp: vm.publicIpAddress } : {}),
      })),
    });
  }
  return out;
}

/**
 * The Defender for Servers plan (`pricings/VirtualMachines`): JIT needs Plan 2. `subPlan` appears from api-version
 * 2022-03-01 (what the SDK sends); a Standard tier without a subPlan predates plans and had JIT, so it counts as P2.
 */
export async function readServersPlan(security: Security, signal: AbortSignal): Promise<ServersPlan> {
  const p = await security.pricings.get('VirtualMachines', { abortSignal: signal });
  if (p.pricingTier !== 'Standard') return 'off';
  return p.subPlan === 'P1' ? 'P1' : 'P2';
}
