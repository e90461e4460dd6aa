/**
 * What every ARM read of the inventory needs: a token credential per tenant (from sign-in), the cloud and its one
 * HTTP transport. The SDK packages are loaded on first use (a warm start from the cache loads none of them), each
 * on its own, so the VM list can start while the much larger network SDK is still loading.
 */
import type { TokenCredential } from '@azure/core-auth';
import type { ComputeManagementClient } from '@azure/arm-compute';
import type { NetworkManagementClient } from '@azure/arm-network';
import type { SecurityCenter } from '@azure/arm-security';
import type { SubscriptionClient } from '@azure/arm-resources-subscriptions';
import type { ResolvedCloud } from '../cloud/cloud';
import { armClientOptions, type Transport } from '../http/transport';

/** Access to ARM for one signed-in account. */
export interface ArmAccess {
  cloud: ResolvedCloud;
  transport: Transport;
  /** The account's home tenant: `/tenants` is read with a token for it. */
  homeTenantId: string;
  /** A credential for ARM in `tenantId` (a guest tenant needs its own token). */
  credentialFor(tenantId: string): TokenCredential;
}

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

const once = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let p: Promise<T> | undefined;
  return () => (p ??= load());
};
const sdk = {
  compute: once(() => import('@azure/arm-compute').then(cjs)),
  network: once(() => import('@azure/arm-network').then(cjs)),
  security: once(() => import('@azure/arm-security').then(cjs)),
  subscriptions: once(() => import('@azure/arm-resources-subscriptions').then(cjs)),
};

/** Starts loading the ARM SDKs now (while the first calls are on the wire); failures surface on use. */
export function preloadArmSdks(): void {
  for (const load of Object.values(sdk)) load().catch(() => {});
}

/** The Compute client of one subscription, with the cloud's options (pipeline, 429 retry). */
export async function computeClient(arm: ArmAccess, tenantId: string, subId: string): Promise<ComputeManagementClient> {
  const { ComputeManagementClient } = await sdk.compute();
  return new ComputeManagementClient(arm.credentialFor(tenantId), subId, armClientOptions(arm.cloud, arm.transport));
}

/** The Network client of one subscription. */
export async function networkClient(arm: ArmAccess, tenantId: string, subId: string): Promise<NetworkManagementClient> {
  const { NetworkManagementClient } = await sdk.network();
  return new NetworkManagementClient(arm.credentialFor(tenantId), subId, armClientOptions(arm.cloud, arm.transport));
}

/** The Defender for Cloud client of one subscription. */
export async function securityClient(arm: ArmAccess, tenantId: string, subId: string): Promise<SecurityCenter> {
  const { SecurityCenter } = await sdk.security();
  return new SecurityCenter(arm.credentialFor(tenantId), subId, armClientOptions(arm.cloud, arm.transport));
}

/** The subscriptions client (tenants and subscriptions), with a token for `tenantId`. */
export async function subscriptionsClient(arm: ArmAccess, tenantId: string): Promise<SubscriptionClient> {
  const { SubscriptionClient } = await sdk.subscriptions();
  return new SubscriptionClient(arm.credentialFor(tenantId), armClientOptions(arm.cloud, arm.transport));
}
