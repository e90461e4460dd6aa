/**
 * JIT needs Microsoft Defender for Servers Plan 2 on the VM's subscription (Defender for Cloud docs, "Just-in-time
 * machine access": availability "Defender for Servers Plan 2"). A subscription on Plan 1 or Free cannot configure
 * or request JIT access.
 *
 * Azure's exact answer to a JIT write or initiate in such a subscription is not documented and we found no recorded
 * one: the status, code and wording below are the simulator's, chosen so a product can tell the user why (and the
 * product can learn the same from `GET .../providers/Microsoft.Security/pricings/VirtualMachines`).
 */
import { ArmError } from '../arm/errors';
import type { SimContext } from '../context';
import { hasServersPlan2, pricingOf } from '../model/defender';

/** The error code of a JIT write or initiate in a subscription without Defender for Servers Plan 2 (a guess). */
export const PLAN_REQUIRED_CODE = 'DefenderForServersPlan2Required';

/** Throws unless the subscription has Defender for Servers Plan 2. */
export function requireServersPlan2(ctx: SimContext, subscriptionId: string): void {
  if (hasServersPlan2(ctx.estate, subscriptionId)) return;
  const p = pricingOf(ctx.estate, subscriptionId, 'VirtualMachines')?.properties;
  const plan =
    p?.pricingTier === 'Standard'
      ? `Defender for Servers ${p.subPlan === 'P1' ? 'Plan 1' : (p.subPlan ?? 'Standard')}`
      : 'the Free tier (no Defender for Servers)';
  throw new ArmError(
    400,
    PLAN_REQUIRED_CODE,
    `Just-in-time VM access requires Microsoft Defender for Servers Plan 2, but subscription '${subscriptionId}' is on ${plan}. Enable Plan 2 (pricing 'VirtualMachines': pricingTier 'Standard', subPlan 'P2') to configure or request JIT access.`,
  );
}
