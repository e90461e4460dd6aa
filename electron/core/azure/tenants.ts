/** Tenants the account can reach (ARM `/tenants`: home and guest) and the subscriptions of each. */
import type { InventoryProblem, Subscription, Tenant } from '../../../shared/domain/types';
import { subscriptionsClient, type ArmAccess } from './arm-access';
import { problemFrom } from './arm-errors';

/** Lists the tenants the account belongs to, read with a token for its home tenant. */
export async function listTenants(arm: ArmAccess, signal?: AbortSignal): Promise<Tenant[]> {
  const client = await subscriptionsClient(arm, arm.homeTenantId);
  const out: Tenant[] = [];
  for await (const t of client.tenants.list({ abortSignal: signal })) {
    if (!t.tenantId) continue;
    out.push({
      tenantId: t.tenantId,
      ...(t.displayName ? { displayName: t.displayName } : {}),
      ...(t.defaultDomain ? { defaultDomain: t.defaultDomain } : {}),
    });
  }
  return out;
}

/** The subscriptions of one tenant, or the problem that kept them from being read (e.g. the tenant needs MFA). */
export async function listSubscriptions(
  arm: ArmAccess,
  tenantId: string,
  signal?: AbortSignal,
): Promise<{ subscriptions: Subscription[]; problem?: InventoryProblem }> {
  try {
    const client = await subscriptionsClient(arm, tenantId);
    const subscriptions: Subscription[] = [];
    for await (const s of client.subscriptions.list({ abortSignal: signal })) {
      if (!s.subscriptionId) continue;
      // `GET /subscriptions` answers the subscriptions of the token's tenant; the tenantId field is checked anyway,
      // since a subscription moved between tenants keeps showing up for a while.
      if (s.tenantId && s.tenantId.toLowerCase() !== tenantId.toLowerCase()) continue;
      subscriptions.push({
        subscriptionId: s.subscriptionId,
        displayName: s.displayName ?? s.subscriptionId,
        tenantId,
        ...(s.state ? { state: s.state } : {}),
      });
    }
    return { subscriptions };
  } catch (err) {
    if (signal?.aborted) throw err;
    return { subscriptions: [], problem: problemFrom(err, { tenantId, what: 'the tenant' }) };
  }
}
