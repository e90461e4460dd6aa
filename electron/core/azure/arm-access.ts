/**
 * What every ARM read of the inventory needs: a token credential per tenant (from sign-in), the cloud and its one
 * HTTP transport. The SDK packages are loaded on first use, so a warm start from the cache loads none of them.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { ResolvedCloud } from '../cloud/cloud';
import { armClientOptions, type Transport } from '../http/transport';

/**
 * A dynamically imported module's exports. Node's ESM import of a CommonJS package (arm-security,
 * arm-resources-subscriptions) names its exports; a bundler's interop may only give `default`.
 */
function cjs<M extends object>(mod: M): M {
  const d = (mod as { default?: M }).default;
  return d && typeof d === 'object' && !Object.keys(mod).some((k) => k !== 'default' && k !== 'module.exports')
    ? d
    : mod;
}

/** Access to ARM for one signed-in account. */
export interface ArmAccess {
  cloud: ResolvedCloud;
  transport: Transport;
  /** The account's home tenant: `/tenants` is read with a token for it. */
  homeTenantId: string;
  /** A credential for ARM in `tenantId` (a guest tenant needs its own token). */
  credentialFor(tenantId: string): TokenCredential;
}

/** The SDK clients of one subscription. */
export interface SubscriptionClients {
  compute: import('@azure/arm-compute').ComputeManagementClient;
  network: import('@azure/arm-network').NetworkManagementClient;
  security: import('@azure/arm-security').SecurityCenter;
}

/** Creates the official SDK clients for one subscription, every one with the cloud's options (pipeline, 429 retry). */
export async function subscriptionClients(
  arm: ArmAccess,
  tenantId: string,
  subscriptionId: string,
): Promise<SubscriptionClients> {
  const [compute, network, security] = await Promise.all([
    import('@azure/arm-compute').then(cjs),
    import('@azure/arm-network').then(cjs),
    import('@azure/arm-security').then(cjs),
  ]);
  const { ComputeManagementClient } = compute;
  const { NetworkManagementClient } = network;
  const { SecurityCenter } = security;
  const cred = arm.credentialFor(tenantId);
  const options = armClientOptions(arm.cloud, arm.transport);
  return {
    compute: new ComputeManagementClient(cred, subscriptionId, options),
    network: new NetworkManagementClient(cred, subscriptionId, options),
    security: new SecurityCenter(cred, subscriptionId, options),
  };
}

/** The subscriptions client (tenants and subscriptions), with a token for `tenantId`. */
export async function subscriptionsClient(
  arm: ArmAccess,
  tenantId: string,
): Promise<import('@azure/arm-resources-subscriptions').SubscriptionClient> {
  const { SubscriptionClient } = cjs(await import('@azure/arm-resources-subscriptions'));
  return new SubscriptionClient(arm.credentialFor(tenantId), armClientOptions(arm.cloud, arm.transport));
}
