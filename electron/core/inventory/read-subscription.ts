/**
 * Reads one subscription: every list in parallel (each an SDK paged list with the pipeline's 429 retry), the VPN
 * gateways once the VNets are known, the hubs' VNet connections once the P2S gateways are. A read that fails is a
 * problem beside the rest and leaves its list `undefined`. The whole subscription has a deadline; when it fires the
 * reads still running are aborted and reported as timed out.
 */
import { parseResourceId } from '../../../shared/azure/resource-id';
import type { Subscription } from '../../../shared/domain/types';
import { computeClient, networkClient, securityClient, type ArmAccess } from '../azure/arm-access';
import { problemFrom } from '../azure/arm-errors';
import { readVms } from '../azure/read-compute';
import {
  gatewayIdsOf,
  readGateway,
  readHubConnections,
  readNics,
  readP2sGateways,
  readPublicIps,
  readVnets,
} from '../azure/read-network';
import { readJitPolicies, readServersPlan } from '../azure/read-security';
import type { VmRead } from '../azure/shapes';
import type { SubscriptionReads } from './reads';

/** The RBAC read action behind each read, named in a 403's fix. */
const ACTIONS: Record<string, string> = {
  'virtual machines': 'Microsoft.Compute/virtualMachines/read',
  'network interfaces': 'Microsoft.Network/networkInterfaces/read',
  'public IP addresses': 'Microsoft.Network/publicIPAddresses/read',
  'JIT policies': 'Microsoft.Security/locations/jitNetworkAccessPolicies/read',
  'the Defender for Servers plan': 'Microsoft.Security/pricings/read',
  'virtual networks': 'Microsoft.Network/virtualNetworks/read',
  'a VPN gateway': 'Microsoft.Network/virtualNetworkGateways/read',
  'Virtual WAN P2S gateways': 'Microsoft.Network/p2sVpnGateways/read',
  'a Virtual WAN hub’s connections': 'Microsoft.Network/virtualHubs/hubVirtualNetworkConnections/read',
};

/** How one subscription is read. */
export interface ReadSubscriptionOptions {
  signal?: AbortSignal;
  /** The subscription's deadline (ms). */
  timeoutMs: number;
  /** Each page of VMs as it arrives (the first rows show before the joins). */
  onVmPage?: (vms: VmRead[]) => void;
}

/** Reads one subscription; never throws for Azure's answers (only when `signal` is aborted by the caller). */
export async function readSubscription(
  arm: ArmAccess,
  subscription: Subscription,
  opts: ReadSubscriptionOptions,
): Promise<SubscriptionReads> {
  const { tenantId, subscriptionId } = subscription;
  // The VM list starts as soon as the small compute SDK is loaded; the network SDK is several times its size.
  const compute = await computeClient(arm, tenantId, subscriptionId);
  const clients = Promise.all([
    networkClient(arm, tenantId, subscriptionId),
    securityClient(arm, tenantId, subscriptionId),
  ]);
  // The deadline covers Azure's answers, not the one-time load of the SDK modules: it starts once they are loaded.
  const deadline = new AbortController();
  let timer: NodeJS.Timeout | undefined;
  void clients.then(() => {
    timer = setTimeout(
      () => deadline.abort(new DOMException('The subscription timed out.', 'TimeoutError')),
      opts.timeoutMs,
    );
    timer.unref();
  });
  const signal = opts.signal ? AbortSignal.any([opts.signal, deadline.signal]) : deadline.signal;
  const reads: SubscriptionReads = { subscription, plan: 'unknown', problems: [] };
  const place = {
    tenantId: subscription.tenantId,
    subscriptionId: subscription.subscriptionId,
    subscriptionName: subscription.displayName,
  };
  const attempt = async <T>(what: string, read: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await read();
    } catch (err) {
      if (opts.signal?.aborted) throw err;
      const action = ACTIONS[what];
      reads.problems.push(problemFrom(err, { ...place, what, ...(action ? { action } : {}) }, deadline.signal.aborted));
      return undefined;
    }
  };
  const vmRead = attempt('virtual machines', () => readVms(compute, signal, opts.onVmPage ?? (() => {}))).then((v) => {
    reads.vms = v;
  });
  const [network, security] = await clients;
  await Promise.all([
    vmRead,
    attempt('network interfaces', () => readNics(network, signal)).then((v) => {
      reads.nics = v;
    }),
    attempt('public IP addresses', () => readPublicIps(network, signal)).then((v) => {
      reads.publicIps = v;
    }),
    attempt('JIT policies', () => readJitPolicies(security, signal)).then((v) => {
      reads.policies = v;
    }),
    attempt('the Defender for Servers plan', () => readServersPlan(security, signal)).then((v) => {
      reads.plan = v ?? 'unknown';
    }),
    attempt('virtual networks', () => readVnets(network, signal)).then(async (vnets) => {
      reads.vnets = vnets;
      const ids = gatewayIdsOf(vnets ?? []);
      const got = await Promise.all(ids.map((id) => attempt('a VPN gateway', () => readGateway(network, id, signal))));
      reads.gateways = got.filter((g) => g !== undefined);
    }),
    attempt('Virtual WAN P2S gateways', () => readP2sGateways(network, signal)).then(async (gws) => {
      reads.p2sGateways = gws;
      const hubs = [...new Map((gws ?? []).map((g) => [g.hubId.toLowerCase(), g.hubId])).values()];
      const got = await Promise.all(
        hubs.map((h) => attempt('a Virtual WAN hub’s connections', () => readHubConnections(network, h, signal))),
      );
      reads.hubConnections = got.flatMap((c) => c ?? []);
    }),
  ]);
  clearTimeout(timer);
  noteFilteredLists(reads);
  return reads;
}

/**
 * A role on some resource groups only gets subscription-wide lists filtered to those groups (a 200, not a 403).
 * The tell: a NIC in a subnet whose VNet (same subscription) is not in the VNet list. Said once, beside the rest.
 */
function noteFilteredLists(reads: SubscriptionReads): void {
  if (!reads.vnets || !reads.nics) return;
  const listed = new Set(reads.vnets.map((v) => v.id.toLowerCase()));
  const missing = new Map<string, string>();
  for (const nic of reads.nics)
    for (const c of nic.ipConfigs) {
      const vnetId = c.subnetId?.replace(/\/subnets\/[^/]+$/i, '');
      const p = vnetId ? parseResourceId(vnetId) : undefined;
      if (!vnetId || !p || p.subscriptionId.toLowerCase() !== reads.subscription.subscriptionId.toLowerCase()) continue;
      if (!listed.has(vnetId.toLowerCase())) missing.set(vnetId.toLowerCase(), `${p.name} (${p.resourceGroup})`);
    }
  if (missing.size === 0) return;
  reads.problems.push({
    tenantId: reads.subscription.tenantId,
    subscriptionId: reads.subscription.subscriptionId,
    subscriptionName: reads.subscription.displayName,
    what: 'virtual networks',
    kind: 'forbidden',
    message:
      `Only part of the subscription is readable (a role on some resource groups): the VNet(s) ` +
      `${[...missing.values()].join(', ')} are not listed, so subnet NSGs and VPN pools of their VMs are unknown, ` +
      `and VMs in other resource groups are not shown.`,
    fix: 'Ask for Reader on the subscription, or on the resource groups of the VNets named.',
  });
}
