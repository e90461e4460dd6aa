/**
 * Network reads of one subscription: NICs, public IPs and VNets (subnets with their NSG ids, peerings) listed
 * subscription-wide; the VPN gateways the GatewaySubnets point to, one read each; Virtual WAN P2S gateways and the
 * VNet connections of their hubs. NSGs themselves are not read: the inventory needs which NSGs apply (ids on the
 * NIC and the subnet), not their rules — connect reads those.
 */
import { parseResourceId } from '../../../shared/azure/resource-id';
import type { NetworkManagementClient } from '@azure/arm-network';
import type { GatewayRead, HubConnectionRead, NicRead, P2sGatewayRead, PublicIpRead, VnetRead } from './shapes';

type Network = NetworkManagementClient;

/** Collects a paged SDK list, mapping each item as it arrives so the SDK's objects can be dropped. */
async function mapAll<T, U>(it: AsyncIterable<T>, f: (t: T) => U | undefined): Promise<U[]> {
  const out: U[] = [];
  for await (const x of it) {
    const u = f(x);
    if (u !== undefined) out.push(u);
  }
  return out;
}

/** Every NIC of the subscription. */
export function readNics(network: Network, signal: AbortSignal): Promise<NicRead[]> {
  return mapAll(network.networkInterfaces.listAll({ abortSignal: signal }), (n) =>
    n.id
      ? {
          id: n.id,
          name: n.name ?? '',
          ...(n.virtualMachine?.id ? { vmId: n.virtualMachine.id } : {}),
          ...(n.networkSecurityGroup?.id ? { nsgId: n.networkSecurityGroup.id } : {}),
          ipConfigs: (n.ipConfigurations ?? []).map((c) => ({
            id: c.id ?? '',
            ...(c.privateIPAddress ? { privateIp: c.privateIPAddress } : {}),
            ...(c.subnet?.id ? { subnetId: c.subnet.id } : {}),
            ...(c.publicIPAddress?.id ? { publicIpId: c.publicIPAddress.id } : {}),
            primary: c.primary ?? false,
          })),
        }
      : undefined,
  );
}

/** Every public IP of the subscription. */
export function readPublicIps(network: Network, signal: AbortSignal): Promise<PublicIpRead[]> {
  return mapAll(network.publicIPAddresses.listAll({ abortSignal: signal }), (p) =>
    p.id
      ? {
          id: p.id,
          ...(p.ipAddress ? { ipAddress: p.ipAddress } : {}),
          ...(p.ipConfiguration?.id ? { ipConfigId: p.ipConfiguration.id } : {}),
        }
      : undefined,
  );
}

/** Every VNet of the subscription, with subnets (NSG ids, IP configuration ids) and peerings. */
export function readVnets(network: Network, signal: AbortSignal): Promise<VnetRead[]> {
  return mapAll(network.virtualNetworks.listAll({ abortSignal: signal }), (v) =>
    v.id
      ? {
          id: v.id,
          subnets: (v.subnets ?? []).map((s) => ({
            id: s.id ?? '',
            name: s.name ?? '',
            ...(s.networkSecurityGroup?.id ? { nsgId: s.networkSecurityGroup.id } : {}),
            ipConfigIds: (s.ipConfigurations ?? []).map((c) => c.id).filter((id): id is string => !!id),
          })),
          peerings: (v.virtualNetworkPeerings ?? [])
            .filter((p) => p.remoteVirtualNetwork?.id)
            .map((p) => ({
              remoteVnetId: p.remoteVirtualNetwork!.id!,
              useRemoteGateways: p.useRemoteGateways ?? false,
              allowGatewayTransit: p.allowGatewayTransit ?? false,
              connected: (p.peeringState ?? 'Connected') === 'Connected',
            })),
        }
      : undefined,
  );
}

/** The VPN gateway ids the GatewaySubnets of these VNets point to (their IP configurations' parents). */
export function gatewayIdsOf(vnets: VnetRead[]): string[] {
  const ids = new Map<string, string>();
  for (const v of vnets)
    for (const s of v.subnets) {
      if (s.name.toLowerCase() !== 'gatewaysubnet') continue;
      for (const c of s.ipConfigIds) {
        const m = c.match(/^(.*\/providers\/Microsoft\.Network\/virtualNetworkGateways\/[^/]+)\/ipConfigurations\//i);
        if (m) ids.set(m[1]!.toLowerCase(), m[1]!);
      }
    }
  return [...ids.values()];
}

/** Reads one VPN gateway by id: its point-to-site pools (none for ExpressRoute or a gateway without P2S). */
export async function readGateway(network: Network, id: string, signal: AbortSignal): Promise<GatewayRead> {
  const p = parseResourceId(id);
  if (!p?.resourceGroup || !p.name) return { id, pools: [] };
  const gw = await network.virtualNetworkGateways.get(p.resourceGroup, p.name, { abortSignal: signal });
  return { id: gw.id ?? id, pools: gw.vpnClientConfiguration?.vpnClientAddressPool?.addressPrefixes ?? [] };
}

/** Every Virtual WAN point-to-site gateway of the subscription, with its hub and pools. */
export function readP2sGateways(network: Network, signal: AbortSignal): Promise<P2sGatewayRead[]> {
  return mapAll(network.p2SVpnGateways.list({ abortSignal: signal }), (g) =>
    g.id && g.virtualHub?.id
      ? {
          id: g.id,
          hubId: g.virtualHub.id,
          pools: (g.p2SConnectionConfigurations ?? []).flatMap((c) => c.vpnClientAddressPool?.addressPrefixes ?? []),
        }
      : undefined,
  );
}

/** The VNet connections of one hub (Azure lists them per hub only). */
export async function readHubConnections(
  network: Network,
  hubId: string,
  signal: AbortSignal,
): Promise<HubConnectionRead[]> {
  const p = parseResourceId(hubId);
  if (!p?.resourceGroup || !p.name) return [];
  return mapAll(network.hubVirtualNetworkConnections.list(p.resourceGroup, p.name, { abortSignal: signal }), (c) =>
    c.remoteVirtualNetwork?.id ? { hubId, vnetId: c.remoteVirtualNetwork.id } : undefined,
  );
}
