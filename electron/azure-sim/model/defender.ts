/**
 * Microsoft Defender for Cloud plans of a subscription (`Microsoft.Security/pricings`), as the seeds store them and
 * as JIT consults them: just-in-time VM access is a feature of Defender for Servers Plan 2 only.
 */
import type { Estate } from './estate';

/** The stored type of a plan document. */
export const PRICING_TYPE = 'Microsoft.Security/pricings';

/** A plan's tier and sub-plan (swagger `PricingProperties`, the parts the simulator models). */
export interface PricingProperties {
  pricingTier: 'Free' | 'Standard';
  /** `P1` / `P2` for VirtualMachines (Defender for Servers); absent on the Free tier. */
  subPlan?: string;
  /** When the plan was last enabled (ISO time); served from api-version 2023-01-01. */
  enablementTime?: string;
}

/** A plan document: subscription-level, so no location (swagger `Pricing` is a proxy resource). */
export interface PricingDoc {
  id: string;
  name: string;
  type: typeof PRICING_TYPE;
  properties: PricingProperties;
}

/** The plans a pricing list shows, in the order Azure's list example gives them (the ones JIT users meet). */
export const PLAN_NAMES = [
  'VirtualMachines',
  'SqlServers',
  'AppServices',
  'StorageAccounts',
  'SqlServerVirtualMachines',
  'KeyVaults',
  'Dns',
  'Arm',
  'OpenSourceRelationalDatabases',
  'Containers',
  'CloudPosture',
] as const;

/** The id of a subscription's plan. */
export function pricingId(subscriptionId: string, name: string): string {
  return `/subscriptions/${subscriptionId}/providers/Microsoft.Security/pricings/${name}`;
}

/**
 * A subscription's plan by name (any case). A plan no seed set is Free, except VirtualMachines, which defaults to
 * Standard / P2 so that a seed that does not care about plans (scale, other tenants) has working JIT — the demo sets
 * every subscription's VirtualMachines plan explicitly.
 */
export function pricingOf(estate: Estate, subscriptionId: string, name: string): PricingDoc | undefined {
  const canonical = PLAN_NAMES.find((n) => n.toLowerCase() === name.toLowerCase());
  if (!canonical) return undefined;
  const stored = estate.get(pricingId(subscriptionId, canonical), PRICING_TYPE) as unknown as PricingDoc | undefined;
  if (stored) return stored;
  return {
    id: pricingId(subscriptionId, canonical),
    name: canonical,
    type: PRICING_TYPE,
    properties: canonical === 'VirtualMachines' ? { pricingTier: 'Standard', subPlan: 'P2' } : { pricingTier: 'Free' },
  };
}

/** Stores a subscription's plan (seeds; the control API does not change plans). */
export function setPricing(estate: Estate, subscriptionId: string, name: string, properties: PricingProperties): void {
  const doc: PricingDoc = { id: pricingId(subscriptionId, name), name, type: PRICING_TYPE, properties };
  // Stored with the resources (so state files keep it); it has no location, as Azure serves it.
  estate.put(doc as unknown as Parameters<Estate['put']>[0]);
}

/** True when the subscription's VirtualMachines plan is Defender for Servers Plan 2 (what JIT needs). */
export function hasServersPlan2(estate: Estate, subscriptionId: string): boolean {
  const p = pricingOf(estate, subscriptionId, 'VirtualMachines')?.properties;
  return p?.pricingTier === 'Standard' && p.subPlan === 'P2';
}
