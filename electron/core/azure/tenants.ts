/** Tenants the account can reach (ARM `/tenants`: home and guest) and the subscriptions of each. */
import type { InventoryProblem, Subscription, Tenant } from '../../../shared/domain/types';
import { subscriptionsClient, type ArmAccess } from './arm-access';
import { isAbort, isInteractionRequired, problemFrom } from './arm-errors';
import { AppError } from '../../../shared/errors/app-error';

/**
 * Lists the tenants the account belongs to (home and guest), read with a token for its home tenant. Throws an
 * {@link AppError}: `interaction-required` when the sign-in must be renewed, `cancelled`, or `azure-error`.
 */
export async function listTenants(arm: ArmAccess, signal?: AbortSignal): Promise<Tenant[]> {
  try {
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
  } catch (err) {
    if (err instanceof AppError) throw err;
    const e = err as { message?: string; code?: string; statusCode?: number };
    if (isInteractionRequired(err))
      throw new AppError({
        code: 'interaction-required',
        message: `Signing in again is needed to list your tenants: ${e.message ?? err}`,
        fix: 'Sign in.',
      });
    if (isAbort(err)) throw new AppError({ code: 'cancelled', message: 'Listing tenants was cancelled.' });
    throw new AppError({
      code: e.statusCode === 401 ? 'not-signed-in' : 'azure-error',
      message: `Azure did not list your tenants: ${e.message ?? err}`,
      fix: e.statusCode === 401 ? 'Sign in.' : 'Try again; if it persists, check the network and the cloud profile.',
      ...(e.code ? { azureCode: e.code } : {}),
    });
  }
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
